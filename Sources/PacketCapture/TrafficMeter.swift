/// A class network of the school: a prefix, or a VLAN id, with a name.
public struct ClassNetwork: Hashable, Sendable {
    public enum Match: Hashable, Sendable {
        case prefix(IPPrefix)
        case vlan(UInt16)
    }

    public var name: String
    public var match: Match

    public init(name: String, match: Match) {
        self.name = name
        self.match = match
    }

    /// The fewest addresses a class network by prefix may hold (a /29, or a /125 in IPv6): a
    /// narrower one is a host or two, and reporting it by name would report a person's machine.
    public static let minimumAddresses = 8

    /// Whether the network is a prefix narrower than ``minimumAddresses``.
    public var isTooNarrow: Bool {
        guard case .prefix(let prefix) = match else { return false }
        return prefix.hostBits < 3
    }
}

/// Which way a packet crosses the school's link.
public enum Direction: Int, Sendable {
    /// To the school's own networks (download).
    case down = 0
    /// From them (upload).
    case up = 1
    /// Neither or both ends are the school's, or not IP: counted in the totals only.
    case other = 2
}

/// Bytes and packets of one second, per direction.
public struct SecondCounts: Hashable, Sendable {
    public var bytes: (down: UInt64, up: UInt64, other: UInt64) = (0, 0, 0)
    public var packets: (down: UInt64, up: UInt64, other: UInt64) = (0, 0, 0)

    public init() {}

    public var totalBytes: UInt64 { bytes.down + bytes.up + bytes.other }
    public var totalPackets: UInt64 { packets.down + packets.up + packets.other }

    public static func == (lhs: SecondCounts, rhs: SecondCounts) -> Bool {
        lhs.bytes == rhs.bytes && lhs.packets == rhs.packets
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(totalBytes)
        hasher.combine(totalPackets)
    }

    @inline(__always)
    mutating func add(_ direction: Direction, bytes count: UInt64) {
        switch direction {
        case .down:
            bytes.down &+= count
            packets.down &+= 1
        case .up:
            bytes.up &+= count
            packets.up &+= 1
        case .other:
            bytes.other &+= count
            packets.other &+= 1
        }
    }
}

/// Counts a link's traffic per second and direction, and per class network, from packet headers.
///
/// Direction is decided by the school's own prefixes: a packet from them to elsewhere is
/// upstream, from elsewhere to them downstream; everything else (internal, non-IP) counts only in
/// the totals. Bytes are frame lengths on the wire, as tcpdump and tshark count them.
public struct TrafficMeter: Sendable {
    public let localPrefixes: [IPPrefix]
    public let classNetworks: [ClassNetwork]
    /// Seconds aligned on whole seconds of the clock: what the 5-minute samples are made of.
    public private(set) var clock = SecondSeries(alignOnFirstPacket: false)
    /// Seconds aligned on the first packet, when asked (to compare with tshark's io,stat).
    public private(set) var relative: SecondSeries?
    /// Bytes per class network and direction, per 5-minute slot (slot = clock second / 300).
    public private(set) var classBytes: [Int64: [ClassBytes]] = [:]
    public private(set) var firstNs: Int64?
    public private(set) var lastNs: Int64?
    /// Packets and bytes in all.
    public private(set) var packets: UInt64 = 0
    public private(set) var bytes: UInt64 = 0

    public struct ClassBytes: Hashable, Sendable {
        public var down: UInt64 = 0
        public var up: UInt64 = 0
    }

    public init(localPrefixes: [IPPrefix], classNetworks: [ClassNetwork] = [], alignOnFirstPacket: Bool = false) {
        self.localPrefixes = localPrefixes
        self.classNetworks = classNetworks
        if alignOnFirstPacket { relative = SecondSeries(alignOnFirstPacket: true) }
    }

    /// Counts one packet.
    @inline(__always)
    public mutating func add(_ packet: Packet, linkType: LinkType) {
        let headers = PacketHeaders.parse(packet.bytes, linkType: linkType)
        add(time: packet.timestampNs, length: packet.originalLength, headers: headers)
    }

    @inline(__always)
    public mutating func add(time: Int64, length: Int, headers: PacketHeaders) {
        let length = UInt64(length)
        var direction = Direction.other
        var local: IPAddress?
        if let source = headers.source, let destination = headers.destination {
            let fromSchool = isLocal(source)
            let toSchool = isLocal(destination)
            if fromSchool != toSchool {
                direction = fromSchool ? .up : .down
                local = fromSchool ? source : destination
            }
        }
        if firstNs == nil { firstNs = time }
        lastNs = max(lastNs ?? time, time)
        packets &+= 1
        bytes &+= length
        clock.add(time, direction, bytes: length)
        relative?.add(time, direction, bytes: length)
        if direction != .other, !classNetworks.isEmpty,
            let classIndex = classIndex(local: local!, vlan: headers.vlan)
        {
            let slot = time.floorDiv(300_000_000_000)
            var slotBytes = classBytes[slot] ?? Array(repeating: ClassBytes(), count: classNetworks.count)
            if direction == .down { slotBytes[classIndex].down &+= length } else { slotBytes[classIndex].up &+= length }
            classBytes[slot] = slotBytes
        }
    }

    @inline(__always)
    func isLocal(_ address: IPAddress) -> Bool {
        for prefix in localPrefixes where prefix.contains(address) { return true }
        return false
    }

    /// The first class network the packet belongs to: by its VLAN, or the school-side address.
    @inline(__always)
    func classIndex(local: IPAddress, vlan: UInt16?) -> Int? {
        for (index, network) in classNetworks.enumerated() {
            switch network.match {
            case .prefix(let prefix): if prefix.contains(local) { return index }
            case .vlan(let id): if vlan == id { return index }
            }
        }
        return nil
    }

    /// Extends the clock seconds to a time: a live capture counts the quiet seconds of its link
    /// too (a sample of an idle link says 0, not nothing). A clock that jumped starts a new run.
    public mutating func advance(to time: Int64) { clock.reach(time) }

    /// Forgets a reported slot once a live capture has written its sample: its seconds and those
    /// before it in the run the clock is in `now`, every other run (left behind by a clock jump,
    /// their last slot reported when the clock left it), and the class bytes of what is gone.
    public mutating func forget(slot: Int64, now: Int64) {
        clock.forget(slot: slot, now: now)
        classBytes = classBytes.filter { key, _ in
            key != slot && clock.runs.contains { run in run.covers(slot: key) }
        }
    }
}

extension Int64 {
    /// The remainder with the divisor's sign (always >= 0 for a positive divisor).
    @inline(__always)
    public func floorMod(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }

    @inline(__always)
    public func floorDiv(_ divisor: Int64) -> Int64 { (self - floorMod(divisor)) / divisor }
}
