# Sourced by the benchmark scripts: the repository as working folder, a release build of
# $product (default `schoolnet`) in $bin, and $work for generated data (BENCH_DIR, default
# /tmp/schoolnet-bench).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=${BENCH_DIR:-/tmp/schoolnet-bench}
mkdir -p "$work"
product=${product:-schoolnet}
swift build -c release --product "$product" >&2
bin=$(swift build -c release --show-bin-path)/$product

# serve DB PORT LOG: runs `schoolnet serve` on DB in the background until the script exits, and
# waits (up to a minute) until it answers /healthz.
serve() {
  "$bin" serve --db "$1" --port "$2" --log-level warning >"$3" 2>&1 &
  service=$!
  trap 'kill $service 2>/dev/null; wait $service 2>/dev/null' EXIT
  for _ in $(seq 300); do curl -sf "http://127.0.0.1:$2/healthz" >/dev/null && return; sleep 0.2; done
  echo "schoolnet serve did not answer on port $2; see $3" >&2
  return 1
}

# now: the time in seconds with nanoseconds; elapsed START: seconds since START (two decimals);
# median: the median of the numbers on standard input, one a line.
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
