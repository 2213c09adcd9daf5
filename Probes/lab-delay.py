#!/usr/bin/env python3
"""The lab's delay line: holds every packet of an NFQUEUE queue for a fixed time, then lets it go.

These kernels have no netem, so the lab delays packets in user space: an iptables rule sends the
packets arriving on an interface to NFQUEUE queue N, and this program, in the same network
namespace, accepts each one DELAY milliseconds after it arrived, in arrival order (a FIFO, like a
long cable). Only packet metadata is copied to user space, never the payload.

    lab-delay.py --queue 0 --delay-ms 50

Standard library only: the netfilter queue protocol over a raw netlink socket.
"""
import argparse
import collections
import os
import select
import signal
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NFQA_CFG_CMD, NFQA_CFG_PARAMS, NFQA_CFG_QUEUE_MAXLEN = 1, 2, 3
NFQNL_CFG_CMD_BIND = 1
NFQNL_COPY_META = 1
NFQA_PACKET_HDR, NFQA_VERDICT_HDR = 1, 2
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
NF_ACCEPT = 1


def attribute(kind, payload):
    """A netlink attribute, padded to four bytes."""
    length = 4 + len(payload)
    return struct.pack("=HH", length, kind) + payload + b"\0" * ((4 - length % 4) % 4)


def message(kind, queue, attributes, flags=NLM_F_REQUEST, sequence=0):
    """A netfilter queue message: netlink header, nfgenmsg (family unspecified, version 0,
    the queue number big-endian), then the attributes."""
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attributes)
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | kind, flags, sequence, 0) + body


def configure(sock, queue, max_packets):
    """Binds the queue, asks for metadata only, and lets it hold `max_packets`; each step is
    acknowledged or the error is raised."""
    steps = [
        attribute(NFQA_CFG_CMD, struct.pack("=BxH", NFQNL_CFG_CMD_BIND, socket.htons(socket.AF_INET))),
        attribute(NFQA_CFG_PARAMS, struct.pack("!IB", 0, NFQNL_COPY_META)),
        attribute(NFQA_CFG_QUEUE_MAXLEN, struct.pack("!I", max_packets)),
    ]
    for sequence, step in enumerate(steps, start=1):
        sock.send(message(NFQNL_MSG_CONFIG, queue, [step], NLM_F_REQUEST | NLM_F_ACK, sequence))
        reply = sock.recv(65536)
        _, kind, _, _, _ = struct.unpack_from("=IHHII", reply)
        if kind == NLMSG_ERROR:
            (error,) = struct.unpack_from("=i", reply, 16)
            if error != 0:
                raise OSError(-error, f"queue {queue}: configuration step {sequence}: {os.strerror(-error)}")


def packet_ids(data):
    """The packet ids of the queue messages in one read."""
    offset = 0
    while offset + 16 <= len(data):
        length, kind, _, _, _ = struct.unpack_from("=IHHII", data, offset)
        if length < 16:
            break
        if kind & 0xFF == NFQNL_MSG_PACKET and kind >> 8 == NFNL_SUBSYS_QUEUE:
            position = offset + 20  # after nlmsghdr and nfgenmsg
            while position + 4 <= offset + length:
                attr_length, attr_kind = struct.unpack_from("=HH", data, position)
                if attr_length < 4:
                    break
                if attr_kind & 0x7FFF == NFQA_PACKET_HDR:
                    (packet_id,) = struct.unpack_from("!I", data, position + 4)
                    yield packet_id
                    break
                position += (attr_length + 3) & ~3
        offset += (length + 3) & ~3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queue", type=int, default=0)
    parser.add_argument("--delay-ms", type=float, required=True)
    parser.add_argument("--max-packets", type=int, default=65536)
    options = parser.parse_args()
    delay = options.delay_ms / 1000
    # Let go of every descriptor inherited beyond the standard three: the program that started
    # the lab may watch one of its own to learn when its child has ended, and this process
    # outlives that child.
    os.closerange(3, 65536)

    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 << 20)
    sock.bind((0, 0))
    configure(sock, options.queue, options.max_packets)
    print(f"lab-delay: queue {options.queue}, {options.delay_ms} ms", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    held = collections.deque()  # (release time, packet id), in arrival order
    while True:
        timeout = max(0.0, held[0][0] - time.monotonic()) if held else None
        readable, _, _ = select.select([sock], [], [], timeout)
        if readable:
            try:
                data = sock.recv(1 << 20)
            except OSError as error:  # ENOBUFS: the kernel dropped messages; carry on
                print(f"lab-delay: {error}", file=sys.stderr, flush=True)
                continue
            arrived = time.monotonic()
            for packet_id in packet_ids(data):
                held.append((arrived + delay, packet_id))
        now = time.monotonic()
        while held and held[0][0] <= now:
            _, packet_id = held.popleft()
            sock.send(message(NFQNL_MSG_VERDICT, options.queue,
                              [attribute(NFQA_VERDICT_HDR, struct.pack("!II", NF_ACCEPT, packet_id))]))


if __name__ == "__main__":
    main()
