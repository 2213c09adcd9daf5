import Dispatch
import Foundation
import Synchronization

/// SchoolNet's test server (the reflector): speaks iperf3's protocol, so `iperf3 -c` and
/// SchoolNet's probe both test against it. One test at a time, like iperf3: a client that comes
/// while a test runs is told the server is busy (iperf3's ACCESS_DENIED) and retries later.
///
/// Clients are not authenticated, so deadlines keep any one of them from holding the test slot:
/// the handshake must end soon after connecting, a client that sends nothing for a while is
/// dropped, and a test may not outlast its declared length by more than a margin.
public final class LinkTestServer: Sendable {
    /// How long the server waits on a client before it drops it and frees the test slot.
    public struct Deadlines: Sendable, Equatable {
        /// From connecting to the start of the test: cookie, parameters and data streams.
        public var handshake: Duration = .seconds(10)
        /// No byte from the client for this long, when the server waits for one, drops it.
        public var idle: Duration = .seconds(10)
        /// Added to the test's declared length (seconds and warm-up) to bound the whole test,
        /// its results exchange included.
        public var testMargin: Duration = .seconds(30)

        public init() {}
    }

    private let listener: TCPListener
    private let echo: EchoServer
    /// The port it listens on (the one asked for, or the one the system chose for 0).
    public var port: Int { listener.port }
    /// The address it listens on.
    public let address: ListenAddress
    public let deadlines: Deadlines
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

    public init(
        port: Int, address: ListenAddress = .any, deadlines: Deadlines = Deadlines(),
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) throws {
        listener = try TCPListener(port: port, address: address)
        echo = try EchoServer(port: listener.port, address: address)
        self.address = address
        self.deadlines = deadlines
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
        connection.setTimeout(deadlines.idle.inSeconds)
        let watchdog = Watchdog(connection)
        let handshakeEnd = DispatchTime.now() + deadlines.handshake.inSeconds
        watchdog.arm(at: handshakeEnd, reason: "the handshake took longer than \(deadlines.handshake)")
        let cookie: [UInt8]
        do {
            cookie = try connection.receive(exactly: Iperf.cookieSize)
        } catch {
            connection.close()
            logDrop(error, watchdog: watchdog)
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
            watchdog.disarm()
            try? Iperf.send(.accessDenied, on: connection)
            connection.close()
            log("turned away a client: a test is running")
            return
        }
        if isStream {
            // The test's own deadlines hold for its streams from here (it closes them).
            watchdog.disarm()
            test.streams.withLock { $0.append(connection) }
            test.arrived.signal()
            return
        }
        defer { running.withLock { $0 = nil } }
        do {
            let summary = try run(test, control: connection, watchdog: watchdog, handshakeEnd: handshakeEnd)
            log(summary)
        } catch {
            logDrop(error, watchdog: watchdog)
        }
        watchdog.disarm()
        connection.close()
        // The data streams close when their last user lets go (a thread may still be inside a call).
    }

    /// Says in one line why a client went: the deadline that passed, or what failed.
    private func logDrop(_ error: any Error, watchdog: Watchdog) {
        if let reason = watchdog.firedReason {
            log("dropped a client: \(reason); the test slot is free")
        } else if let error = error as? LinkTestError, error == .noAnswer {
            log("dropped a client: it sent nothing for \(deadlines.idle); the test slot is free")
        } else {
            log("test failed: \(error)")
        }
    }

    /// Runs one test on its control connection, following iperf3's server.
    private func run(
        _ test: RunningTest, control: TCPSocket, watchdog: Watchdog, handshakeEnd: DispatchTime
    ) throws -> String {
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
            guard test.arrived.wait(timeout: handshakeEnd) == .success else {
                throw LinkTestError(
                    "the client opened fewer than \(count) streams within the handshake's \(deadlines.handshake)")
            }
        }
        let streams = DataStreams(test.streams.withLock { $0 })
        defer { streams.close() }
        // The client's choice of congestion control (iperf3 -C, or the probe's --congestion)
        // holds for the streams this side sends.
        if let congestion = parameters["congestion"] as? String {
            for socket in streams.sockets { socket.setCongestionControl(congestion) }
        }
        // From here the whole test is bounded by its own length, not by the handshake's.
        let testBound = Duration.seconds(seconds + omit) + deadlines.testMargin
        watchdog.arm(
            at: .now() + testBound.inSeconds,
            reason:
                "the test ran past its \(String(format: "%g", seconds + omit)) s and the \(deadlines.testMargin) margin"
        )
        try Iperf.send(.testStart, on: control)
        try Iperf.send(.testRunning, on: control)
        let cpu = CPUMeter()
        streams.start(sending: reverse, blockSize: blockSize)
        let started = Date()
        // The client ends the test, so the control connection is quiet until then: the whole
        // test's bound holds instead of the idle deadline. Count from the end of the warm-up.
        control.setTimeout(testBound.inSeconds)
        let omitEnd = DispatchTime.now() + omit
        let counted = Mutex<[UInt64]?>(nil)
        DispatchQueue.global().asyncAfter(deadline: omitEnd) {
            counted.withLock { $0 = streams.bytes(receiving: !reverse) }
        }
        let state = try Iperf.readState(from: control)
        guard state == .testEnd else { throw LinkTestError("protocol error: expected TEST_END, got \(state)") }
        streams.stopSending()
        control.setTimeout(deadlines.idle.inSeconds)
        let now = streams.bytes(receiving: !reverse)
        let base = counted.withLock { $0 } ?? now.map { _ in 0 }
        let perStream = zip(now, base).map { $0 >= $1 ? $0 - $1 : 0 }
        let elapsed = max(Date().timeIntervalSince(started) - omit, 0)
        let info = streams.sockets.map { $0.tcpInfo() }
        // As iperf3's server does at TEST_END: the streams close now. An iperf3 client reading
        // a download reads whole blocks, and would wait on a block's last bytes (never sent,
        // once the senders stopped) instead of reading the results it is asked for.
        streams.close()
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

/// Shuts a client's control connection down when a deadline passes, so the thread blocked on it
/// returns and frees the test slot; it remembers which deadline it was, for the log.
final class Watchdog: Sendable {
    private let connection: TCPSocket
    /// The deadline's generation (arming again makes an older timer void) and why it fired.
    private let state = Mutex<(generation: Int, reason: String?)>((0, nil))

    init(_ connection: TCPSocket) {
        self.connection = connection
    }

    /// Why the connection was shut, when a deadline passed.
    var firedReason: String? { state.withLock { $0.reason } }

    /// Sets the deadline, replacing the one before.
    func arm(at deadline: DispatchTime, reason: String) {
        let generation = state.withLock { state in
            state.generation += 1
            return state.generation
        }
        DispatchQueue.global().asyncAfter(deadline: deadline) { [self] in
            let fire = state.withLock { state in
                guard state.generation == generation, state.reason == nil else { return false }
                state.reason = reason
                return true
            }
            if fire { connection.shutdownBoth() }
        }
    }

    /// No deadline any more.
    func disarm() { state.withLock { $0.generation += 1 } }
}

extension Duration {
    /// The duration in seconds, for socket timeouts and dispatch times.
    var inSeconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
