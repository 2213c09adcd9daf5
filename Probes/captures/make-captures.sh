#!/usr/bin/env bash
# Makes the committed test captures: real traffic through the shaped-link lab (iperf3 over IPv4
# upstream and IPv6 downstream at 5 Mbit/s), captured by tcpdump on the school's veth, on the
# "any" device (Linux cooked v1 and v2) and with nanosecond timestamps; a pcapng copy; then the
# variants of make-variants.py. Needs root, iproute2, iperf3, tcpdump, editcap (tshark's package).
#
#   Probes/captures/make-captures.sh            (writes into Probes/captures/)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
lab="$here/../lab.sh"
work=$(mktemp -d)
trap '"$lab" down; rm -rf "$work"' EXIT
"$lab" up --rate 5mbit
"$lab" exec metro iperf3 -s -p 5201 >/dev/null 2>&1 &
sleep 0.5
start_capture() {  # name, tcpdump options...
  local name=$1; shift
  "$lab" exec school tcpdump -s 128 -B 4096 -w "$work/$name" "$@" 2>/dev/null &
}
start_capture ethernet.pcap -i veth-school
start_capture nano.pcap -i veth-school --time-stamp-precision nano
start_capture any-sll.pcap -i any
start_capture any-sll2.pcap -i any -y LINUX_SLL2
sleep 1
"$lab" exec school iperf3 -c 10.201.0.2 -p 5201 -t 2 >/dev/null
"$lab" exec school iperf3 -c fd00:201::2 -p 5201 -t 2 -R >/dev/null
sleep 2  # libpcap hands blocks over about every second: let the last ones arrive
"$lab" exec school pkill -INT tcpdump
sleep 1
for name in ethernet.pcap nano.pcap any-sll.pcap any-sll2.pcap; do cp "$work/$name" "$here/$name"; done
editcap -F pcapng "$here/ethernet.pcap" "$here/ethernet.pcapng"
python3 "$here/make-variants.py" "$here/ethernet.pcap" "$here"
python3 "$here/make-damaged.py" "$here/ethernet.pcapng" "$here"
ls -l "$here"/*.pcap*
