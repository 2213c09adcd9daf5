#!/usr/bin/env bash
# Offline analysis benchmark: `schoolnet-probe analyze` on a capture of over 5 million packets,
# beside `tcpdump -r FILE -w /dev/null` (a plain read that only copies records) and tshark's
# `-q -z io,stat,1` (the same per-second counts) in the same run; wall time and peak memory.
#
#   Benchmarks/analyze-vs-tshark.sh [RUNS]    (default 3; tshark runs once, it is slow)
#
# The capture is real: iperf3 through the lab's unshaped veth for 15 s, headers only (-s 96),
# made once into $BENCH_DIR (needs root; see Probes/lab.sh).
product=schoolnet-probe
source "$(dirname "$0")/common.sh"
runs=${1:-3}
probe=$bin
capture="$work/lab-5m.pcap"

if [ ! -f "$capture" ]; then
  trap 'Probes/lab.sh down' EXIT
  Probes/lab.sh up --rate none
  Probes/lab.sh exec metro iperf3 -s -p 5400 >/dev/null 2>&1 &
  sleep 0.5
  Probes/lab.sh exec school tcpdump -i veth-school -s 96 -B 65536 -w "$capture" 2>"$work/tcpdump.err" &
  sleep 1
  Probes/lab.sh exec school iperf3 -c 10.201.0.2 -p 5400 -t 15 -P 2 >/dev/null
  sleep 2
  Probes/lab.sh exec school pkill -INT tcpdump
  sleep 1
  Probes/lab.sh down
  trap - EXIT
  cat "$work/tcpdump.err" >&2
fi
packets=$(tcpdump -r "$capture" -w /dev/null --count 2>/dev/null | awk '{print $1}')
echo "capture: $capture, $packets packets, $(($(stat -c %s "$capture") / 1000000)) MB"
cat "$capture" >/dev/null  # warm the page cache alike for all

measure() {  # label, command...: prints wall seconds and peak resident MB (median run by time)
  local label=$1; shift
  local results=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$work/time.out" -f "%e %M" "$@" >/dev/null 2>&1
    results+=("$(tail -1 "$work/time.out")")
  done
  printf '%s\n' "${results[@]}" | sort -n | awk -v label="$label" -v n="$runs" \
    'NR == int((n + 1) / 2) { printf "%-44s %7.2f s  %6.1f MB peak\n", label, $1, $2 / 1024 }'
}
measure "schoolnet-probe analyze (per-second CSV)" "$probe" analyze "$capture" --format csv --local 10.201.0.1
measure "tcpdump -r FILE -w /dev/null" tcpdump -r "$capture" -w /dev/null
runs=1 measure "tshark -q -z io,stat,1 -r FILE" tshark -q -z io,stat,1 -r "$capture"
