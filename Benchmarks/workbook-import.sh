#!/usr/bin/env bash
# Workbook benchmark: `schoolnet import` of a generated city from its .xlsx workbook against the
# same city from its CSV folder, in the same run, into new databases on the same disk.
#
#   Benchmarks/workbook-import.sh [SCHOOLS] [RUNS]     (defaults: 100000 schools, 3 runs)
#
# The workbook is the one `schoolnet export city.xlsx` writes of the imported folder. The median
# of the runs is reported, with each import's peak memory (maximum resident set, GNU time).
source "$(dirname "$0")/common.sh"
schools=${1:-100000}
runs=${2:-3}

city="$work/city-$schools"
if [ ! -f "$city/schools.csv" ]; then
  "$bin" sample-city "$city" --schools "$schools" --probed-share 0 >&2
fi
workbook="$work/city-$schools.xlsx"
if [ ! -f "$workbook" ]; then
  rm -f "$work"/export.sqlite*
  "$bin" import "$city" --db "$work/export.sqlite" >/dev/null
  start=$(now)
  "$bin" export "$workbook" --db "$work/export.sqlite" >/dev/null
  printf 'export to .xlsx            %6.2f s\n' "$(elapsed "$start")"
fi
rows=$(($(cat "$city"/*.csv | wc -l) - $(ls "$city"/*.csv | wc -l)))

# timed FILE SOURCE: imports SOURCE into a new database; prints "seconds peak-KiB".
timed() {
  rm -f "$work"/bench.sqlite*
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$bin" import "$2" --db "$work/bench.sqlite" >/dev/null
  cat "$work/time.txt"
}

csv_times=()
xlsx_times=()
csv_peaks=()
xlsx_peaks=()
for run in $(seq "$runs"); do
  read -r seconds peak < <(timed csv "$city")
  csv_times+=("$seconds")
  csv_peaks+=("$((peak / 1024))")
  read -r seconds peak < <(timed xlsx "$workbook")
  xlsx_times+=("$seconds")
  xlsx_peaks+=("$((peak / 1024))")
done

csv=$(printf '%s\n' "${csv_times[@]}" | median)
xlsx=$(printf '%s\n' "${xlsx_times[@]}" | median)
printf 'city: %s schools, %s rows; CSV %s MB, workbook %s MB\n' "$schools" "$rows" \
  "$(($(cat "$city"/*.csv | wc -c) / 1000000))" "$(($(wc -c <"$workbook") / 1000000))"
printf 'import from CSV folder     %6.2f s   peak %5s MB   (runs: %s)\n' "$csv" "${csv_peaks[0]}" "${csv_times[*]}"
printf 'import from .xlsx          %6.2f s   peak %5s MB   (runs: %s)\n' "$xlsx" "${xlsx_peaks[0]}" "${xlsx_times[*]}"
printf 'ratio                      %6.2f x   (goal: at most 3x)\n' "$(awk -v a="$xlsx" -v b="$csv" 'BEGIN { print a / b }')"
