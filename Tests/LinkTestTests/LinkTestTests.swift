import Foundation
import TestSupport
import Testing

@testable import LinkTest

/// Programs the tests run: Debian's iperf3, and this package's schoolnet-probe.
enum Programs {
    static let iperf3 = "/usr/bin/iperf3"

    static let probe = TestSupport.Programs.executable("schoolnet-probe")

    /// Starts a program with its standard output in a pipe.
    static func start(_ executable: String, _ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, out)
    }

    static func json(_ pipe: Pipe) -> [String: Any] {
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// A port nobody listens on now (the kernel's pick, released).
    static func freePort() throws -> Int {
        let listener = try TCPListener(port: 0)
        defer { listener.close() }
        return listener.port
    }
}

extension [String: Any] {
    func number(_ path: String...) -> Double? {
        var node: Any? = self
        for key in path { node = (node as? [String: Any])?[key] }
        return (node as? NSNumber)?.doubleValue
    }
}

/// A test run on another thread, and its result once it is done.
final class Outcome: @unchecked Sendable {
    var result: Result<LinkTestResult, any Error>?
    let done = DispatchSemaphore(value: 0)
}

/// A reflector in this process on a free port, serving on its own thread.
func startReflector() throws -> LinkTestServer {
    // What the reflector says of each test goes to the test log: a failed test says why.
    let server = try LinkTestServer(port: 0, log: { print("reflector: \($0)") })
    let thread = Thread { server.serve() }
    thread.start()
    return server
}

@Suite("iperf3 interoperability (loopback)", .serialized)
struct InteropTests {
    /// SchoolNet's client against `iperf3 -s`: upload and download, one and two streams. For an
    /// upload the goodput is the iperf3 server's own count of what it received, to the byte.
    @Test(arguments: [(false, 1), (true, 1), (false, 2), (true, 2)])
    func clientAgainstIperf3(reverse: Bool, streams: Int) throws {
        let port = try Programs.freePort()
        let (server, out) = try Programs.start(Programs.iperf3, ["-s", "-1", "-p", String(port), "-J"])
        Thread.sleep(forTimeInterval: 0.5)
        var options = LinkTestOptions(host: "127.0.0.1")
        options.port = port
        options.reverse = reverse
        options.seconds = 2
        options.streams = streams
        let result = try LinkTestClient(options: options).run()
        let report = Programs.json(out)
        server.waitUntilExit()
        #expect(server.terminationStatus == 0)
        #expect(result.bytes > 0 && result.goodputMbps > 100 && result.streams == streams)
        if reverse {
            let sent = try #require(report.number("end", "sum_sent", "bytes"))
            #expect(Double(result.bytes) <= sent && result.retransmits != nil)
        } else {
            #expect(Double(result.bytes) == report.number("end", "sum_received", "bytes"))
        }
    }

    /// `iperf3 -c` against SchoolNet's reflector: upload and download, with warm-up seconds and
    /// parallel streams, ends cleanly with results on both sides.
    @Test(arguments: [[String](), ["-R"], ["-P", "3", "-O", "1"], ["-R", "-P", "2"]])
    func iperf3AgainstReflector(extra: [String]) throws {
        let reflector = try startReflector()
        defer { reflector.stop() }
        let (client, out) = try Programs.start(
            Programs.iperf3, ["-c", "127.0.0.1", "-p", String(reflector.port), "-t", "2", "-J"] + extra)
        let report = Programs.json(out)
        client.waitUntilExit()
        #expect(client.terminationStatus == 0, "\(report["error"] ?? "")")
        #expect((report.number("end", "sum_received", "bytes") ?? 0) > 1_000_000, "\(report["error"] ?? "")")
        #expect((report.number("end", "sum_sent", "bytes") ?? 0) > 1_000_000)
    }

    /// One test at a time: a second client is told the server is busy (iperf3's clients too),
    /// and the first test finishes.
    @Test func busy() throws {
        let reflector = try startReflector()
        defer { reflector.stop() }
        var options = LinkTestOptions(host: "127.0.0.1")
        options.port = reflector.port
        options.seconds = 3
        let first = Outcome()
        let thread = Thread { [options] in
            first.result = Result { try LinkTestClient(options: options).run() }
            first.done.signal()
        }
        thread.start()
        Thread.sleep(forTimeInterval: 1)
        #expect(throws: LinkTestError.busy) { try LinkTestClient(options: options).run() }
        let (other, out) = try Programs.start(
            Programs.iperf3, ["-c", "127.0.0.1", "-p", String(reflector.port), "-t", "1", "-J"])
        let report = Programs.json(out)
        other.waitUntilExit()
        // iperf3 3.12 with -J exits 0 even so; its JSON says why.
        #expect("\(report["error"] ?? "")" == "the server is busy running a test. try again later")
        first.done.wait()
        #expect(try first.result!.get().bytes > 0)
    }
}

@Suite("Link test faults", .serialized)
struct FaultTests {
    /// A client that sends garbage instead of parameters is dropped; the reflector serves the next.
    @Test func garbageOnControl() throws {
        let reflector = try startReflector()
        defer { reflector.stop() }
        let socket = try TCPSocket.connect(host: "127.0.0.1", port: reflector.port, timeout: 2)
        try socket.send(Iperf.makeCookie())
        #expect(try Iperf.readState(from: socket) == .paramExchange)
        try socket.send(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        socket.setTimeout(5)
        #expect(throws: LinkTestError.self) { _ = try Iperf.readState(from: socket) }  // closed on us
        var options = LinkTestOptions(host: "127.0.0.1")
        options.port = reflector.port
        options.seconds = 1
        #expect(try LinkTestClient(options: options).run().bytes > 0)
    }

    /// A server that sends what is not iperf3, and one that never answers: clear errors.
    @Test func wrongOrSilentServer() throws {
        let listener = try TCPListener(port: 0)
        defer { listener.close() }
        let thread = Thread {
            guard let first = listener.accept() else { return }
            try? first.send(Array("HTTP/1.1 400 Bad Request\r\n\r\n".utf8))
            guard let second = listener.accept() else { return }
            Thread.sleep(forTimeInterval: 8)  // silent
            second.close()
        }
        thread.start()
        var options = LinkTestOptions(host: "127.0.0.1")
        options.port = listener.port
        options.connectTimeout = 1
        #expect(throws: LinkTestError("protocol error: 72 is not an iperf3 state")) {
            try LinkTestClient(options: options).run()
        }
        #expect(throws: LinkTestError("the peer did not answer in time")) { try LinkTestClient(options: options).run() }
        options.port = try Programs.freePort()
        #expect(throws: LinkTestError.self) { try LinkTestClient(options: options).run() }
    }

    /// The reflector killed in the middle of a test: the client reports a failure, no crash.
    @Test func reflectorKilledMidTest() throws {
        let port = try Programs.freePort()
        let (reflector, _) = try Programs.start(Programs.probe, ["reflector", "--port", String(port)])
        Thread.sleep(forTimeInterval: 0.5)
        let killer = Thread {
            Thread.sleep(forTimeInterval: 1.5)
            kill(reflector.processIdentifier, SIGKILL)
        }
        killer.start()
        var options = LinkTestOptions(host: "127.0.0.1")
        options.port = port
        options.seconds = 3
        #expect(throws: LinkTestError.self) { try LinkTestClient(options: options).run() }
        reflector.waitUntilExit()
    }
}

@Suite("Latency and loss to the reflector")
struct LatencyTests {
    /// The reflector echoes SchoolNet's probes: every one answered on loopback, in well under a
    /// millisecond or so; a test against it reports idle and loaded latency.
    @Test func echoes() throws {
        let reflector = try startReflector()
        defer { reflector.stop() }
        let probe = try #require(LatencyProbe(host: "127.0.0.1", port: reflector.port))
        let idle = try #require(probe.measure(count: 10, interval: 0.01, timeout: 0.3))
        #expect(idle.sent == 10 && idle.received == 10 && idle.lossPct == 0)
        #expect(idle.medianMs > 0 && idle.medianMs <= idle.p95Ms)
        var options = LinkTestOptions(host: "127.0.0.1")
        options.port = reflector.port
        options.seconds = 1
        let result = try LinkTestClient(options: options).run()
        #expect(result.latencyIdle?.received == 10)
        #expect((result.latencyLoaded?.sent ?? 0) >= 5)
    }

    /// Against a plain iperf3 server nothing echoes: no latency, and the test still runs.
    @Test func noEchoFromIperf3() throws {
        let port = try Programs.freePort()
        let (server, _) = try Programs.start(Programs.iperf3, ["-s", "-1", "-p", String(port)])
        Thread.sleep(forTimeInterval: 0.5)
        var options = LinkTestOptions(host: "127.0.0.1")
        options.port = port
        options.seconds = 1
        let result = try LinkTestClient(options: options).run()
        server.waitUntilExit()
        #expect(result.latencyIdle == nil && result.latencyLoaded == nil && result.bytes > 0)
    }

    /// Datagrams without SchoolNet's marker, or of another size, get no answer.
    @Test func ignoresOthers() throws {
        let reflector = try startReflector()
        defer { reflector.stop() }
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(reflector.port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var wait = timeval(tv_sec: 0, tv_usec: 300_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        for payload in [Array("hello, reflector".utf8), Array("SNET".utf8) + [UInt8](repeating: 0, count: 100)] {
            _ = payload.withUnsafeBytes { bytes in
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            var buffer = [UInt8](repeating: 0, count: 256)
            #expect(buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) } < 0)
        }
    }
}
