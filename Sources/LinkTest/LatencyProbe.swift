import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Round-trip time and loss to the reflector, from small UDP datagrams it echoes on the same port
/// number as its tests. A datagram is echoed only when it starts with SchoolNet's marker and is
/// at most 64 bytes, so the echo can never be used to amplify traffic.
public struct LatencyResult: Sendable, Equatable {
    public var sent: Int
    public var received: Int
    /// Median round-trip time of the answered probes, in ms.
    public var medianMs: Double
    public var p95Ms: Double
    public var lossPct: Double { sent == 0 ? 0 : 100 * Double(sent - received) / Double(sent) }
}

enum Echo {
    static let marker: [UInt8] = Array("SNET".utf8)
    static let size = 16  // marker, sequence (4), send time in ns (8)
}

/// Sends numbered datagrams at an interval and times their echoes.
public final class LatencyProbe: Sendable {
    private let descriptor: Int32
    private let stopped = Atomic<Bool>(false)

    /// A probe towards a host and port (UDP); nil when the host does not resolve.
    public init?(host: String, port: Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let info = list else { return nil }
        defer { freeaddrinfo(list) }
        let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard fd >= 0, Glibc.connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            if fd >= 0 { close(fd) }
            return nil
        }
        var wait = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// Probes `count` times, `interval` seconds apart (0 count: until `stop()`), then waits
    /// `timeout` seconds for late echoes. Nil when nothing at all came back (no echo there).
    public func measure(count: Int, interval: Double, timeout: Double = 1) -> LatencyResult? {
        let rtts = Mutex<[Double]>([])
        let sentCount = Atomic<Int>(0)
        let senderDone = Atomic<Bool>(false)
        let start = DispatchTime.now().uptimeNanoseconds
        let sender = Thread { [self] in
            var sequence: UInt32 = 0
            while !stopped.load(ordering: .relaxed), count == 0 || Int(sequence) < count {
                var datagram = Echo.marker
                withUnsafeBytes(of: sequence.bigEndian) { datagram += $0 }
                withUnsafeBytes(of: DispatchTime.now().uptimeNanoseconds.bigEndian) { datagram += $0 }
                _ = datagram.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                sentCount.add(1, ordering: .relaxed)
                sequence += 1
                Thread.sleep(forTimeInterval: interval)
            }
            senderDone.store(true, ordering: .relaxed)
        }
        sender.start()
        var seen = Set<UInt32>()
        var lastSend: UInt64?
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            if senderDone.load(ordering: .relaxed) {
                if lastSend == nil { lastSend = DispatchTime.now().uptimeNanoseconds }
                if DispatchTime.now().uptimeNanoseconds - lastSend! > UInt64(timeout * 1e9) { break }
            }
            let got = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard got == Echo.size, Array(buffer[0..<4]) == Echo.marker else { continue }
            let sequence = buffer.withUnsafeBytes {
                UInt32(bigEndian: $0.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            }
            let sentAt = buffer.withUnsafeBytes {
                UInt64(bigEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            }
            guard sentAt >= start, seen.insert(sequence).inserted else { continue }
            rtts.withLock { $0.append(Double(DispatchTime.now().uptimeNanoseconds - sentAt) / 1e6) }
        }
        let values = rtts.withLock { $0 }.sorted()
        guard !values.isEmpty else { return nil }
        let sent = sentCount.load(ordering: .relaxed)
        let p95 = values[max(Int((0.95 * Double(values.count) - 1e-9).rounded(.up)), 1) - 1]
        let middle = values.count / 2
        let median = values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
        return LatencyResult(sent: sent, received: values.count, medianMs: median, p95Ms: p95)
    }

    /// Ends an open-ended `measure(count: 0, ...)`.
    public func stop() { stopped.store(true, ordering: .relaxed) }
}

/// The reflector's UDP echo: answers SchoolNet's latency probes on the test port.
///
/// The serving thread closes the socket itself when it stops: closing it from another thread
/// while it waits in `recvfrom` would let it read from whatever socket gets the number next.
final class EchoServer: Sendable {
    private let descriptor: Int32
    private let stopped = Atomic<Bool>(false)

    init(port: Int, address: ListenAddress = .any) throws {
        let fd = socket(address.family, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw LinkTestError("udp socket: \(String(cString: strerror(errno)))") }
        guard address.bind(fd, port: port) else {
            Glibc.close(fd)
            throw LinkTestError("udp port \(port): cannot bind: \(String(cString: strerror(errno)))")
        }
        var wait = timeval(tv_sec: 0, tv_usec: 200_000)  // look at the stop flag five times a second
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        descriptor = fd
    }

    /// Echoes until `close()`, then closes the socket.
    func serve() {
        defer { Glibc.close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 2048)
        var peer = sockaddr_storage()
        while true {
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let got = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(descriptor, bytes.baseAddress, bytes.count, 0, $0, &length)
                    }
                }
            }
            if stopped.load(ordering: .relaxed) { return }
            if got < 0 {
                if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                return
            }
            guard got == Echo.size, Array(buffer[0..<4]) == Echo.marker else { continue }
            _ = buffer.withUnsafeBytes { bytes in
                withUnsafePointer(to: &peer) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(descriptor, bytes.baseAddress, got, 0, $0, length)
                    }
                }
            }
        }
    }

    func close() {
        stopped.store(true, ordering: .relaxed)
        shutdown(descriptor, Int32(SHUT_RDWR))
    }
}
