import Foundation

/// What to test: against which server, which way, how long, with how many streams.
public struct LinkTestOptions: Sendable {
    public var host: String
    public var port = 5201
    /// Download: the server sends (iperf3's `-R`).
    public var reverse = false
    public var seconds = 10
    public var streams = 1
    /// Warm-up seconds not counted (iperf3's `-O`): TCP's slow start is not the link.
    public var omitSeconds = 0
    public var blockSize = 128 * 1024
    public var connectTimeout = 5.0
    /// Pin the congestion control (the default is the kernel's).
    public var congestion: String?

    public init(host: String) {
        self.host = host
    }
}

/// One throughput test's result, measured at the receiver.
public struct LinkTestResult: Sendable, Equatable {
    public var reverse: Bool
    public var streams: Int
    /// Seconds the receiver counted (after the omitted warm-up).
    public var seconds: Double
    /// Bytes the receiver got in those seconds.
    public var bytes: UInt64
    /// Goodput at the receiver, in Mbit/s.
    public var goodputMbps: Double { seconds > 0 ? Double(bytes) * 8 / seconds / 1e6 : 0 }
    /// Retransmitted segments of the sending side, when it reports them.
    public var retransmits: Int?
    /// Smoothed RTT of the probe's data connection at the end (kernel TCP_INFO), in ms.
    public var rttMs: Double?
    /// The probe's CPU use during the test, in percent of one core.
    public var cpuPercent: Double
    public var congestion: String
    /// Round-trip time and loss to the reflector before the test (idle) and during it (under
    /// load); nil against a server that does not echo (a plain iperf3).
    public var latencyIdle: LatencyResult?
    /// Other traffic on the link during the test, when the probe captured it (Mbit/s on the wire).
    public var crossTrafficMbps: Double?
    public var latencyLoaded: LatencyResult?
    /// A run whose probe was CPU-bound measured the probe, not the link.
    public var valid: Bool { invalidReason == nil }
    public var invalidReason: String?
}

/// An iperf3-protocol client: runs one test against any iperf3 server (or SchoolNet's reflector).
public struct LinkTestClient: Sendable {
    public let options: LinkTestOptions
    /// CPU use of one core above which a run is marked invalid.
    public static let cpuBoundPercent = 90.0

    public init(options: LinkTestOptions) {
        self.options = options
    }

    /// Runs the test. A busy server is `LinkTestError.busy`; every other failure says what happened.
    public func run() throws -> LinkTestResult {
        let latency = LatencyProbe(host: options.host, port: options.port)
        let idle = latency?.measure(count: 10, interval: 0.02, timeout: 0.5)
        let control = try TCPSocket.connect(host: options.host, port: options.port, timeout: options.connectTimeout)
        defer { control.close() }
        // Every state comes at once, or soon after the test: a server that says nothing for
        // 10 s is not coming back.
        control.setTimeout(options.connectTimeout + 5)
        let cookie = Iperf.makeCookie()
        try control.send(cookie)
        try expect(.paramExchange, on: control)
        var parameters: [String: Any] = [
            "tcp": true, "omit": options.omitSeconds, "time": options.seconds, "num": 0, "blockcount": 0,
            "parallel": options.streams, "len": options.blockSize, "pacing_timer": 1000, "client_version": "3.12",
        ]
        if options.reverse { parameters["reverse"] = true }
        // As iperf3 -C does: the server's sending streams use it too in a download test.
        if let congestion = options.congestion { parameters["congestion"] = congestion }
        try Iperf.sendJSON(parameters, on: control)
        try expect(.createStreams, on: control)
        var sockets: [TCPSocket] = []
        for _ in 0..<options.streams {
            let socket = try TCPSocket.connect(host: options.host, port: options.port, timeout: options.connectTimeout)
            if let congestion = options.congestion { socket.setCongestionControl(congestion) }
            try socket.send(cookie)
            sockets.append(socket)
        }
        let streams = DataStreams(sockets)
        defer { streams.close() }
        try expect(.testStart, on: control)
        try expect(.testRunning, on: control)
        let cpu = CPUMeter()
        streams.start(sending: !options.reverse, blockSize: options.blockSize)
        // Latency under load: probes every 100 ms while the streams run.
        let loaded = LoadedLatency(probe: idle == nil ? nil : latency)
        Thread.sleep(forTimeInterval: Double(options.omitSeconds))
        let counted = streams.bytes(receiving: options.reverse)
        let start = Date()
        Thread.sleep(forTimeInterval: Double(options.seconds))
        let elapsed = Date().timeIntervalSince(start)
        let perStream = zip(streams.bytes(receiving: options.reverse), counted).map { $0 - $1 }
        let usage = cpu.usage()
        streams.stopSending()
        let info = sockets.compactMap { $0.tcpInfo() }
        let congestion = sockets.first?.congestionControl() ?? "unknown"
        // The end first (the server times the test to it), then the last latency echoes.
        try Iperf.send(.testEnd, on: control)
        let underLoad = loaded.finish()
        try expect(.exchangeResults, on: control)
        let ours = Iperf.results(
            cpu: usage, sender: !options.reverse, congestion: congestion,
            streams: perStream.enumerated().map { index, bytes in
                (bytes, index < info.count ? info[index].retransmits : nil)
            }, seconds: elapsed)
        try Iperf.sendJSON(ours, on: control)
        let theirs = try Iperf.parseResults(try Iperf.readJSON(from: control))
        try expect(.displayResults, on: control)
        try? Iperf.send(.iperfDone, on: control)

        var result = LinkTestResult(
            reverse: options.reverse, streams: options.streams, seconds: elapsed, bytes: perStream.reduce(0, +),
            retransmits: nil, rttMs: info.map(\.rttMs).max(), cpuPercent: usage.totalPercent, congestion: congestion,
            latencyIdle: idle, latencyLoaded: underLoad)
        if options.reverse {
            // The server sent: its retransmits; we received and counted.
            let sent = theirs.streams.compactMap(\.retransmits)
            result.retransmits = sent.isEmpty ? nil : sent.reduce(0, +)
        } else {
            // The server received: its bytes and its seconds are the goodput; ours are the retransmits.
            result.bytes = theirs.streams.reduce(0) { $0 + $1.bytes }
            if theirs.seconds > 0 { result.seconds = theirs.seconds }
            result.retransmits = info.reduce(0) { $0 + Int($1.retransmits) }
        }
        if usage.totalPercent >= LinkTestClient.cpuBoundPercent {
            result.invalidReason = "the probe was CPU-bound (\(Int(usage.totalPercent))% of a core)"
        }
        return result
    }

    private func expect(_ wanted: IperfState, on control: TCPSocket) throws {
        let state = try Iperf.readState(from: control)
        switch state {
        case wanted: return
        case .accessDenied: throw LinkTestError.busy
        case .serverError:
            let codes = (try? control.receive(exactly: 8)) ?? []
            throw LinkTestError(
                "the server reported an error (\(codes.prefix(4).map(String.init).joined(separator: ".")))")
        case .serverTerminate: throw LinkTestError("the server ended the test")
        default: throw LinkTestError("protocol error: expected \(wanted), the server said \(state)")
        }
    }
}

extension LinkTestError {
    /// The server is running another test: try again later.
    public static let busy = LinkTestError("the server is busy with another test")
}

extension LinkTestClient {
    /// Runs the test, retrying a busy server with exponential backoff and jitter.
    public func runRetryingBusy(attempts: Int = 5, firstWait: Double = 1) throws -> LinkTestResult {
        var wait = firstWait
        for attempt in 1...attempts {
            do {
                return try run()
            } catch let error as LinkTestError where error == .busy && attempt < attempts {
                Thread.sleep(forTimeInterval: wait * Double.random(in: 0.5...1.5))
                wait *= 2
            }
        }
        return try run()
    }
}

/// Latency probes running on their own thread for the length of a test.
final class LoadedLatency: @unchecked Sendable {
    private let probe: LatencyProbe?
    private var result: LatencyResult?
    private let done = DispatchSemaphore(value: 0)

    init(probe: LatencyProbe?) {
        self.probe = probe
        guard let probe else { return }
        let thread = Thread { [self] in
            result = probe.measure(count: 0, interval: 0.1, timeout: 0.5)
            done.signal()
        }
        thread.start()
    }

    func finish() -> LatencyResult? {
        guard let probe else { return nil }
        probe.stop()
        done.wait()
        return result
    }
}
