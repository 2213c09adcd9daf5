#!/usr/bin/env bash
# Compliance benchmark: `schoolnet check --inventory` on a generated city, end to end, with the
# time of each phase, beside a bare byte scan of the same CSV files (wc -l) in the same run.
#
#   Benchmarks/check-city.sh [SCHOOLS]      (default: 500000 schools, about 10 million measurements)
source "$(dirname "$0")/common.sh"
schools=${1:-500000}

city="$work/check-city-$schools"
if [ ! -f "$city/measurements.csv" ]; then
  # Two weeks of tests at 60% of schools and a day of 5-minute samples at 2% of them:
  # about 20 measurements a school.
  "$bin" sample-city "$city" --schools "$schools" --test-days 14 --utilisation-share 0.02 >&2
fi
echo "city: $schools schools; $(($(wc -l <"$city/assets.csv") - 1)) assets; $(($(wc -l <"$city/measurements.csv") - 1)) measurements"
cat "$city"/*.csv >/dev/null  # warm the page cache for both tools alike
bytes=$(cat "$city"/*.csv | wc -c)

start=$(now)
wc -l "$city"/*.csv >/dev/null
awk -v a="$start" -v b="$(now)" -v bytes="$bytes" \
  'BEGIN { printf "wc -l (byte scan)   %.3f s   %.1f MB, %.0f MB/s\n", b - a, bytes / 1e6, bytes / 1e6 / (b - a) }'

# The machine is shared and its speed varies from run to run: three runs, each timed end to end
# (process start to exit, output to /dev/null) beside its own phases; the median is the figure.
for run in 1 2 3; do
  echo "schoolnet check --inventory, run $run, by phase:"
  start=$(now)
  "$bin" check --inventory "$city" --as-of 2026-11-24 --format json --timings 2>"$work/check-timings.txt" >/dev/null
  end=$(now)
  sed 's/^/  /' "$work/check-timings.txt"
  awk -v a="$start" -v b="$end" -v bytes="$bytes" \
    'BEGIN { printf "  end to end (wall)   %.3f s   %.0f MB/s of CSV\n", b - a, bytes / 1e6 / (b - a) }'
done
