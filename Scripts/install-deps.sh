#!/usr/bin/env bash
# Installs the Debian packages SchoolNet builds, tests and benchmarks with, when they are missing.
set -euo pipefail
# The third line is for the web pages' browser tests (Tests/Browser) and Scripts/screenshots.sh:
# headless Chromium with its WebDriver, the CJK fonts the Chinese pages need, Selenium for
# Debian's /usr/bin/python3. The last is for the workbook tests: LibreOffice Calc converts the
# workbooks SchoolNet writes and, driven through python3-uno, writes workbooks for it to read;
# zlib is ZIPFoundation's. The last line is for the probe's Debian package: package.sh reads
# the binary's libraries with objdump, and its test installs it into a Debian root made with
# debootstrap. PostgreSQL is the shared store's: the store suite and the benchmarks start a server
# of their own in a temporary folder (Scripts/temp-postgres.sh), never the system's.
packages=(libsqlite3-dev sqlite3 libpcap-dev tcpdump tshark iperf3 iproute2 ethtool iputils-ping bc pcapfix python3-dpkt
  openssl curl wrk iptables nftables
  chromium chromium-driver fonts-noto-cjk python3-selenium
  libreoffice-calc python3-uno zlib1g-dev
  debootstrap binutils dpkg-dev
  postgresql postgresql-client)
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
# openpyxl (PyPI) opens the workbooks SchoolNet writes in the tests, under Debian's
# /usr/bin/python3, the Python the tests call (as for Selenium above).
if ! /usr/bin/python3 -c "import openpyxl" >/dev/null 2>&1; then
  echo "installing: openpyxl (pip, for /usr/bin/python3)" >&2
  /usr/bin/python3 -m pip install -q openpyxl 2>/dev/null \
    || /usr/bin/python3 -m pip install -q --break-system-packages openpyxl
fi
