#!/usr/bin/env bash
# Renewal-planner benchmark: `schoolnet renewals` over 5 years on a generated city, with the time
# of each phase (read the CSV, plan, write the CSV of every replacement and backlog item).
#
#   Benchmarks/renewals-city.sh [SCHOOLS]   (default: 200000 schools, about 5 million assets)
source "$(dirname "$0")/common.sh"
schools=${1:-200000}

city="$work/renewals-city-$schools"
if [ ! -f "$city/assets.csv" ]; then
  # Assets are what the planner reads; keep measurements out of the way.
  "$bin" sample-city "$city" --schools "$schools" --probed-share 0 --utilisation-share 0 >&2
fi
echo "city: $schools schools; $(($(wc -l <"$city/assets.csv") - 1)) assets"
echo "schoolnet renewals --years 5, by phase:"
"$bin" renewals --inventory "$city" --years 5 --start-year 2027 --format csv --timings 2>&1 >/dev/null | sed 's/^/  /'
