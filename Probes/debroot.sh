#!/usr/bin/env bash
# A clean Debian 12 root in a folder, to install the probe's package where no Swift is: the test
# of Probes/package.sh (ProbePackageTests) runs its steps in one. Needs root and debootstrap.
#
#   Probes/debroot.sh up DIR          a fresh minbase bookworm root in DIR (from a cached tarball)
#   Probes/debroot.sh exec DIR CMD... run CMD inside it (chroot, /proc mounted)
#   Probes/debroot.sh down DIR        unmount and remove it
#
# debootstrap runs once per machine: its root is kept as a tarball in the cache folder
# (SCHOOLNET_DEBROOT_CACHE, default .build-static/debroot) and unpacked afresh for each root.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${SCHOOLNET_DEBROOT_CACHE:-$PWD/.build-static/debroot}
suite=bookworm

# The host's own Debian mirror (the one apt uses here), else Debian's.
mirror() {
  local uri
  uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
  echo "${uri:-http://deb.debian.org/debian}"
}

case "${1:-}" in
  up)
    dir=$2
    tarball="$cache/$suite-minbase.tar"
    if [ ! -f "$tarball" ]; then
      mkdir -p "$cache"
      work=$(mktemp -d)
      debootstrap --variant=minbase "$suite" "$work" "$(mirror)" >"$cache/debootstrap.log" 2>&1 \
        || { tail -20 "$cache/debootstrap.log" >&2; rm -rf "$work"; exit 1; }
      tar -C "$work" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
      rm -rf "$work"
    fi
    mkdir -p "$dir"
    tar -C "$dir" -xf "$tarball"
    cp /etc/resolv.conf "$dir/etc/resolv.conf"
    mount -t proc proc "$dir/proc"
    ;;
  exec)
    dir=$2
    shift 2
    exec chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root DEBIAN_FRONTEND=noninteractive "$@"
    ;;
  down)
    dir=$2
    umount "$dir/proc" 2>/dev/null || true
    rm -rf --one-file-system "$dir"
    ;;
  *)
    echo "usage: $0 up|exec|down DIR [CMD...]" >&2
    exit 2
    ;;
esac
