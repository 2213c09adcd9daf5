#!/usr/bin/env bash
# The inventory service under load, on loopback, against a release build:
#  1. ingest: measurement batches of 500 POSTed by a second process (schoolnet bench-ingest,
#     CLIENTS connections), against a raw GRDB insert of the same rows in the same run;
#  2. the sample city's report under 50 concurrent clients (wrk), median and tail latency.
# Usage: Benchmarks/service.sh [ROWS] [CLIENTS] [SECONDS]    (defaults 200000 4 20)
source "$(dirname "$0")/common.sh"
rows=${1:-200000}
clients=${2:-4}
seconds=${3:-20}
db="$work/service-bench.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
port=18080
serve "$db" "$port" "$work/service.log"
admin=$("$bin" tokens create --db "$db" --scope admin 2>/dev/null)
planner=$("$bin" tokens create --db "$db" --scope planner 2>/dev/null)

echo "== ingest: $rows results, batches of 500, $clients clients"
"$bin" bench-ingest --url "http://127.0.0.1:$port" --token "$admin" --rows "$rows" --batch 500 --clients "$clients"

echo
echo "== report: GET /v1/report?as_of=2026-11-20 (sample city, 300 schools), 50 connections, ${seconds} s"
wrk -t 2 -c 50 -d "${seconds}s" --latency -H "Authorization: Bearer $planner" \
  "http://127.0.0.1:$port/v1/report?as_of=2026-11-20" | sed -n '/Latency Distribution/,/Transfer/p'
