/// The link layers SchoolNet reads.
public enum LinkType: Sendable, Equatable {
    case ethernet
    /// Linux cooked capture v1 (`tcpdump -i any` on older systems): a 16-byte header.
    case linuxCooked
    /// Linux cooked capture v2: a 20-byte header.
    case linuxCookedV2
    /// Raw IP: the packet starts with its IPv4 or IPv6 header.
    case rawIP

    /// The link type of a libpcap DLT value, or nil when SchoolNet does not read it.
    public init?(dlt: Int32) {
        switch dlt {
        case 1: self = .ethernet  // DLT_EN10MB
        case 113: self = .linuxCooked  // DLT_LINUX_SLL
        case 276: self = .linuxCookedV2  // DLT_LINUX_SLL2
        case 12, 14, 101, 228, 229: self = .rawIP  // DLT_RAW (Linux, OpenBSD), LINKTYPE_RAW, DLT_IPV4, DLT_IPV6
        default: return nil
        }
    }
}

/// An IPv4 or IPv6 address as two 64-bit halves; IPv4 sits in the low half.
public struct IPAddress: Hashable, Sendable, Comparable {
    public var high: UInt64
    public var low: UInt64
    public var isIPv6: Bool

    public init(high: UInt64, low: UInt64, isIPv6: Bool) {
        self.high = high
        self.low = low
        self.isIPv6 = isIPv6
    }

    public init(ipv4: UInt32) {
        self.init(high: 0, low: UInt64(ipv4), isIPv6: false)
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        (lhs.isIPv6 ? 1 : 0, lhs.high, lhs.low) < (rhs.isIPv6 ? 1 : 0, rhs.high, rhs.low)
    }
}

/// What the probe reads of a packet: its VLAN and its IP addresses. Never the payload.
public struct PacketHeaders: Equatable {
    /// The outermost 802.1Q VLAN id; nil when untagged.
    public var vlan: UInt16?
    /// Source and destination; nil when the packet is not IP (ARP, LLDP) or its headers were cut.
    public var source: IPAddress?
    public var destination: IPAddress?

    public init(vlan: UInt16? = nil, source: IPAddress? = nil, destination: IPAddress? = nil) {
        self.vlan = vlan
        self.source = source
        self.destination = destination
    }

    /// Reads the headers of a packet of a link type; short or unknown headers give no addresses.
    @inline(__always)
    public static func parse(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) -> PacketHeaders {
        var headers = PacketHeaders()
        let count = bytes.count
        var offset: Int
        var etherType: UInt16
        switch linkType {
        case .ethernet:
            guard count >= 14 else { return headers }
            etherType = bytes.u16(12)
            offset = 14
        case .linuxCooked:
            guard count >= 16 else { return headers }
            etherType = bytes.u16(14)
            offset = 16
        case .linuxCookedV2:
            guard count >= 20 else { return headers }
            etherType = bytes.u16(0)
            offset = 20
        case .rawIP:
            guard count >= 1 else { return headers }
            etherType = bytes[0] >> 4 == 6 ? 0x86DD : 0x0800
            offset = 0
        }
        // 802.1Q and 802.1ad (QinQ) tags: keep the outermost id, skip them all.
        while etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100 {
            guard count >= offset + 4 else { return headers }
            if headers.vlan == nil { headers.vlan = bytes.u16(offset) & 0x0FFF }
            etherType = bytes.u16(offset + 2)
            offset += 4
        }
        switch etherType {
        case 0x0800:
            guard count >= offset + 20, bytes[offset] >> 4 == 4 else { return headers }
            headers.source = IPAddress(ipv4: bytes.u32(offset + 12))
            headers.destination = IPAddress(ipv4: bytes.u32(offset + 16))
        case 0x86DD:
            guard count >= offset + 40, bytes[offset] >> 4 == 6 else { return headers }
            headers.source = IPAddress(high: bytes.u64(offset + 8), low: bytes.u64(offset + 16), isIPv6: true)
            headers.destination = IPAddress(high: bytes.u64(offset + 24), low: bytes.u64(offset + 32), isIPv6: true)
        default:
            break
        }
        return headers
    }
}

extension UnsafeRawBufferPointer {
    /// Big-endian integers at a byte offset (the caller checked the length).
    @inline(__always)
    func u16(_ offset: Int) -> UInt16 { UInt16(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self)) }

    @inline(__always)
    func u32(_ offset: Int) -> UInt32 { UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }

    @inline(__always)
    func u64(_ offset: Int) -> UInt64 { UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
}
