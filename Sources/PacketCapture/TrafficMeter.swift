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

/// Per-second series aligned on a chosen origin.
public struct SecondSeries: Sendable {
    /// Nanoseconds since the epoch of the start of second 0.
    public private(set) var origin: Int64?
    public private(set) var seconds: [SecondCounts] = []
    /// Packets whose time fell before the series' start (out of order); they are not counted.
    public private(set) var early: UInt64 = 0
    /// Round times to whole microseconds before binning, as tshark's io,stat does.
    let microsecondBins: Bool
    /// Whether second 0 starts at the first packet (tshark's io,stat) or on a whole second.
    let alignOnFirstPacket: Bool

    public init(alignOnFirstPacket: Bool) {
        self.alignOnFirstPacket = alignOnFirstPacket
        microsecondBins = alignOnFirstPacket
    }

    /// The second a time falls in, growing the series; nil for a time before the start.
    @inline(__always)
    mutating func index(_ time: Int64) -> Int? {
        let start: Int64
        if let origin {
            start = origin
        } else {
            start = alignOnFirstPacket ? time : time - time.floorMod(1_000_000_000)
            origin = start
        }
        var offset = time - start
        if microsecondBins { offset = (offset + 500) / 1000 * 1000 }
        guard offset >= 0 else {
            early += 1
            return nil
        }
        let index = Int(offset / 1_000_000_000)
        if index >= seconds.count {
            seconds.append(contentsOf: repeatElement(SecondCounts(), count: index + 1 - seconds.count))
        }
        return index
    }

    @inline(__always)
    mutating func add(_ time: Int64, _ direction: Direction, bytes: UInt64) {
        guard let index = index(time) else { return }
        seconds[index].add(direction, bytes: bytes)
    }

    /// Makes the series reach the second of `time`, with empty seconds where nothing came.
    mutating func reach(_ time: Int64) {
        if let origin, time < origin { return }
        _ = index(time)
    }

    /// Drops the seconds before `count` (the live capture's memory stays flat).
    mutating func dropFirst(_ count: Int) {
        guard count > 0, let origin else { return }
        seconds.removeFirst(min(count, seconds.count))
        self.origin = origin + Int64(count) * 1_000_000_000
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
    /// too (a sample of an idle link says 0, not nothing).
    public mutating func advance(to time: Int64) { clock.reach(time) }

    /// Forgets clock seconds and class slots before a slot, once they are reported.
    public mutating func forget(before slotStartNs: Int64) {
        if let origin = clock.origin, slotStartNs > origin {
            clock.dropFirst(Int((slotStartNs - origin) / 1_000_000_000))
        }
        classBytes = classBytes.filter { $0.key * 300_000_000_000 >= slotStartNs }
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
