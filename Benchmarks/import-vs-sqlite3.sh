#!/usr/bin/env bash
# Import benchmark: SchoolNet's `import` (parse, validate, insert, indexes) against the sqlite3
# shell's `.import` of the same CSV files into plain tables, in the same run, on the same disk.
#
#   Benchmarks/import-vs-sqlite3.sh [SCHOOLS] [RUNS]     (defaults: 100000 schools, 3 runs)
#
# Both write a new database file in WAL mode. The median of the runs is reported.
source "$(dirname "$0")/common.sh"
schools=${1:-100000}
runs=${2:-3}

command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }

city="$work/city-$schools"
if [ ! -f "$city/schools.csv" ]; then
  "$bin" sample-city "$city" --schools "$schools" --probed-share 0 >&2
fi
rows=$(($(cat "$city"/*.csv | wc -l) - $(ls "$city"/*.csv | wc -l)))
bytes=$(cat "$city"/*.csv | wc -c)

schoolnet_times=()
sqlite_times=()
for run in $(seq "$runs"); do
  rm -f "$work"/schoolnet.sqlite* "$work"/raw.sqlite*
  start=$(now)
  "$bin" import "$city" --db "$work/schoolnet.sqlite" >/dev/null
  schoolnet_times+=("$(elapsed "$start")")

  start=$(now)
  {
    echo "PRAGMA journal_mode=WAL;"
    echo ".mode csv"
    for file in "$city"/*.csv; do echo ".import $file $(basename "$file" .csv)"; done
  } | sqlite3 "$work/raw.sqlite" >/dev/null
  sqlite_times+=("$(elapsed "$start")")
done

ours=$(printf '%s\n' "${schoolnet_times[@]}" | median)
theirs=$(printf '%s\n' "${sqlite_times[@]}" | median)
printf 'city: %s schools, %s CSV rows, %s MB\n' "$schools" "$rows" "$((bytes / 1000000))"
printf 'schoolnet import          %6.2f s   (runs: %s)\n' "$ours" "${schoolnet_times[*]}"
printf 'sqlite3 .import (plain)   %6.2f s   (runs: %s)\n' "$theirs" "${sqlite_times[*]}"
printf 'ratio                     %6.2f x   (goal: at most 2x)\n' "$(awk -v a="$ours" -v b="$theirs" 'BEGIN { print a / b }')"
