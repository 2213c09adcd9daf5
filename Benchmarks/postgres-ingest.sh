#!/usr/bin/env bash
# Ingest on PostgreSQL: measurement batches POSTed by a second process (schoolnet bench-ingest)
# to one `schoolnet serve` on a PostgreSQL database, then the same number of rows to two
# instances on that database (the clients take them in turn), in the same run.
#
#   Benchmarks/postgres-ingest.sh [ROWS] [CLIENTS] [BATCH]     (defaults: 200000 8 100)
#
# The clients write different schools (a school's writes wait for each other, by design). The
# server is one of its own (Scripts/temp-postgres.sh, durable settings) in $work/pg-ingest; on
# a 2-core machine the database, the instances and the client share the same two cores.
source "$(dirname "$0")/common.sh"
rows=${1:-200000}
clients=${2:-8}
batch=${3:-100}
port=55434

Scripts/temp-postgres.sh stop "$work/pg-ingest" 2>/dev/null || true
rm -rf "$work/pg-ingest"
url=$(Scripts/temp-postgres.sh start "$work/pg-ingest" "$port")
PGPASSWORD=$(cat "$work/pg-ingest/password")
export PGPASSWORD
services=()
cleanup() {
  for pid in "${services[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  Scripts/temp-postgres.sh stop "$work/pg-ingest"
}
trap cleanup EXIT
"$bin" import Inventory/sample-city --db "$url" >/dev/null
admin=$("$bin" tokens create --db "$url" --scope admin 2>/dev/null)
for p in 18091 18092; do
  "$bin" serve --db "$url" --port "$p" --log-level warning >"$work/pg-ingest-$p.log" 2>&1 &
  services+=($!)
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$p/healthz" >/dev/null && break; sleep 0.2; done
done
schools=$(cut -d, -f1 Inventory/sample-city/schools.csv | sed -n "2,$((clients + 1))p" | sed 's/^/--schools /' | tr '\n' ' ')

one() {
  # shellcheck disable=SC2086
  "$bin" bench-ingest --service-only --url http://127.0.0.1:18091 --token "$admin" --rows "$1" \
    --batch "$batch" --clients "$clients" $schools
}
two() {
  # shellcheck disable=SC2086
  "$bin" bench-ingest --service-only --url http://127.0.0.1:18091 --url http://127.0.0.1:18092 --token "$admin" \
    --rows "$1" --batch "$batch" --clients "$clients" $schools
}
# A first round, as large as the others, warms both instances' pools, the month's partition,
# the caches and the database's first autovacuum of the results (a warm-up of 10,000 rows left
# the next round at a third of the speed of those after it); then one and two instances in
# turn, twice.
one "$rows" >/dev/null
two "$rows" >/dev/null
: >"$work/pg-ingest-one.txt"
: >"$work/pg-ingest-two.txt"
for round in 1 2; do
  echo "== one instance, round $round"
  one "$rows" | tee -a "$work/pg-ingest-one.txt"
  echo "== two instances, round $round"
  two "$rows" | tee -a "$work/pg-ingest-two.txt"
done
one=$(awk '/service ingest/ {s += $6; n++} END {print s / n}' "$work/pg-ingest-one.txt")
two=$(awk '/service ingest/ {s += $6; n++} END {print s / n}' "$work/pg-ingest-two.txt")
printf 'one instance   %8.0f rows/s (mean of 2)\n' "$one"
printf 'two instances  %8.0f rows/s (mean of 2)\n' "$two"
printf 'two / one      %8.2f x      (goal: at least 1.5x)\n' "$(awk -v a="$two" -v b="$one" 'BEGIN { print a / b }')"
