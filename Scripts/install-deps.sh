#!/usr/bin/env bash
# Installs the Debian packages SchoolNet builds, tests and benchmarks with, when they are missing.
set -euo pipefail
# The last line is for the web pages' browser tests (Tests/Browser) and Scripts/screenshots.sh:
# headless Chromium with its WebDriver, the CJK fonts the Chinese pages need, Selenium for
# Debian's /usr/bin/python3.
packages=(libsqlite3-dev sqlite3 libpcap-dev tcpdump tshark iperf3 iproute2 ethtool iputils-ping bc pcapfix python3-dpkt
  openssl curl wrk iptables nftables
  chromium chromium-driver fonts-noto-cjk python3-selenium)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# schemathesis (PyPI) checks the service against its OpenAPI document in the tests.
if ! command -v st >/dev/null 2>&1; then
  echo "installing: schemathesis (pip)" >&2
  python3 -m pip install -q schemathesis 2>/dev/null \
    || python3 -m pip install -q --break-system-packages schemathesis
  hash -r
fi
