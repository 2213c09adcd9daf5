# Sourced by the benchmark scripts: the repository as working folder, a release build of
# `schoolnet` in $bin, and $work for the generated cities (BENCH_DIR, default /tmp/schoolnet-bench).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=${BENCH_DIR:-/tmp/schoolnet-bench}
mkdir -p "$work"
swift build -c release --product schoolnet >&2
bin=$(swift build -c release --show-bin-path)/schoolnet
