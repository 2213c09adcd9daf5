/// A test server's address: `HOST`, `HOST:PORT` or `[IPv6]:PORT` (port 5201 unless given).
public struct ServerAddress: Sendable, Equatable {
    public var host: String
    public var port = 5201

    public init?(_ text: String) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port) else {
                    return nil
                }
                self.port = port
            }
        } else if text.filter({ $0 == ":" }).count == 1 {
            let parts = text.split(separator: ":")
            guard parts.count == 2, let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
            host = String(parts[0])
            self.port = port
        } else {
            host = text
        }
        if host.isEmpty { return nil }
    }
}

extension ServerAddress {
    /// Connects and closes at once: whether the server takes connections (the doctor's check).
    public func connect(timeout seconds: Double) throws {
        _ = try TCPSocket.connect(host: host, port: port, timeout: seconds)
    }
}
