#!/usr/bin/env bash
# Installs the Debian packages SchoolNet builds, tests and benchmarks with, when they are missing.
set -euo pipefail
packages=(libsqlite3-dev sqlite3 libpcap-dev tcpdump tshark iperf3 iproute2 ethtool iputils-ping bc pcapfix python3-dpkt)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
