#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An address prefix such as `10.12.0.0/16` or `2001:db8:12::/48`.
public struct IPPrefix: Hashable, Sendable, CustomStringConvertible {
    public var network: IPAddress
    public var length: Int
    private var maskHigh: UInt64
    private var maskLow: UInt64

    /// A prefix from its text; nil when it is not an address with an optional /length. Host bits
    /// set in the address are cleared (`10.1.2.3/16` is `10.1.0.0/16`).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPPrefix.address(String(parts[0])) else { return nil }
        let bits = address.isIPv6 ? 128 : 32
        let length: Int
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...bits).contains(given) else { return nil }
            length = given
        } else {
            length = bits
        }
        // Masks over the 128 bits (IPv4 uses the low 32 of the low half).
        let hostBits = bits - length
        if address.isIPv6 {
            maskHigh = length >= 64 ? ~0 : length == 0 ? 0 : ~0 << UInt64(64 - length)
            maskLow = hostBits >= 64 ? 0 : ~0 << UInt64(hostBits)
        } else {
            maskHigh = 0
            maskLow = length == 0 ? 0 : (UInt64(UInt32.max) << UInt64(hostBits)) & UInt64(UInt32.max)
        }
        network = IPAddress(high: address.high & maskHigh, low: address.low & maskLow, isIPv6: address.isIPv6)
        self.length = length
    }

    @inline(__always)
    public func contains(_ address: IPAddress) -> Bool {
        address.isIPv6 == network.isIPv6 && address.high & maskHigh == network.high
            && address.low & maskLow == network.low
    }

    /// The bits of an address the prefix leaves free: 2^hostBits addresses are in it.
    public var hostBits: Int { (network.isIPv6 ? 128 : 32) - length }

    public var description: String { IPPrefix.text(network) + "/" + String(length) }

    /// An IPv4 or IPv6 address from its text.
    public static func address(_ text: String) -> IPAddress? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return IPAddress(ipv4: UInt32(bigEndian: v4.s_addr)) }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        return withUnsafeBytes(of: &v6) { bytes in
            IPAddress(high: bytes.u64(0), low: bytes.u64(8), isIPv6: true)
        }
    }

    /// The text of an address.
    public static func text(_ address: IPAddress) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        if address.isIPv6 {
            var raw = (address.high.bigEndian, address.low.bigEndian)
            _ = withUnsafeBytes(of: &raw) { inet_ntop(AF_INET6, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
        } else {
            var raw = in_addr(s_addr: UInt32(truncatingIfNeeded: address.low).bigEndian)
            _ = inet_ntop(AF_INET, &raw, &buffer, socklen_t(buffer.count))
        }
        return String(cString: buffer)
    }
}
