import Foundation
import Synchronization
import TestSupport
import Testing

@testable import LinkTest

/// Lines a server logged, from its threads.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var all: [String] { lines.withLock { $0 } }
}

/// A reflector in this process with short deadlines, keeping what it logs.
final class DeadlineReflector: Sendable {
    let server: LinkTestServer
    private let lines = LogLines()

    init(address: ListenAddress = .any, deadlines: LinkTestServer.Deadlines) throws {
        let lines = lines
        server = try LinkTestServer(port: 0, address: address, deadlines: deadlines) { line in
            print("reflector: \(line)")
            lines.append(line)
        }
        let server = server
        Thread { server.serve() }.start()
    }

    var logged: [String] { lines.all }

    /// A one-second upload test against it.
    func test(host: String = "127.0.0.1") throws -> LinkTestResult {
        var options = LinkTestOptions(host: host)
        options.port = server.port
        options.seconds = 1
        options.connectTimeout = 1
        return try LinkTestClient(options: options).run()
    }
}

@Suite("Reflector deadlines and address", .serialized)
struct ReflectorDeadlineTests {
    static var short: LinkTestServer.Deadlines {
        var deadlines = LinkTestServer.Deadlines()
        deadlines.handshake = .milliseconds(1500)
        // Longer than a real client's pauses: it finishes its latency probes after TEST_END.
        deadlines.idle = .seconds(2)
        deadlines.testMargin = .seconds(2)
        return deadlines
    }

    /// Whether the reflector closed the connection before `limit` seconds passed, while the
    /// client kept sending one byte every `every` seconds.
    static func trickle(_ socket: TCPSocket, every: Double, limit: Double) -> Bool {
        let end = Date().addingTimeInterval(limit)
        socket.setTimeout(every)
        var buffer = [UInt8](repeating: 0, count: 16)
        // A parameters block of 1000 bytes, sent a byte at a time: never finished in time.
        guard (try? socket.send([0, 0, 0x03, 0xE8])) != nil else { return true }
        while Date() < end {
            guard (try? socket.send([0x20])) != nil else { return true }
            let got = try? buffer.withUnsafeMutableBytes { try socket.receive(into: $0) }
            if got == 0 { return true }  // the reflector shut the connection
        }
        return false
    }

    /// A client that takes the test slot and then trickles a byte more often than the idle
    /// deadline is dropped at the handshake deadline, with one log line saying so; a real test
    /// then runs (before, such a client held the slot for as long as it liked).
    @Test func tricklingClientIsDropped() throws {
        let reflector = try DeadlineReflector(deadlines: Self.short)
        defer { reflector.server.stop() }
        let socket = try TCPSocket.connect(host: "127.0.0.1", port: reflector.server.port, timeout: 2)
        try socket.send(Iperf.makeCookie())
        #expect(try Iperf.readState(from: socket) == .paramExchange)
        // The slot is held: another client is turned away.
        #expect(throws: LinkTestError.self) { try reflector.test() }
        #expect(Self.trickle(socket, every: 0.2, limit: 20), "the trickling client was never dropped")
        socket.close()
        #expect(try reflector.test().bytes > 0)
        let drops = reflector.logged.filter { $0.hasPrefix("dropped a client") }
        #expect(drops == ["dropped a client: the handshake took longer than 1.5 seconds; the test slot is free"])
    }

    /// A client that sends its cookie and then nothing is dropped at the idle deadline.
    @Test func silentClientIsDropped() throws {
        var deadlines = Self.short
        deadlines.handshake = .seconds(30)
        let reflector = try DeadlineReflector(deadlines: deadlines)
        defer { reflector.server.stop() }
        let socket = try TCPSocket.connect(host: "127.0.0.1", port: reflector.server.port, timeout: 2)
        try socket.send(Iperf.makeCookie())
        socket.setTimeout(20)
        #expect(try Iperf.readState(from: socket) == .paramExchange)
        #expect(throws: LinkTestError("the peer closed the connection")) { _ = try Iperf.readState(from: socket) }
        #expect(try reflector.test().bytes > 0)
        #expect(reflector.logged.contains("dropped a client: it sent nothing for 2.0 seconds; the test slot is free"))
    }

    /// A client that starts a test and never ends it is dropped when the test's length and the
    /// margin have passed.
    @Test func endlessTestIsDropped() throws {
        let reflector = try DeadlineReflector(deadlines: Self.short)
        defer { reflector.server.stop() }
        let control = try TCPSocket.connect(host: "127.0.0.1", port: reflector.server.port, timeout: 2)
        let cookie = Iperf.makeCookie()
        try control.send(cookie)
        #expect(try Iperf.readState(from: control) == .paramExchange)
        try Iperf.sendJSON(["tcp": true, "time": 1, "parallel": 1], on: control)
        #expect(try Iperf.readState(from: control) == .createStreams)
        let stream = try TCPSocket.connect(host: "127.0.0.1", port: reflector.server.port, timeout: 2)
        try stream.send(cookie)
        #expect(try Iperf.readState(from: control) == .testStart)
        #expect(try Iperf.readState(from: control) == .testRunning)
        control.setTimeout(20)
        // No TEST_END: the reflector ends it after 1 s and the 2 s margin.
        #expect(throws: LinkTestError("the peer closed the connection")) { _ = try Iperf.readState(from: control) }
        stream.close()
        #expect(try reflector.test().bytes > 0)
        #expect(
            reflector.logged.contains {
                $0.hasPrefix("dropped a client: the test ran past its 1 s and the 2.0 seconds margin")
            })
    }

    /// Bound to 127.0.0.1 it serves there and nowhere else (not on ::1); bound to every
    /// address it serves on both.
    @Test func bindsToOneAddress() throws {
        let loopback = try DeadlineReflector(address: ListenAddress("127.0.0.1")!, deadlines: Self.short)
        defer { loopback.server.stop() }
        #expect(try loopback.test().bytes > 0)
        #expect(throws: LinkTestError.self) { try loopback.test(host: "::1") }
        let everywhere = try DeadlineReflector(deadlines: Self.short)
        defer { everywhere.server.stop() }
        #expect(try everywhere.test(host: "::1").bytes > 0 && everywhere.test(host: "127.0.0.1").bytes > 0)
        #expect(ListenAddress("[::1]") == .ipv6("::1") && ListenAddress("school.example") == nil)
    }

    /// `schoolnet-probe reflector --bind 127.0.0.1` says where it listens and serves a test there.
    @Test func reflectorCommandBinds() throws {
        let port = try Programs.freePort()
        let process = try TestSupport.Programs.start(
            Programs.probe, ["reflector", "--port", String(port), "--bind", "127.0.0.1", "--idle-timeout", "2"])
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        let errors = (process.standardError as! Pipe).fileHandleForReading
        let first = String(decoding: errors.availableData, as: UTF8.self)
        #expect(first == "reflector listening on 127.0.0.1 port \(port)\n")
        var options = LinkTestOptions(host: "127.0.0.1")
        options.port = port
        options.seconds = 1
        #expect(try LinkTestClient(options: options).run().bytes > 0)
        let bad = try TestSupport.Programs.run(Programs.probe, ["reflector", "--bind", "localhost"])
        #expect(bad.status == 2 && bad.stderr.contains("--bind \"localhost\" is not an IPv4 or IPv6 address"))
    }
}
