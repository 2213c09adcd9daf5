#!/usr/bin/env python3
"""Derives test captures from a real Ethernet capture (classic pcap, microseconds), standard
library only: an 802.1Q-tagged copy, a raw-IP copy, and the damaged files the probe must refuse.
These kernels have no 802.1Q module and no raw-IP capture point, so the tagged and raw-IP frames
are the real frames with the tag added or the Ethernet header taken off.

    make-variants.py BASE.pcap OUTDIR
"""
import struct
import sys


def records(data):
    magic = struct.unpack_from("<I", data, 0)[0]
    assert magic == 0xA1B2C3D4, "expected a little-endian microsecond pcap"
    offset = 24
    while offset + 16 <= len(data):
        sec, frac, caplen, length = struct.unpack_from("<IIII", data, offset)
        yield sec, frac, data[offset + 16 : offset + 16 + caplen], length
        offset += 16 + caplen


def header(linktype, snaplen=262144):
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype)


def write(path, linktype, packets):
    with open(path, "wb") as out:
        out.write(header(linktype))
        for sec, frac, frame, length in packets:
            out.write(struct.pack("<IIII", sec, frac, len(frame), length))
            out.write(frame)


def main(base, outdir):
    data = open(base, "rb").read()
    packets = list(records(data))
    # 802.1Q: tag every frame with VLAN 10 (priority 0) after the two MAC addresses.
    tag = struct.pack(">HH", 0x8100, 10)
    write(f"{outdir}/vlan.pcap", 1, [(s, f, fr[:12] + tag + fr[12:], n + 4) for s, f, fr, n in packets])
    # Raw IP (LINKTYPE_RAW): IPv4 and IPv6 frames without their Ethernet header.
    raw = [(s, f, fr[14:], n - 14) for s, f, fr, n in packets if fr[12:14] in (b"\x08\x00", b"\x86\xdd")]
    write(f"{outdir}/raw-ip.pcap", 101, raw)
    # Damaged: cut in the middle of a record; a record length far beyond the snap length; a link
    # type SchoolNet does not read (147, USER0); and a file that is not a capture at all.
    first = 24 + 16 + len(packets[0][2])
    open(f"{outdir}/bad-truncated.pcap", "wb").write(data[: first + 16 + 7])
    corrupt = bytearray(data[: first + 16 + len(packets[1][2])])
    struct.pack_into("<I", corrupt, first + 8, 0x7FFFFFF0)
    open(f"{outdir}/bad-record-length.pcap", "wb").write(bytes(corrupt))
    unknown = bytearray(data[: first])
    struct.pack_into("<I", unknown, 20, 147)
    open(f"{outdir}/bad-link-type.pcap", "wb").write(bytes(unknown))
    open(f"{outdir}/bad-not-a-capture.pcap", "wb").write(b"school_code,probe_id\nDL-ZS-0001,probe-1\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
