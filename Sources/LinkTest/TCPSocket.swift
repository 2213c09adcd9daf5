import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A failure of a link test, in words for the probe's log and the outbox.
public struct LinkTestError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }

    /// A read that waited its whole timeout (`SO_RCVTIMEO`) for a byte.
    public static let noAnswer = LinkTestError("the peer did not answer in time")
}

/// A blocking TCP socket: what an iperf3 control or data connection needs, and nothing more.
final class TCPSocket: @unchecked Sendable {
    let descriptor: Int32
    private var closed = false
    private let lock = NSLock()

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close() }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        _ = Glibc.close(descriptor)
    }

    /// Ends both directions without closing, so a thread blocked on it returns.
    func shutdownBoth() { _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR)) }

    /// Connects to a host (a name or an address) and port, giving up after `timeout` seconds.
    static func connect(host: String, port: Int, timeout: Double) throws -> TCPSocket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw LinkTestError("\(host): cannot resolve: \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            entry = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            let socket = TCPSocket(descriptor: fd)
            // Non-blocking connect with a deadline, then back to blocking.
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
            var result = Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
            if result != 0, errno == EINPROGRESS {
                var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                if poll(&waiting, 1, Int32(timeout * 1000)) == 1 {
                    var error: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
                    result = error == 0 ? 0 : -1
                    errno = error
                } else {
                    result = -1
                    errno = ETIMEDOUT
                }
            }
            if result == 0 {
                _ = fcntl(fd, F_SETFL, flags)
                socket.setNoDelay()
                return socket
            }
            lastError = String(cString: strerror(errno))
        }
        throw LinkTestError("\(host) port \(port): cannot connect: \(lastError)")
    }

    func setNoDelay() {
        var on: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Gives up on a blocked read or write after this many seconds (0: never).
    func setTimeout(_ seconds: Double) {
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1e6))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Pins the congestion control of this connection (the kernel's default may differ from the peer's).
    func setCongestionControl(_ name: String) {
        _ = name.withCString { setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_CONGESTION, $0, socklen_t(strlen($0))) }
    }

    func congestionControl() -> String? {
        var buffer = [CChar](repeating: 0, count: 16)
        var length = socklen_t(buffer.count)
        guard getsockopt(descriptor, Int32(IPPROTO_TCP), TCP_CONGESTION, &buffer, &length) == 0 else { return nil }
        return String(cString: buffer)
    }

    /// Writes all the bytes.
    func send(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if written < 0 {
                if errno == EINTR { continue }
                throw LinkTestError("send: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    func send(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try send($0) } }

    /// Reads up to `buffer.count` bytes; 0 at the end of the stream.
    func receive(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw LinkTestError.noAnswer }
            throw LinkTestError("receive: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads exactly `count` bytes, or fails when the stream ends first.
    func receive(exactly count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = try bytes.withUnsafeMutableBytes { buffer in
                try receive(into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]))
            }
            guard got > 0 else { throw LinkTestError("the peer closed the connection") }
            offset += got
        }
        return bytes
    }

    /// Bytes the kernel has received on this connection (`tcpi_bytes_received`, Linux 4.1 and
    /// later), whether or not the application has read them yet: a count that a busy CPU cannot
    /// delay. glibc's `tcp_info` stops before the field, so it is read at its offset in the
    /// kernel's structure (linux/tcp.h): 128.
    func kernelBytesReceived() -> UInt64? {
        var buffer = [UInt8](repeating: 0, count: 256)
        var length = socklen_t(buffer.count)
        guard getsockopt(descriptor, Int32(IPPROTO_TCP), TCP_INFO, &buffer, &length) == 0, length >= 136 else {
            return nil
        }
        return buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 128, as: UInt64.self) }
    }

    /// The kernel's view of the connection: smoothed RTT and retransmitted segments.
    func tcpInfo() -> (rttMs: Double, retransmits: UInt32)? {
        var info = tcp_info()
        var length = socklen_t(MemoryLayout<tcp_info>.size)
        guard getsockopt(descriptor, Int32(IPPROTO_TCP), TCP_INFO, &info, &length) == 0 else { return nil }
        return (Double(info.tcpi_rtt) / 1000, info.tcpi_total_retrans)
    }
}

/// A listening TCP socket on all addresses (IPv6 with IPv4 mapped), or on one.
final class TCPListener: @unchecked Sendable {
    let socket: TCPSocket
    let port: Int

    init(port: Int, address: ListenAddress = .any) throws {
        let fd = Glibc.socket(address.family, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LinkTestError("socket: \(String(cString: strerror(errno)))") }
        socket = TCPSocket(descriptor: fd)
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        guard address.bind(fd, port: port), listen(fd, 64) == 0 else {
            throw LinkTestError("\(address) port \(port): cannot listen: \(String(cString: strerror(errno)))")
        }
        // The port sits at the same offset in sockaddr_in and sockaddr_in6.
        var actual = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.port = Int(UInt16(bigEndian: actual.sin6_port))
    }

    /// The next connection; nil once the listener is closed (and then its socket is closed,
    /// by the thread that was waiting in `accept`, so the number is not reused under it).
    func accept() -> TCPSocket? {
        while true {
            let fd = Glibc.accept(socket.descriptor, nil, nil)
            if fd >= 0 {
                let connection = TCPSocket(descriptor: fd)
                connection.setNoDelay()
                return connection
            }
            if errno == EINTR || errno == ECONNABORTED { continue }
            socket.close()
            return nil
        }
    }

    /// Stops the listener: a thread waiting in `accept` returns nil.
    func close() { socket.shutdownBoth() }
}

/// Binds a socket to every IPv6 and IPv4 address (IPv4 as mapped IPv6) on a port.
func bindAnyAddress(_ fd: Int32, port: Int) -> Bool {
    var off: Int32 = 0
    setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &off, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_port = in_port_t(UInt16(port).bigEndian)
    address.sin6_addr = in6addr_any
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
    } == 0
}
