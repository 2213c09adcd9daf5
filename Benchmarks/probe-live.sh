#!/usr/bin/env bash
# Live capture benchmark: `schoolnet-probe capture` on the lab's school veth while iperf3 pushes
# full-size frames through it for 30 s, at 1 Gbit/s and at 100 Mbit/s: the kernel's drops, the
# probe's CPU use (user + system over wall time, in % of one core) and its peak resident memory.
# Needs root (Probes/lab.sh).
#
#   Benchmarks/probe-live.sh [SECONDS]     (default 30)
product=schoolnet-probe
source "$(dirname "$0")/common.sh"
seconds=${1:-30}
probe=$bin
trap 'Probes/lab.sh down' EXIT

printf '%-10s %12s %14s %10s %12s %10s\n' rate "iperf3 Mbit/s" "probe Mbit/s" drops "CPU (1 core)" "peak RSS"
for rate in 1gbit 100mbit; do
  Probes/lab.sh up --rate "$rate"
  Probes/lab.sh exec metro iperf3 -s -1 -p 5500 >/dev/null 2>&1 &
  sleep 0.5
  Probes/lab.sh exec school /usr/bin/time -o "$work/live-time.out" -f "%U %S %e %M" \
    "$probe" capture --interface veth-school --seconds $((seconds + 4)) --quiet --local 10.201.0.1 \
    >"$work/live-out.txt" 2>"$work/live-err.txt" &
  sleep 1
  iperf=$(Probes/lab.sh exec school iperf3 -c 10.201.0.2 -p 5500 -t "$seconds" -J |
    python3 -c 'import json,sys; print(round(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/1e6, 1))')
  wait %2 2>/dev/null || true
  sleep 4
  drops=$(sed -n 's/.*kernel: [0-9]* received, \([0-9]*\) dropped.*/\1/p' "$work/live-err.txt")
  # The busiest sample's upload p95 is the shaped rate the probe saw.
  seen=$(sed -n 's/.*up \([0-9.]*\) \/ \([0-9.]*\) \/ .*/\2/p' "$work/live-out.txt" | sort -n | tail -1)
  read -r user sys elapsed rss <"$work/live-time.out"
  cpu=$(awk -v u="$user" -v s="$sys" -v e="$elapsed" 'BEGIN { printf "%.1f%%", 100 * (u + s) / e }')
  printf '%-10s %12s %14s %10s %12s %7.1f MB\n' "$rate" "$iperf" "$seen" "$drops" "$cpu" "$(echo "$rss / 1024" | bc -l)"
  Probes/lab.sh down
done
