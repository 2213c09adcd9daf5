import ArgumentParser
import Foundation
import LinkTest
import PacketCapture
import ProbeAgent

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run one throughput test against an iperf3 server or SchoolNet's reflector.",
        discussion: """
            Goodput is measured at the receiver: the reflector (or iperf3 server) for an upload, the \
            probe for a download (--reverse). A busy server is retried with backoff. A run in which the \
            probe was CPU-bound is reported as not valid.
            """)

    @Option(help: "The server: HOST or HOST:PORT ([v6]:PORT for IPv6); port 5201 by default.")
    var server: String
    @ArgumentParser.Flag(help: "Download: the server sends.")
    var reverse = false
    @Option(help: "Seconds to measure.")
    var seconds = 10
    @Option(help: "Parallel TCP streams.")
    var streams = 1
    @Option(help: "Warm-up seconds not counted.")
    var omit = 0
    @Option(help: "Congestion control for the data streams (e.g. cubic, bbr; default: the kernel's).")
    var congestion: String?
    @Option(help: "Output: table or json.")
    var format = "table"
    @OptionGroup var network: NetworkOptions
    @Option(
        help:
            "Capture this interface during the test and add the other traffic on it to the goodput (needs --local or the configuration's prefixes)."
    )
    var interface: String?

    func validate() throws {
        guard (1...3600).contains(seconds) else { throw ValidationError("--seconds must be between 1 and 3600") }
        guard (1...128).contains(streams) else { throw ValidationError("--streams must be between 1 and 128") }
        guard (0...60).contains(omit) else { throw ValidationError("--omit must be between 0 and 60") }
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
        guard ServerAddress(server) != nil else {
            throw ValidationError("--server \"\(server)\" is not HOST or HOST:PORT")
        }
    }

    func run() throws {
        let config = try network.resolve(samplesFile: nil)
        let outbox = try config.openOutbox()
        let address = ServerAddress(server)!
        var options = LinkTestOptions(host: address.host)
        options.port = address.port
        options.reverse = reverse
        options.seconds = seconds
        options.streams = streams
        options.omitSeconds = omit
        options.congestion = congestion
        var cross: CrossTraffic?
        if let interface {
            let prefixes = config.localPrefixes
            guard !prefixes.isEmpty else { throw ValidationError("--interface needs --local PREFIX (or --config)") }
            do {
                cross = try CrossTraffic(
                    interface: interface, localPrefixes: prefixes, server: address.host, port: address.port)
            } catch let error as CaptureError {
                throw ValidationError("\(error)")
            }
        }
        var result: LinkTestResult
        let started = Date()
        do {
            result = try LinkTestClient(options: options).runRetryingBusy()
        } catch let error as LinkTestError {
            _ = cross?.finish(download: reverse)
            FileHandle.standardError.write(Data("test failed: \(error)\n".utf8))
            throw ExitCode(1)
        }
        if let (mbps, dropped) = cross?.finish(download: reverse) {
            result.crossTrafficMbps = (mbps * 1000).rounded() / 1000
            if dropped > 0 { result.invalidReason = "the capture dropped \(dropped) packets: cross-traffic unknown" }
        }
        // Into the outbox first: a crash after this line loses nothing.
        try outbox?.append(config.measurements(result, startedAt: started))
        FileHandle.standardOutput.write(Data(TestCommand.render(result, format: format).utf8))
    }

    static func render(_ result: LinkTestResult, format: String) -> String {
        if format == "json" {
            let object: [String: Any] = [
                "direction": result.reverse ? "down" : "up", "streams": result.streams, "seconds": result.seconds,
                "bytes": result.bytes, "goodput_mbps": result.goodputMbps,
                "retransmits": result.retransmits.map { $0 as Any } ?? NSNull(),
                "rtt_ms": result.rttMs.map { $0 as Any } ?? NSNull(), "cpu_percent": result.cpuPercent,
                "congestion": result.congestion, "valid": result.valid,
                "cross_traffic_mbps": result.crossTrafficMbps.map { $0 as Any } ?? NSNull(),
                "capacity_mbps": result.goodputMbps + (result.crossTrafficMbps ?? 0),
                "latency_idle": latencyObject(result.latencyIdle),
                "latency_loaded": latencyObject(result.latencyLoaded),
                "invalid_reason": result.invalidReason.map { $0 as Any } ?? NSNull(),
            ]
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            return String(decoding: data, as: UTF8.self) + "\n"
        }
        var out = String(
            format: "%@ %.3f Mbit/s goodput (%llu bytes in %.2f s, %d stream%@)\n",
            result.reverse ? "download" : "upload", result.goodputMbps, result.bytes, result.seconds, result.streams,
            result.streams == 1 ? "" : "s")
        out += "retransmits \(result.retransmits.map(String.init) ?? "unknown"), RTT "
        out += result.rttMs.map { String(format: "%.2f ms", $0) } ?? "unknown"
        out += String(format: ", probe CPU %.1f%% of a core, %@\n", result.cpuPercent, result.congestion)
        if let cross = result.crossTrafficMbps {
            out += String(
                format: "other traffic on the link %.3f Mbit/s: capacity estimate %.3f Mbit/s\n", cross,
                result.goodputMbps + cross)
        }
        for (label, latency) in [("idle", result.latencyIdle), ("under load", result.latencyLoaded)] {
            guard let latency else { continue }
            out += String(
                format: "latency %@: median %.2f ms, p95 %.2f ms, loss %.1f%% (%d of %d answered)\n", label,
                latency.medianMs, latency.p95Ms, latency.lossPct, latency.received, latency.sent)
        }
        if let reason = result.invalidReason { out += "NOT VALID: \(reason)\n" }
        return out
    }

    static func latencyObject(_ latency: LatencyResult?) -> Any {
        guard let latency else { return NSNull() }
        return [
            "median_ms": latency.medianMs, "p95_ms": latency.p95Ms, "loss_pct": latency.lossPct, "sent": latency.sent,
            "received": latency.received,
        ] as [String: Any]
    }
}

struct ReflectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reflector",
        abstract: "Serve throughput tests (iperf3's protocol) for the city's probes, one test at a time.",
        discussion: """
            Clients are not authenticated, so none may hold the one test slot: a client is dropped \
            when its handshake outlasts --handshake-timeout, when it sends nothing for --idle-timeout \
            while the reflector waits on it, or when its test outlasts its own length by --test-margin.
            """)

    @Option(help: "The TCP port.")
    var port = 5201
    @Option(help: "Listen on this address only (IPv4 or IPv6; default: all addresses).")
    var bind: String?
    @Option(help: "Seconds from connecting to the start of the test.")
    var handshakeTimeout = 10.0
    @Option(help: "Seconds without a byte from the client, when the reflector waits for one.")
    var idleTimeout = 10.0
    @Option(help: "Seconds a test may run past its declared length.")
    var testMargin = 30.0

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        if let bind, ListenAddress(bind) == nil {
            throw ValidationError("--bind \"\(bind)\" is not an IPv4 or IPv6 address")
        }
        for (name, value) in [
            ("--handshake-timeout", handshakeTimeout), ("--idle-timeout", idleTimeout), ("--test-margin", testMargin),
        ] where !(0.1...3600).contains(value) {
            throw ValidationError("\(name) must be between 0.1 and 3600 seconds")
        }
    }

    func run() throws {
        let address = bind.flatMap(ListenAddress.init) ?? .any
        var deadlines = LinkTestServer.Deadlines()
        deadlines.handshake = .seconds(handshakeTimeout)
        deadlines.idle = .seconds(idleTimeout)
        deadlines.testMargin = .seconds(testMargin)
        let server: LinkTestServer
        do {
            server = try LinkTestServer(port: port, address: address, deadlines: deadlines) { line in
                FileHandle.standardError.write(Data("\(ISO8601DateFormatter().string(from: Date())) \(line)\n".utf8))
            }
        } catch let error as LinkTestError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        FileHandle.standardError.write(Data("reflector listening on \(address) port \(server.port)\n".utf8))
        server.serve()
    }
}
