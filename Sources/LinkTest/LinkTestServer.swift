import Dispatch
import Foundation
import Synchronization

/// SchoolNet's test server (the reflector): speaks iperf3's protocol, so `iperf3 -c` and
/// SchoolNet's probe both test against it. One test at a time, like iperf3: a client that comes
/// while a test runs is told the server is busy (iperf3's ACCESS_DENIED) and retries later.
public final class LinkTestServer: Sendable {
    private let listener: TCPListener
    private let echo: EchoServer
    /// The port it listens on (the one asked for, or the one the system chose for 0).
    public var port: Int { listener.port }
    private let running = Mutex<RunningTest?>(nil)
    private let log: @Sendable (String) -> Void

    /// The test in progress: its cookie, and the data streams that have arrived for it.
    final class RunningTest: Sendable {
        let cookie: [UInt8]
        let streams = Mutex<[TCPSocket]>([])
        let arrived = DispatchSemaphore(value: 0)

        init(cookie: [UInt8]) {
            self.cookie = cookie
        }
    }

    public init(port: Int, log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        listener = try TCPListener(port: port)
        echo = try EchoServer(port: listener.port)
        self.log = log
    }

    /// Accepts connections until `stop()`; each control connection gets its own thread.
    public func serve() {
        let echoThread = Thread { [echo] in echo.serve() }
        echoThread.start()
        while let connection = listener.accept() {
            let thread = Thread { [self] in handle(connection) }
            thread.start()
        }
    }

    public func stop() {
        listener.close()
        echo.close()
    }

    private func handle(_ connection: TCPSocket) {
        connection.setTimeout(10)
        guard let cookie = try? connection.receive(exactly: Iperf.cookieSize) else {
            connection.close()
            return
        }
        // A data stream of the running test, a new test, or a client to turn away.
        let role: (test: RunningTest, isStream: Bool)? = running.withLock { current in
            if let current {
                return current.cookie == cookie ? (current, true) : nil
            }
            let test = RunningTest(cookie: cookie)
            current = test
            return (test, false)
        }
        guard let (test, isStream) = role else {
            try? Iperf.send(.accessDenied, on: connection)
            connection.close()
            log("turned away a client: a test is running")
            return
        }
        if isStream {
            test.streams.withLock { $0.append(connection) }
            test.arrived.signal()
            return
        }
        defer { running.withLock { $0 = nil } }
        do {
            let summary = try run(test, control: connection)
            log(summary)
        } catch {
            log("test failed: \(error)")
        }
        connection.close()
        // The data streams close when their last user lets go (a thread may still be inside a call).
    }

    /// Runs one test on its control connection, following iperf3's server.
    private func run(_ test: RunningTest, control: TCPSocket) throws -> String {
        try Iperf.send(.paramExchange, on: control)
        let parameters = try Iperf.readJSON(from: control)
        guard parameters["tcp"] as? Bool == true || parameters["udp"] == nil else {
            throw LinkTestError("only TCP tests are served")
        }
        let count = (parameters["parallel"] as? NSNumber)?.intValue ?? 1
        let seconds = (parameters["time"] as? NSNumber)?.doubleValue ?? 10
        let omit = (parameters["omit"] as? NSNumber)?.doubleValue ?? 0
        let blockSize = (parameters["len"] as? NSNumber)?.intValue ?? 128 * 1024
        let reverse = parameters["reverse"] as? Bool ?? false
        guard (1...128).contains(count), (1...3600).contains(seconds), (0...60).contains(omit),
            (1...(16 << 20)).contains(blockSize)
        else {
            throw LinkTestError("parameters out of range: \(count) streams, \(seconds) s, block \(blockSize)")
        }
        try Iperf.send(.createStreams, on: control)
        for _ in 0..<count {
            guard test.arrived.wait(timeout: .now() + 10) == .success else {
                throw LinkTestError("the client opened fewer than \(count) streams")
            }
        }
        let streams = DataStreams(test.streams.withLock { $0 })
        defer { streams.close() }
        // The client's choice of congestion control (iperf3 -C, or the probe's --congestion)
        // holds for the streams this side sends.
        if let congestion = parameters["congestion"] as? String {
            for socket in streams.sockets { socket.setCongestionControl(congestion) }
        }
        try Iperf.send(.testStart, on: control)
        try Iperf.send(.testRunning, on: control)
        let cpu = CPUMeter()
        streams.start(sending: reverse, blockSize: blockSize)
        let started = Date()
        // The client ends the test; count from the end of its omitted warm-up.
        control.setTimeout(seconds + omit + 30)
        let omitEnd = DispatchTime.now() + omit
        let counted = Mutex<[UInt64]?>(nil)
        DispatchQueue.global().asyncAfter(deadline: omitEnd) {
            counted.withLock { $0 = streams.bytes(receiving: !reverse) }
        }
        let state = try Iperf.readState(from: control)
        guard state == .testEnd else { throw LinkTestError("protocol error: expected TEST_END, got \(state)") }
        streams.stopSending()
        let now = streams.bytes(receiving: !reverse)
        let base = counted.withLock { $0 } ?? now.map { _ in 0 }
        let perStream = zip(now, base).map { $0 >= $1 ? $0 - $1 : 0 }
        let elapsed = max(Date().timeIntervalSince(started) - omit, 0)
        let info = streams.sockets.map { $0.tcpInfo() }
        try Iperf.send(.exchangeResults, on: control)
        _ = try Iperf.parseResults(try Iperf.readJSON(from: control))
        let ours = Iperf.results(
            cpu: cpu.usage(), sender: reverse, congestion: streams.sockets.first?.congestionControl() ?? "unknown",
            streams: perStream.enumerated().map { ($1, info[$0]?.retransmits) }, seconds: elapsed)
        try Iperf.sendJSON(ours, on: control)
        try Iperf.send(.displayResults, on: control)
        _ = try? Iperf.readState(from: control)  // IPERF_DONE, or the client just closes
        let mbps = Double(perStream.reduce(0, +)) * 8 / max(elapsed, 1e-9) / 1e6
        return "test done: \(count) stream(s), \(reverse ? "sent" : "received") \(String(format: "%.2f", mbps)) Mbit/s"
    }
}
