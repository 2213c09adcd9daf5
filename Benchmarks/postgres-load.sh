#!/usr/bin/env bash
# PostgreSQL benchmark: a whole city into PostgreSQL with `schoolnet import --db postgres://...`
# (read the folder, check it, COPY every table in one transaction) against PostgreSQL's own
# COPY of the same rows from files on the server (the floor: no parsing, no checks, no
# network), into the same schema, in the same run; then the compliance report of that city
# read from PostgreSQL (`check --db`), beside the report read from the folder (`check
# --inventory`) and from SQLite (`check --db FILE`).
#
#   Benchmarks/postgres-load.sh [SCHOOLS] [RUNS] [SHAPE]   (defaults: 500000 schools, 3 runs, dense)
#
# SHAPE: `dense`, sample-city's defaults (about 95 results a school: 21 test days, a fifth of
# schools with 3 days of 5-minute samples); `national`, check-city.sh's city (about 22 a school:
# 14 test days, 2% of schools sampled), the national city of the README's other benchmarks.
#
# The server is one of its own (Scripts/temp-postgres.sh, durable settings) in $work/pg.
source "$(dirname "$0")/common.sh"
schools=${1:-500000}
runs=${2:-3}
shape=${3:-dense}
port=55433

case "$shape" in
dense)
  city="$work/city-$schools"
  shape_options=()
  ;;
national)
  city="$work/check-city-$schools"
  shape_options=(--test-days 14 --utilisation-share 0.02)
  ;;
*)
  echo "SHAPE must be dense or national" >&2
  exit 2
  ;;
esac
if [ ! -f "$city/schools.csv" ]; then
  "$bin" sample-city "$city" --schools "$schools" "${shape_options[@]}" >&2
fi
asof=2026-11-24
rows=$(($(cat "$city"/*.csv | wc -l) - $(ls "$city"/*.csv | wc -l)))
bytes=$(cat "$city"/*.csv | wc -c)

Scripts/temp-postgres.sh stop "$work/pg" 2>/dev/null || true
rm -rf "$work/pg"
url=$(Scripts/temp-postgres.sh start "$work/pg" "$port")
trap 'Scripts/temp-postgres.sh stop "$work/pg"' EXIT
PGPASSWORD=$(cat "$work/pg/password")
export PGPASSWORD
base=${url%/*}
psql_on() { psql -h 127.0.0.1 -p "$port" -U schoolnet -v ON_ERROR_STOP=1 -qAt "$@"; }

tables="districts schools links assets egress_links storage_readings measurements"

ours=()
copy=()
for run in $(seq "$runs"); do
  psql_on -d postgres -c "DROP DATABASE IF EXISTS city" -c "CREATE DATABASE city"
  start=$(now)
  "$bin" import "$city" --replace-measurements --db "$base/city" >/dev/null
  ours+=("$(elapsed "$start")")
  echo "run $run: schoolnet import ${ours[-1]} s" >&2

  # The same rows as files on the server, and a database of the same schema (its tables empty,
  # the month partitions made) to COPY them into.
  if [ "$run" = 1 ]; then
    mkdir -p "$work/pg/rows"
    chown postgres "$work/pg/rows" 2>/dev/null || true
    for table in $tables; do psql_on -d city -c "COPY (SELECT * FROM $table) TO '$work/pg/rows/$table.txt'"; done
    psql_on -d postgres -c "DROP DATABASE IF EXISTS plain" -c "CREATE DATABASE plain WITH TEMPLATE city"
  fi
  start=$(now)
  {
    echo "BEGIN;"
    echo "TRUNCATE ${tables// /, };"
    for table in $tables; do echo "COPY $table FROM '$work/pg/rows/$table.txt';"; done
    echo "COMMIT;"
  } | psql_on -d plain
  copy+=("$(elapsed "$start")")
done

check_pg=()
check_folder=()
check_sqlite=()
rm -f "$work/pg-bench.sqlite"*
"$bin" import "$city" --db "$work/pg-bench.sqlite" >/dev/null
for run in $(seq "$runs"); do
  start=$(now)
  "$bin" check --db "$base/city" --as-of "$asof" >"$work/check-pg.txt"
  check_pg+=("$(elapsed "$start")")
  start=$(now)
  "$bin" check --inventory "$city" --as-of "$asof" >"$work/check-folder.txt"
  check_folder+=("$(elapsed "$start")")
  start=$(now)
  "$bin" check --db "$work/pg-bench.sqlite" --as-of "$asof" >"$work/check-sqlite.txt"
  check_sqlite+=("$(elapsed "$start")")
done
cmp -s "$work/check-pg.txt" "$work/check-folder.txt" && cmp -s "$work/check-pg.txt" "$work/check-sqlite.txt" \
  && same="the three reports are the same, byte for byte" || same="THE REPORTS DIFFER"

a=$(printf '%s\n' "${ours[@]}" | median)
b=$(printf '%s\n' "${copy[@]}" | median)
printf 'city: %s schools, %s rows, %s MB of CSV\n' "$schools" "$rows" "$((bytes / 1000000))"
printf 'schoolnet import --db postgres://   %7.2f s   (runs: %s)\n' "$a" "${ours[*]}"
printf 'PostgreSQL COPY of the same rows    %7.2f s   (runs: %s)\n' "$b" "${copy[*]}"
printf 'ratio                               %7.2f x   (goal: at most 2x)\n' "$(awk -v a="$a" -v b="$b" 'BEGIN { print a / b }')"
printf 'check --db postgres://              %7.2f s   (runs: %s; goal: under 30 s)\n' \
  "$(printf '%s\n' "${check_pg[@]}" | median)" "${check_pg[*]}"
printf 'check --db FILE.sqlite              %7.2f s   (runs: %s)\n' \
  "$(printf '%s\n' "${check_sqlite[@]}" | median)" "${check_sqlite[*]}"
printf 'check --inventory FOLDER            %7.2f s   (runs: %s)\n' \
  "$(printf '%s\n' "${check_folder[@]}" | median)" "${check_folder[*]}"
echo "$same"
