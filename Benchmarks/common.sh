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
