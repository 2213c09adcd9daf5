import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A network interface of this machine, as the probe's doctor looks at it before capturing.
public enum NetworkInterface {
    /// Whether an interface is there and up.
    public enum State: Sendable, Equatable {
        /// No interface of that name.
        case missing
        /// There, but administratively down (`ip link set IF up` brings it up).
        case down
        /// There and up (or up as far as this machine tells: `/sys` is not mounted).
        case up
    }

    /// The state of the interface `name`: the kernel's index says whether it exists (this works
    /// without `/sys`, in a chroot too); its IFF_UP flag, read from `/sys/class/net`, whether it is up.
    public static func state(of name: String) -> State {
        guard !name.isEmpty, if_nametoindex(name) != 0 else { return .missing }
        guard let text = try? String(contentsOfFile: "/sys/class/net/\(name)/flags", encoding: .utf8),
            let flags = Int(text.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst(2), radix: 16)
        else { return .up }
        return flags & Int(IFF_UP) != 0 ? .up : .down
    }

    /// The names of this machine's interfaces, in the kernel's order.
    public static func names() -> [String] {
        guard let list = if_nameindex() else { return [] }
        defer { if_freenameindex(list) }
        var names: [String] = []
        var entry = list
        while entry.pointee.if_index != 0, let name = entry.pointee.if_name {
            names.append(String(cString: name))
            entry += 1
        }
        return names
    }
}
