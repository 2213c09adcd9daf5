#!/usr/bin/env bash
# Builds schoolnet, serves the sample city from a throwaway database and writes the README's
# pictures of the pages in Chinese into docs/screenshots/ (overview, map and a school page, each
# at 1280x800 and 390x844) with headless Chromium; Scripts/install-deps.sh installs the browser.
#   Scripts/screenshots.sh [FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:-docs/screenshots}
swift build --product schoolnet
binary="$(swift build --show-bin-path)/schoolnet"
work=$(mktemp -d)
service=""
cleanup() {
  if [ -n "$service" ]; then kill "$service" 2>/dev/null && wait "$service" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$binary" serve --db "$work/city.sqlite" --port 0 --seed Inventory/sample-city --log-level error \
  >"$work/out" 2>"$work/log" &
service=$!
# The first line says where it listens: "schoolnet serve: listening on http://127.0.0.1:PORT (...)".
for _ in $(seq 1 300); do
  grep -q "listening on" "$work/out" && break
  kill -0 "$service" 2>/dev/null || { cat "$work/log" >&2; exit 1; }
  sleep 0.1
done
base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/out" | head -1)
[ -n "$base" ] || { echo "the service did not say where it listens" >&2; cat "$work/log" >&2; exit 1; }
planner=$("$binary" tokens create --db "$work/city.sqlite" --scope planner --name screenshots)
admin=$("$binary" tokens create --db "$work/city.sqlite" --scope admin --name screenshots)
/usr/bin/python3 Tests/Browser/pages_test.py --base "$base" --planner-token "$planner" --admin-token "$admin" \
  --screenshots "$folder" --screenshots-only
ls -l "$folder"/*.png
