# The labs' shaper, sourced by Probes/lab.sh and Probes/lab/district.sh so both shape alike.
#
# tbf_shape NAMESPACE INTERFACE BITS_PER_SECOND: a token bucket on the interface's egress, with a
# burst of max(15140 B, 1 ms at the rate) and a queue of 50 ms. These kernels have no netem. Up
# to 200 Mbit/s GSO is limited to one segment, so the shaper queues real frames.
tbf_shape() {
  local ns=$1 dev=$2 bps=$3 burst limit
  burst=$((bps / 8 / 1000)); [ "$burst" -lt 15140 ] && burst=15140
  limit=$((bps / 8 / 20 + burst)); [ "$limit" -lt 45420 ] && limit=45420
  if [ "$bps" -le 200000000 ]; then
    ip -n "$ns" link set dev "$dev" gso_max_segs 1
  else
    ip -n "$ns" link set dev "$dev" gso_max_segs 65535
  fi
  ip netns exec "$ns" tc qdisc add dev "$dev" root tbf rate "${bps}bit" burst "$burst" limit "$limit"
}
