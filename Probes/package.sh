#!/usr/bin/env bash
# Builds the probe's Debian package: schoolnet-probe_VERSION_amd64.deb, installable with dpkg or
# apt on a Debian 12 machine without Swift.
#
#   Probes/package.sh [OUTPUT_FOLDER]     (default: .build-static)
#
# The Swift runtime and Foundation are linked in statically, so the package depends only on
# Debian's own libraries, found from the binary's NEEDED entries: libc6, libpcap0.8, libsqlite3-0,
# zlib1g, and libstdc++6 and libgcc-s1, which the Swift runtime's C++ parts need (all in every
# Debian); any other library is an error. The version is the binary's own
# (`schoolnet-probe --version`, ProbeVersion.current).
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-static
out=${1:-$scratch}
swift build -c release --product schoolnet-probe --static-swift-stdlib --scratch-path "$scratch" >&2
binary="$scratch/release/schoolnet-probe"
version=$("$binary" --version)
arch=$(dpkg --print-architecture)

# Which Debian package each needed library comes from; anything else is an error, not a guess.
depends=()
for library in $(objdump -p "$binary" | awk '$1 == "NEEDED" { print $2 }'); do
  case "$library" in
    libc.so.* | libm.so.* | libdl.so.* | libpthread.so.* | librt.so.* | libutil.so.* | ld-linux*) package=libc6 ;;
    libpcap.so.0.8) package=libpcap0.8 ;;
    libsqlite3.so.0) package=libsqlite3-0 ;;
    libz.so.1) package=zlib1g ;;
    libgcc_s.so.1) package=libgcc-s1 ;;
    libstdc++.so.6) package=libstdc++6 ;;
    *) echo "package.sh: $binary needs $library, which is not one of Debian's base libraries" >&2; exit 1 ;;
  esac
  # At least the version built against: what this machine has installed.
  installed=$(dpkg-query -W -f='${Version}' "$package" | sed 's/-[^-]*$//; s/+.*//')
  depends+=("$package (>= $installed)")
done
depends_line=$(printf '%s\n' "${depends[@]}" | sort -u | paste -sd, | sed 's/,/, /g')

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
install -D -m 0755 "$binary" "$root/usr/bin/schoolnet-probe"
strip --strip-unneeded "$root/usr/bin/schoolnet-probe"
install -D -m 0644 Probes/schoolnet-probe.service "$root/lib/systemd/system/schoolnet-probe.service"
install -D -m 0640 Probes/agent.yaml "$root/etc/schoolnet-probe/agent.yaml"
install -D -m 0644 Probes/README.md "$root/usr/share/doc/schoolnet-probe/README.md"
install -D -m 0644 Probes/README.zh.md "$root/usr/share/doc/schoolnet-probe/README.zh.md"
install -D -m 0644 Probes/debian/copyright "$root/usr/share/doc/schoolnet-probe/copyright"
install -d "$root/DEBIAN"
install -m 0755 Probes/debian/postinst Probes/debian/prerm Probes/debian/postrm "$root/DEBIAN/"
echo /etc/schoolnet-probe/agent.yaml >"$root/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: schoolnet-probe
Version: $version
Architecture: $arch
Maintainer: SchoolNet <schoolnet@example.edu.cn>
Installed-Size: $size
Depends: $depends_line, passwd
Section: net
Priority: optional
Homepage: https://github.com/schoolnet/schoolnet
Description: SchoolNet probe agent: measures a school's link against the city's plan
 Captures the school's uplink with libpcap (headers only) in 5-minute samples, tests its
 throughput against the city's reflector in school hours, and uploads every result to the
 SchoolNet inventory service through an outbox that loses nothing. "schoolnet-probe doctor"
 checks each step of the install; "schoolnet-probe status" shows what the agent did last.
CONTROL
mkdir -p "$out"
deb="$out/schoolnet-probe_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >&2
echo "$deb"
