#!/usr/bin/env bash
# Row-order benchmark: `schoolnet check --inventory` on one generated city in three row orders,
# side by side in the same run, beside a bare byte scan of the same files (wc -l):
#
# - ordered:  as `sample-city` writes it, every file's keys in increasing byte order;
# - shuffled: every CSV file's data rows shuffled (fixed seed, header kept);
# - odd keys: every CSV file's rows in the numeric order of their keys (`sort -V`), so that
#   `DL-CH-9999` comes before `DL-CH-10000`: ordered to a reader, out of byte order to a machine.
#
#   Benchmarks/check-shuffled.sh [SCHOOLS] [RUNS]      (defaults: 500000 schools, 3 runs)
#
# The three folders hold the same rows, so the reports must be the same: the script compares them.
source "$(dirname "$0")/common.sh"
schools=${1:-500000}
runs=${2:-3}

city="$work/check-city-$schools"
if [ ! -f "$city/measurements.csv" ]; then
  # The same city as check-city.sh's: about 20 measurements a school.
  "$bin" sample-city "$city" --schools "$schools" --test-days 14 --utilisation-share 0.02 >&2
fi

# reorder FOLDER COMMAND...: a copy of the city whose CSV files keep their header and have their
# data rows passed through COMMAND; made once.
reorder() {
  local copy=$1
  shift
  [ -f "$copy/done" ] && return
  rm -rf "$copy"
  mkdir -p "$copy"
  cp "$city/plan.yaml" "$copy/"
  for file in "$city"/*.csv; do
    { head -n 1 "$file"; tail -n +2 "$file" | "$@"; } >"$copy/$(basename "$file")"
  done
  touch "$copy/done"
}
# A fixed stream of random bytes, so the shuffle is the same on every machine and every run.
seeded_shuffle() { shuf --random-source=<(yes); }
export LC_ALL=C
reorder "$city-shuffled" seeded_shuffle
reorder "$city-oddkeys" sort -t, -k1,1V -s

bytes=$(cat "$city"/*.csv | wc -c)
echo "city: $schools schools; $(($(wc -l <"$city/assets.csv") - 1)) assets;" \
  "$(($(wc -l <"$city/measurements.csv") - 1)) measurements; $((bytes / 1000000)) MB of CSV in each order"
echo "first rows of assets.csv: shuffled $(sed -n 2p "$city-shuffled/assets.csv" | cut -d, -f1);" \
  "odd keys $(grep -n -m1 '^DL-CH-10000-' "$city-oddkeys/assets.csv" | cut -d, -f1) after" \
  "$(grep -m1 '^DL-CH-9999-' "$city-oddkeys/assets.csv" | cut -d, -f1)"

orders=(ordered shuffled oddkeys)
folder() { case $1 in ordered) echo "$city" ;; *) echo "$city-$1" ;; esac; }

declare -A wall scan differs
for run in $(seq "$runs"); do
  # Each order in turn within a run, so a slow minute of the shared machine falls on all three.
  for order in "${orders[@]}"; do
    dir=$(folder "$order")
    cat "$dir"/*.csv >/dev/null  # warm the page cache for both tools alike
    start=$(now)
    wc -l "$dir"/*.csv >/dev/null
    scan[$order]+="$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }') "
    start=$(now)
    "$bin" check --inventory "$dir" --as-of 2026-11-24 --format json --timings \
      2>"$work/check-$order-timings.txt" >"$work/check-$order-report.json"
    end=$(now)
    wall[$order]+="$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }') "
    echo "run $run, $order: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f s", b - a }') end to end;" \
      "$(grep -E '^(read|group)' "$work/check-$order-timings.txt" | tr -s ' ' | paste -sd ';' -)"
  done
  for order in shuffled oddkeys; do
    cmp -s "$work/check-ordered-report.json" "$work/check-$order-report.json" || differs[$order]=1
  done
done

echo "median of $runs runs:"
printf '  %-10s %9s %9s %12s\n' order "check s" "MB/s" "wc -l MB/s"
for order in "${orders[@]}"; do
  seconds=$(printf '%s\n' ${wall[$order]} | median)
  scanned=$(printf '%s\n' ${scan[$order]} | median)
  awk -v order="$order" -v s="$seconds" -v w="$scanned" -v bytes="$bytes" \
    'BEGIN { printf "  %-10s %9.3f %9.0f %12.0f\n", order, s, bytes / 1e6 / s, bytes / 1e6 / w }'
done
for order in shuffled oddkeys; do
  if [ -n "${differs[$order]:-}" ]; then
    echo "the $order folder's report differs from the ordered one's"
  else
    echo "the $order folder's report is the ordered one's, byte for byte"
  fi
done
[ -z "${differs[*]:-}" ]
