#!/usr/bin/env bash
# A district in a box: the inventory service and the reflectors in a metro namespace, one
# namespace per school of Probes/lab/district (six schools), each joined to the metro by its own
# veth pair shaped with tbf to its own rate, each running a real `schoolnet-probe run` with its
# own agent.yaml and probe token, a test schedule compressed to a few minutes, passive capture on
# its uplink, and results going through its outbox to the service. Then `schoolnet check` judges
# the district, and a table compares what each school was shaped to with what its probe measured
# and the verdict.
#
#   Probes/lab/district.sh run [--window-minutes 4] [--out DIR] [--screenshots DIR] [--bin DIR]
#   Probes/lab/district.sh down        remove every namespace and process it made
#
# The schools, as built (the plan: 5 Mbit/s a class for kindergartens and village schools, 10 for
# other primary and junior schools, 15 for senior; measured values are held to 90% of a target):
#   DL-LAB-0001 kindergarten, 6 classes: needs 30, contracted 40, shaped 40       -> meets the plan
#   DL-LAB-0002 village primary, 8:      needs 40, contracted 50, shaped 50       -> meets the plan
#   DL-LAB-0003 primary, 5:              needs 50, contracted 100, shaped 60      -> UNDER_DELIVERING
#   DL-LAB-0004 junior, 4:               needs 40, contracted 50, shaped 30       -> MEASURED_BELOW_STANDARD (and UNDER_DELIVERING)
#   DL-LAB-0005 senior, 3:               needs 45, contracted 60, shaped 60, with 24 Mbit/s of
#                                        other traffic from its classrooms during every test -> meets the plan
#   DL-LAB-0006 kindergarten, 4:         needs 20, contracted 30, shaped 30, its probe cut off
#                                        from the service for the first half of the run -> meets the plan
#
# Addresses: school N is 10.210.N.1/30 on `uplink` in namespace snd-sN; the metro is 10.210.N.2 on
# `sN` in snd-metro, where the service listens on port 8090 and school N's reflector on 5200+N.
# Needs root, iproute2, nftables, iperf3, python3; the built `schoolnet` and `schoolnet-probe`
# (swift build). Every namespace and process is removed at the end, on Ctrl-C, or by `down`.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=Probes/lab/tbf.sh
source Probes/lab/tbf.sh
METRO=snd-metro
SCHOOLS=6
rates=(0 40 50 60 30 60 30)  # Mbit/s, by school number
cross_school=5
cross_mbps=24
cutoff_school=6

die() { echo "district: $*" >&2; exit 1; }

down() {
  for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^snd-/ { print $1 }'); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  done
  sleep 0.5
  for ns in $(ip netns list 2>/dev/null | awk '$1 ~ /^snd-/ { print $1 }'); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns"
  done
}

shape() {  # namespace interface Mbit/s: as Probes/lab.sh shapes, offloads off
  ip netns exec "$1" ethtool -K "$2" tso off gso off gro off >/dev/null 2>&1 || true
  tbf_shape "$1" "$2" $(($3 * 1000000))
}

up() {
  down
  ip netns add $METRO
  ip -n $METRO link set lo up
  for n in $(seq 1 $SCHOOLS); do
    ip netns add "snd-s$n"
    ip -n "snd-s$n" link set lo up
    ip link add uplink netns "snd-s$n" type veth peer name "s$n" netns $METRO
    ip -n "snd-s$n" addr add "10.210.$n.1/30" dev uplink
    ip -n $METRO addr add "10.210.$n.2/30" dev "s$n"
    ip -n "snd-s$n" link set uplink up
    ip -n $METRO link set "s$n" up
    shape "snd-s$n" uplink "${rates[$n]}"   # the school's upload
    shape $METRO "s$n" "${rates[$n]}"       # its download
  done
}

wait_for() {  # seconds command...: until the command succeeds
  local end=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || return 1
    sleep 0.5
  done
}

run() {
  local window=4 out="" shots="" bin=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --window-minutes) window=$2; shift 2 ;;
      --bin) bin=$2; shift 2 ;;
      --out) out=$2; shift 2 ;;
      --screenshots) shots=$2; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces and tc)"
  # The built programs: --bin (the tests pass theirs), else swift build's.
  [ -n "$bin" ] || bin=$(swift build --show-bin-path 2>/dev/null)
  [ -x "$bin/schoolnet" ] && [ -x "$bin/schoolnet-probe" ] || die "build first: swift build"
  out=${out:-$(mktemp -d)}
  mkdir -p "$out"
  trap 'down' EXIT
  trap 'exit 130' INT TERM
  up

  # The service over the district, and a reflector per school.
  "$bin/schoolnet" import Probes/lab/district --db "$out/district.sqlite" >/dev/null
  ip netns exec $METRO "$bin/schoolnet" serve --db "$out/district.sqlite" --host 0.0.0.0 --port 8090 \
    --log-level error >"$out/service.out" 2>"$out/service.log" &
  for n in $(seq 1 $SCHOOLS); do
    ip netns exec $METRO "$bin/schoolnet-probe" reflector --port $((5200 + n)) >"$out/reflector-$n.log" 2>&1 &
  done
  wait_for 30 grep -q "listening on" "$out/service.out" || die "the service did not start: $(cat "$out/service.log")"

  # School hours: a window of a few minutes starting now, Beijing time, every day.
  local now_min start end
  now_min=$(TZ=Asia/Shanghai date +%H:%M | awk -F: '{ print $1 * 60 + $2 }')
  start=$((now_min + 1))
  end=$((start + window))
  [ $end -lt 1440 ] || die "the test window would cross midnight in Beijing; run it again after 00:00"
  hhmm() { printf '%02d:%02d' $(($1 / 60)) $(($1 % 60)); }

  for n in $(seq 1 $SCHOOLS); do
    local code
    code=$(printf 'DL-LAB-%04d' "$n")
    mkdir -p "$out/s$n"
    "$bin/schoolnet" tokens create --db "$out/district.sqlite" --scope probe --school "$code" \
      --name "probe-$code" 2>/dev/null >"$out/s$n/probe.token"
    chmod 600 "$out/s$n/probe.token"
    cat >"$out/s$n/agent.yaml" <<YAML
school_code: $code
probe_id: probe-$code
interface: uplink
local_prefixes: [10.210.$n.1/32]
time_zone: Asia/Shanghai
outbox: $out/s$n/outbox.sqlite
tests:
  server: 10.210.$n.2:$((5200 + n))
  per_day: 4
  seconds: 5
school_hours:
  days: [mon, tue, wed, thu, fri, sat, sun]
  start: "$(hhmm $start)"
  end: "$(hhmm $end)"
service:
  url: http://10.210.$n.2:8090
  token_file: $out/s$n/probe.token
  interval_s: 5
  max_backoff_s: 10
YAML
  done

  # The classrooms of the busy school: steady UDP from the metro to the school all along.
  ip netns exec $METRO iperf3 -s -p 5300 >"$out/cross-server.log" 2>&1 &
  sleep 0.5
  ip netns exec "snd-s$cross_school" iperf3 -c "10.210.$cross_school.2" -p 5300 -u -R -b "${cross_mbps}M" \
    -l 1400 -t $(((window + 3) * 60)) >"$out/cross-client.log" 2>&1 &
  # The school cut off from the service (the reflector still answers) for the first half.
  ip netns exec "snd-s$cutoff_school" nft -f - <<'NFT'
table inet cutoff {
  chain out { type filter hook output priority 0; tcp dport 8090 drop; }
}
NFT

  for n in $(seq 1 $SCHOOLS); do
    ip netns exec "snd-s$n" "$bin/schoolnet-probe" run --config "$out/s$n/agent.yaml" >"$out/s$n/agent.log" 2>&1 &
  done
  echo "district: 6 schools, tests between $(hhmm $start) and $(hhmm $end) Beijing time; results in $out" >&2
  sleep $(((window / 2 + 1) * 60))
  ip netns exec "snd-s$cutoff_school" nft delete table inet cutoff
  echo "district: school $cutoff_school reconnected to the service" >&2
  # Until the last test has ended, then until every outbox is empty.
  while [ "$(TZ=Asia/Shanghai date +%H:%M | awk -F: '{ print $1 * 60 + $2 }')" -le $end ]; do sleep 5; done
  sleep 10
  for n in $(seq 1 $SCHOOLS); do
    wait_for 120 test "$(sqlite3 "$out/s$n/outbox.sqlite" 'SELECT COUNT(*) FROM outbox')" = 0 \
      || echo "district: school $n still holds results" >&2
  done
  # SIGTERM: each agent stores its partial sample and sends it.
  for n in $(seq 1 $SCHOOLS); do
    for pid in $(ip netns pids "snd-s$n"); do
      if grep -q schoolnet-probe "/proc/$pid/cmdline" 2>/dev/null; then kill -TERM "$pid"; fi
    done
  done
  sleep 5

  if [ -n "$shots" ]; then
    local planner
    planner=$("$bin/schoolnet" tokens create --db "$out/district.sqlite" --scope planner --name lab 2>/dev/null)
    ip netns exec $METRO /usr/bin/python3 Probes/lab/screenshots.py --base http://10.210.1.2:8090 \
      --token "$planner" --folder "$shots" || echo "district: no screenshots" >&2
  fi
  "$bin/schoolnet" check --db "$out/district.sqlite" --format json >"$out/check.json"
  /usr/bin/python3 Probes/lab/compare.py --out "$out" --rates "${rates[*]:1}" --cross-school $cross_school \
    --cutoff-school $cutoff_school | tee "$out/comparison.txt"
}

case "${1:-}" in
  run) shift; run "$@" ;;
  down) down ;;
  *) echo "usage: $0 run [--window-minutes N] [--out DIR] [--screenshots DIR] [--bin DIR] | down" >&2; exit 2 ;;
esac
