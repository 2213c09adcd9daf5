#!/usr/bin/env bash
# The shaped-link lab: a school and a metro data centre in two network namespaces joined by a
# veth pair, with the link shaped by tc, so the probe can be tried on real TCP with nothing
# leaving the machine (nothing is attached to the host's namespace).
#
#   Probes/lab.sh up [--rate 10mbit|none]               build it (replaces a running one)
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
set -euo pipefail

SCHOOL=sn-school
METRO=sn-metro
IF_SCHOOL=veth-school
IF_METRO=veth-metro

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
  local bps burst limit
  bps=$(bits "$rate")
  burst=$((bps / 8 / 1000)); [ "$burst" -lt 15140 ] && burst=15140
  limit=$((bps / 8 / 20 + burst)); [ "$limit" -lt 45420 ] && limit=45420
  if [ "$bps" -le 200000000 ]; then
    ip -n "$ns" link set dev "$dev" gso_max_segs 1
  else
    ip -n "$ns" link set dev "$dev" gso_max_segs 65535
  fi
  ip netns exec "$ns" tc qdisc add dev "$dev" root tbf rate "${bps}bit" burst "$burst" limit "$limit"
}

down() {
  for ns in $SCHOOL $METRO; do
    if exists "$ns"; then
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
      sleep 0.1
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
      ip netns del "$ns"
    fi
  done
}

up() {
  local rate=10mbit
  while [ $# -gt 0 ]; do
    case "$1" in
      --rate) rate=$2; shift 2 ;;
      *) die "unknown option $1" ;;
    esac
  done
  [ "$(id -u)" -eq 0 ] || die "needs root (network namespaces and tc)"
  down
  ip netns add $SCHOOL
  ip netns add $METRO
  ip link add $IF_SCHOOL netns $SCHOOL type veth peer name $IF_METRO netns $METRO
  for side in "$SCHOOL $IF_SCHOOL 1" "$METRO $IF_METRO 2"; do
    set -- $side
    ip -n "$1" link set lo up
    ip -n "$1" addr add "10.201.0.$3/30" dev "$2"
    ip -n "$1" addr add "fd00:201::$3/64" dev "$2" nodad
    if command -v ethtool >/dev/null; then
      ip netns exec "$1" ethtool -K "$2" tso off gso off gro off >/dev/null 2>&1 || true
    fi
    ip -n "$1" link set "$2" up
    shape_side "$1" "$2" "$rate"
  done
  ip netns exec $SCHOOL ping -c 1 -W 2 10.201.0.2 >/dev/null || die "the link does not answer"
}

case "${1:-}" in
  up) shift; up "$@" ;;
  shape)
    shift
    [ "${1:-}" = --rate ] || die "usage: lab.sh shape --rate RATE"
    shape_side $SCHOOL $IF_SCHOOL "$2"
    shape_side $METRO $IF_METRO "$2"
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
  *) sed -n '2,17p' "$0"; exit 2 ;;
esac
