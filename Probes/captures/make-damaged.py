#!/usr/bin/env python3
"""Derives damaged pcapng files from ethernet.pcapng, standard library only: the first 30
packets, then one packet whose 64-bit time is far past what a nanosecond count since 1970 can
hold (year 2262), and a copy cut in the middle of a packet block. `analyze` must refuse both
with an error naming the file, never crash.

    make-damaged.py ethernet.pcapng OUTDIR
"""
import struct
import sys


def blocks(data):
    offset = 0
    while offset + 12 <= len(data):
        kind, length = struct.unpack_from("<II", data, offset)
        yield offset, kind, length
        offset += length


def main(base, outdir):
    data = open(base, "rb").read()
    found = list(blocks(data))
    # Section header and interface description, then the enhanced packet blocks (type 6).
    packets = [(offset, length) for offset, kind, length in found if kind == 6]
    head = data[: packets[0][0]]
    first = [data[offset : offset + length] for offset, length in packets[:31]]
    # Packet 21: the timestamp's high 32 bits (offset 12 in the block) set near the top, so
    # its seconds since 1970 no longer fit a 64-bit nanosecond count.
    damaged = bytearray(first[20])
    struct.pack_into("<I", damaged, 12, 0xFFFFFFF0)
    bad_time = head + b"".join(first[:20]) + bytes(damaged) + b"".join(first[21:])
    open(f"{outdir}/bad-time.pcapng", "wb").write(bad_time)
    # Cut in the middle of packet 31's block.
    cut = head + b"".join(first[:30]) + first[30][: len(first[30]) // 2]
    open(f"{outdir}/bad-truncated.pcapng", "wb").write(cut)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
