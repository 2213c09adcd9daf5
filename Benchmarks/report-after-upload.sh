#!/usr/bin/env bash
# Reports that follow the data: on a large city, `GET /v1/report` after one school's upload
# (the service brings its last report up to date with the schools that changed) against the
# same report judged whole (the first report of a service started fresh on the same database),
# on SQLite and on PostgreSQL, in the same run; and the two reports compared byte for byte.
#
#   Benchmarks/report-after-upload.sh [SCHOOLS] [UPLOADS]     (defaults: 100000 schools, 5)
#
# Each upload is 10 download tests of another school, POSTed by an admin token; the time is
# curl's, from the request to the last byte of the report (tens of MB) on loopback. The
# PostgreSQL server is one of its own (Scripts/temp-postgres.sh, durable settings).
source "$(dirname "$0")/common.sh"
schools=${1:-100000}
uploads=${2:-5}
port=55435
http=18095
asof=2026-11-24

city="$work/city-$schools"
if [ ! -f "$city/schools.csv" ]; then
  "$bin" sample-city "$city" --schools "$schools" >&2
fi
sqlite="$work/report-$schools.sqlite"
rm -f "$sqlite" "$sqlite-wal" "$sqlite-shm"
Scripts/temp-postgres.sh stop "$work/pg-report" 2>/dev/null || true
rm -rf "$work/pg-report"
url=$(Scripts/temp-postgres.sh start "$work/pg-report" "$port")
PGPASSWORD=$(cat "$work/pg-report/password")
export PGPASSWORD
service=
cleanup() {
  [ -n "$service" ] && kill "$service" 2>/dev/null && wait "$service" 2>/dev/null
  Scripts/temp-postgres.sh stop "$work/pg-report"
}
trap cleanup EXIT
echo "importing $schools schools into SQLite and PostgreSQL" >&2
"$bin" import "$city" --replace-measurements --db "$sqlite" >/dev/null
"$bin" import "$city" --replace-measurements --db "$url" >/dev/null
# As after any bulk load: the statistics made now, not by autovacuum during the measurements.
psql "$url" -qc "VACUUM ANALYZE" >/dev/null

start_service() {
  "$bin" serve --db "$1" --port "$http" --log-level warning >"$work/report-serve.log" 2>&1 &
  service=$!
  for _ in $(seq 600); do curl -sf "http://127.0.0.1:$http/healthz" >/dev/null && return; sleep 0.2; done
  echo "schoolnet serve did not answer; see $work/report-serve.log" >&2
  return 1
}
stop_service() {
  kill "$service" && wait "$service" 2>/dev/null
  service=
}
# timed_report FILE: GET /v1/report into FILE; prints seconds.
timed_report() {
  curl -sf -o "$1" -w '%{time_total}' -H "Authorization: Bearer $planner" \
    "http://127.0.0.1:$http/v1/report?as_of=$asof"
}
# upload N: 10 download tests of the N-th school of the city.
upload() {
  local code items=()
  code=$(sed -n "$(($1 * 97 % schools + 2))p" "$city/schools.csv" | cut -d, -f1)
  for i in $(seq 0 9); do
    items+=("{\"id\": \"bench-$1-$i\", \"school_code\": \"$code\", \"probe_id\": \"bench\", \
\"kind\": \"throughput_down\", \"started_at\": \"2026-11-23T10:0$i:00+08:00\", \"duration_s\": 10, \
\"mbps\": $((i + 1)).5, \"valid\": true}")
  done
  local body
  body="{\"measurements\": [$(IFS=,; echo "${items[*]}")]}"
  curl -sf -o /dev/null -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    --data-binary "$body" "http://127.0.0.1:$http/v1/measurements"
}

results=()
for db in "$sqlite" "$url"; do
  name=$([ "$db" = "$sqlite" ] && echo SQLite || echo PostgreSQL)
  admin=$("$bin" tokens create --db "$db" --scope admin 2>/dev/null)
  planner=$("$bin" tokens create --db "$db" --scope planner 2>/dev/null)
  start_service "$db"
  first=$(timed_report "$work/report-first.json")
  # The same report again, nothing changed: the floor (sending the report) an update adds to.
  unchanged=()
  for _ in 1 2 3; do unchanged+=("$(timed_report "$work/report-unchanged.json")"); done
  after=()
  for n in $(seq "$uploads"); do
    upload "$n"
    after+=("$(timed_report "$work/report-after.json")")
  done
  stop_service
  # The same city judged whole by a service that has seen none of it.
  start_service "$db"
  whole=$(timed_report "$work/report-whole.json")
  stop_service
  cmp -s "$work/report-after.json" "$work/report-whole.json" && same="same bytes" || same="REPORTS DIFFER"
  cmp -s "$work/report-first.json" "$work/report-after.json" && same="$same; UNCHANGED BY THE UPLOADS"
  results+=("$(printf '%-10s  after an upload %6.3f s (median of %s: %s)   unchanged %6.3f s   judged whole %6.2f s (first: %.2f s)   %s' \
    "$name" "$(printf '%s\n' "${after[@]}" | median)" "$uploads" "${after[*]}" \
    "$(printf '%s\n' "${unchanged[@]}" | median)" "$whole" "$first" "$same")")
done
printf 'city: %s schools; report of %s: %s MB\n' "$schools" "$asof" "$(($(wc -c <"$work/report-whole.json") / 1000000))"
printf '%s\n' "${results[@]}"
echo "goal: after an upload under 0.200 s on both"
