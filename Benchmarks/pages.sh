#!/usr/bin/env bash
# The planners' pages on a generated city (default 100,000 schools), against a release build:
# the server's own time (its Server-Timing header) of the overview, the schools list (filtered
# and not), a school page, the probes page and the map, once the report of the day is evaluated,
# and the size of each page. The same run times GET /v1/report (the JSON the pages are made from)
# as the reference.
#
#   Benchmarks/pages.sh [SCHOOLS] [REQUESTS]      (defaults 100000 and 30 requests a page)
source "$(dirname "$0")/common.sh"
schools=${1:-100000}
requests=${2:-30}
city="$work/pages-city-$schools"
if [ ! -f "$city/measurements.csv" ]; then
  "$bin" sample-city "$city" --schools "$schools" --test-days 14 --utilisation-share 0.02 >&2
fi
db="$work/pages-$schools.sqlite"
if [ ! -f "$db" ]; then
  "$bin" import "$city" --db "$db" >&2
fi
port=18090
serve "$db" "$port" "$work/pages.log"
planner=$("$bin" tokens create --db "$db" --scope planner 2>/dev/null)
day=2026-11-24
base="http://127.0.0.1:$port"
school=$(awk -F, 'NR == 2 { print $1 }' "$city/schools.csv")
district=$(awk -F, 'NR == 2 { print $3 }' "$city/schools.csv")
district_q=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$district")

first() {
  curl -s -o /dev/null -D - -H "Authorization: Bearer $planner" "$base$1" | tr -d '\r' \
    | sed -n 's/^Server-Timing: app;dur=//p'
}
echo "city: $schools schools; first overview (reads the city, evaluates the report): $(first "/?as_of=$day") ms"
echo "first school page (builds the school directory): $(first "/schools/$school?as_of=$day") ms"
echo
printf '%-44s %10s %10s %10s\n' "page (as of $day, $requests requests)" "median ms" "p95 ms" "bytes"
for path in "/v1/report?as_of=$day" "/?as_of=$day&lang=zh" "/schools?as_of=$day&lang=zh" \
  "/schools?as_of=$day&lang=zh&district=$district_q&rule=MEASURED_BELOW_STANDARD" \
  "/schools/$school?as_of=$day&lang=zh" "/probes?as_of=$day&lang=zh" "/map?as_of=$day&lang=zh"; do
  times=()
  for _ in $(seq "$requests"); do
    times+=("$(first "$path")")
  done
  bytes=$(curl -s -H "Authorization: Bearer $planner" "$base$path" | wc -c)
  label=${path%%\?*}
  case "$path" in *district=*) label="$label (district + rule)" ;; esac
  printf '%s\n' "${times[@]}" | sort -g | awk -v label="$label" -v bytes="$bytes" '
    { t[NR] = $1 } END { printf "%-44s %10.1f %10.1f %10d\n", label, t[int((NR + 1) / 2)], t[int(NR * 0.95 + 0.999)], bytes }'
done
