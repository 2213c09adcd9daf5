import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where a server listens: every address (IPv6 with IPv4 mapped), or one IPv4 or IPv6 address.
public enum ListenAddress: Sendable, Equatable, CustomStringConvertible {
    case any
    case ipv4(String)
    case ipv6(String)

    /// An address in numeric form (`127.0.0.1`, `::1`, `[::1]`); nil for anything else (names
    /// too: a reflector binds to an address it owns, not to whatever a name resolves to).
    public init?(_ text: String) {
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, bare, &v4) == 1 {
            self = .ipv4(bare)
        } else if inet_pton(AF_INET6, bare, &v6) == 1 {
            self = .ipv6(bare)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .any: "all addresses"
        case .ipv4(let text): text
        case .ipv6(let text): "[\(text)]"
        }
    }

    /// The socket family to create for it.
    var family: Int32 {
        if case .ipv4 = self { return AF_INET }
        return AF_INET6
    }

    /// Binds a socket of `family` to this address and a port; false with `errno` set.
    func bind(_ fd: Int32, port: Int) -> Bool {
        switch self {
        case .any:
            return bindAnyAddress(fd, port: port)
        case .ipv4(let text):
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            _ = inet_pton(AF_INET, text, &address.sin_addr)
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            } == 0
        case .ipv6(let text):
            // This address only: no IPv4 mapped onto it.
            var on: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &on, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            _ = inet_pton(AF_INET6, text, &address.sin6_addr)
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            } == 0
        }
    }
}
