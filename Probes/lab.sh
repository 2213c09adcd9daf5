#!/usr/bin/env bash
# The shaped-link lab: a school and a metro data centre in two network namespaces joined by a
# veth pair, with the link shaped by tc, so the probe can be tried on real TCP with nothing
# leaving the machine (nothing is attached to the host's namespace).
#
#   Probes/lab.sh up [--rate 10mbit|none] [--delay MS] [--loss PCT]
#                                                       build it (replaces a running one)
#   Probes/lab.sh shape --rate RATE                     change the rate of both directions
#   Probes/lab.sh exec school|metro CMD...              run a command inside a namespace
#   Probes/lab.sh down                                  stop what runs inside, delete both
#   Probes/lab.sh check                                 can this machine build it? (exit 0 / 1)
#
# Addresses: school 10.201.0.1/30 and fd00:201::1/64 on veth-school; metro 10.201.0.2/30 and
# fd00:201::2/64 on veth-metro. (These kernels have no 802.1Q module either, so tagged frames
# for tests are made from real captures: Probes/captures/make-variants.py.)
#
# Shaping is tbf on each side's egress: burst max(15140 B, 1 ms at the rate), queue 50 ms. The
# kernels these machines run have no netem (see ../shared/netlab/netlab.md); offloads are off
# so captures see wire-sized frames, and up to 200 Mbit/s GSO is limited to one segment so the
# shaper queues real frames. Needs root and iproute2 (ethtool optional).
#
# With --delay or --loss the link gets a middle: a third namespace sn-wan bridges the school's
# and the metro's veth pairs, and the bottleneck (tbf each way) sits on its two ports, so TCP
# sees a real queue and real loss between the ends. Loss: an nftables numgen rule drops PCT% of
# the frames entering the bridge from either side. Delay: packets arriving at the metro (IPv4)
# go through an iptables-legacy NFQUEUE rule to Probes/lab-delay.py, a user-space delay line that
# holds each for MS milliseconds, so every round trip takes MS more. Needs nft, iptables-legacy
# and python3 besides.
set -euo pipefail

SCHOOL=sn-school
METRO=sn-metro
WAN=sn-wan
IF_SCHOOL=veth-school
IF_METRO=veth-metro
WAN_SCHOOL=wan-school   # the middle's port toward the school: its egress is the download
WAN_METRO=wan-metro     # toward the metro: its egress is the upload
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=Probes/lab/tbf.sh
source "$HERE/lab/tbf.sh"

die() { echo "lab: $*" >&2; exit 1; }
exists() { ip netns list 2>/dev/null | grep -qw "$1"; }

bits() {  # a tc rate (5mbit, 1gbit, 100000bit) in bit/s
  local rate=${1,,}
  case "$rate" in
    *gbit) echo $((${rate%gbit} * 1000000000)) ;;
    *mbit) echo $((${rate%mbit} * 1000000)) ;;
    *kbit) echo $((${rate%kbit} * 1000)) ;;
    *bit) echo "${rate%bit}" ;;
    *) die "rate \"$1\" is not like 10mbit" ;;
  esac
}

shape_side() {  # namespace interface rate
  local ns=$1 dev=$2 rate=$3
  ip netns exec "$ns" tc qdisc del dev "$dev" root 2>/dev/null || true
  [ "$rate" = none ] && { ip -n "$ns" link set dev "$dev" gso_max_segs 65535; return; }
  tbf_shape "$ns" "$dev" "$(bits "$rate")"
}

down() {
  for ns in $SCHOOL $METRO $WAN; do
    if exists "$ns"; then
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
      sleep 0.1
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
      ip netns del "$ns"
    fi
  done
}

offloads_off() {  # namespace interface
  if command -v ethtool >/dev/null; then
    ip netns exec "$1" ethtool -K "$2" tso off gso off gro off >/dev/null 2>&1 || true
  fi
}

up() {
  local rate=10mbit delay="" loss=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --rate) rate=$2; shift 2 ;;
      --delay) delay=$2; shift 2 ;;
      --loss) loss=$2; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces and tc)"
  [ -z "$delay" ] || [[ "$delay" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--delay takes milliseconds, e.g. 50"
  [ -z "$loss" ] || [[ "$loss" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "--loss takes a percentage, e.g. 0.5"
  down
  ip netns add $SCHOOL
  ip netns add $METRO
  if [ -z "$delay$loss" ]; then
    ip link add $IF_SCHOOL netns $SCHOOL type veth peer name $IF_METRO netns $METRO
  else
    ip netns add $WAN
    ip link add $IF_SCHOOL netns $SCHOOL type veth peer name $WAN_SCHOOL netns $WAN
    ip link add $IF_METRO netns $METRO type veth peer name $WAN_METRO netns $WAN
    ip -n $WAN link add br0 type bridge
    for port in $WAN_SCHOOL $WAN_METRO; do
      offloads_off $WAN $port
      ip -n $WAN link set $port master br0
      ip -n $WAN link set $port up
      shape_side $WAN $port "$rate"
    done
    ip -n $WAN link set br0 up
  fi
  for side in "$SCHOOL $IF_SCHOOL 1" "$METRO $IF_METRO 2"; do
    set -- $side
    ip -n "$1" link set lo up
    ip -n "$1" addr add "10.201.0.$3/30" dev "$2"
    ip -n "$1" addr add "fd00:201::$3/64" dev "$2" nodad
    offloads_off "$1" "$2"
    ip -n "$1" link set "$2" up
    if [ -z "$delay$loss" ]; then shape_side "$1" "$2" "$rate"; else shape_side "$1" "$2" none; fi
  done
  if [ -n "$loss" ]; then
    local per_million
    per_million=$(awk -v p="$loss" 'BEGIN { printf "%d", p * 10000 }')
    ip netns exec $WAN nft -f - <<NFT
table netdev lab {
  chain from_school { type filter hook ingress device "$WAN_SCHOOL" priority 0; numgen random mod 1000000 < $per_million counter drop; }
  chain from_metro { type filter hook ingress device "$WAN_METRO" priority 0; numgen random mod 1000000 < $per_million counter drop; }
}
NFT
  fi
  if [ -n "$delay" ]; then
    # The delay line listens first: a queue without a listener drops what reaches it.
    ip netns exec $METRO python3 "$HERE/lab-delay.py" --queue 0 --delay-ms "$delay" >/run/sn-lab-delay.log 2>&1 &
    for _ in $(seq 50); do grep -q "^lab-delay: queue" /run/sn-lab-delay.log 2>/dev/null && break; sleep 0.1; done
    grep -q "^lab-delay: queue" /run/sn-lab-delay.log || die "the delay line did not start: $(cat /run/sn-lab-delay.log)"
    ip netns exec $METRO iptables-legacy -t raw -A PREROUTING -i $IF_METRO -j NFQUEUE --queue-num 0
  fi
  ip netns exec $SCHOOL ping -c 1 -W 2 10.201.0.2 >/dev/null || die "the link does not answer"
}

case "${1:-}" in
  up) shift; up "$@" ;;
  shape)
    shift
    [ "${1:-}" = --rate ] || die "usage: lab.sh shape --rate RATE"
    if exists $WAN; then
      shape_side $WAN $WAN_SCHOOL "$2"
      shape_side $WAN $WAN_METRO "$2"
    else
      shape_side $SCHOOL $IF_SCHOOL "$2"
      shape_side $METRO $IF_METRO "$2"
    fi
    ;;
  exec)
    shift
    case "${1:-}" in
      school) ns=$SCHOOL ;;
      metro) ns=$METRO ;;
      *) die "exec school|metro CMD..." ;;
    esac
    shift
    exec ip netns exec "$ns" "$@"
    ;;
  down) down ;;
  check)
    [ "$(id -u)" -eq 0 ] && command -v ip >/dev/null && command -v tc >/dev/null || exit 1
    ip netns add sn-check 2>/dev/null || exit 1
    ip netns del sn-check
    ;;
  *) sed -n '2,26p' "$0"; exit 2 ;;
esac
