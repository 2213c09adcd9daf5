import ArgumentParser
import Foundation
import LinkTest
import PacketCapture
import ProbeAgent
import Synchronization

/// The agent: captures the uplink all the time (5-minute samples into the outbox) and tests it
/// at random times in school hours against the reflector, with the other traffic on the link
/// added to each test's goodput, until stopped.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the agent: live capture, scheduled throughput tests, everything into the outbox.",
        discussion: """
            Needs school_code, interface, local_prefixes, outbox and tests.server in the configuration. \
            Each school day it runs tests.per_day download-and-upload tests at random moments in school \
            hours, one in each equal part of them, skipping those the monthly cap (tests.monthly_cap_mb) \
            cannot afford. A failed test is logged and the agent carries on. --test-now runs one test \
            at once and stops: a check for IT staff that everything is in place.
            """)

    @Option(help: "The agent's configuration file.")
    var config: String
    @ArgumentParser.Flag(help: "Run one download and upload test now, then stop.")
    var testNow = false

    func run() throws {
        let config = try AgentConfig.read(file: self.config)
        for (value, key) in [
            (config.schoolCode, "school_code"), (config.interface, "interface"), (config.outbox, "outbox"),
            (config.testServer, "tests.server"),
        ] where value.isEmpty {
            throw ValidationError("\(self.config): \(key) is needed to run the agent")
        }
        guard let server = ServerAddress(config.testServer) else {
            throw ValidationError("\(self.config): tests.server \"\(config.testServer)\" is not HOST or HOST:PORT")
        }
        let outbox = try config.openOutbox()!
        var options = LiveOptions(interface: config.interface)
        options.snapLength = config.snapLength
        options.bufferBytes = config.bufferMB << 20
        options.promiscuous = config.promiscuous
        let source = try PacketSource.live(options)
        if !config.filter.isEmpty { try source.setFilter(config.filter) }
        let stopper = Stopper(source)
        let capture = CaptureThread(source: source, config: config, outbox: outbox)
        let agent = Agent(config: config, server: server, outbox: outbox, stopped: { capture.isStopped })
        let upload = try config.uploadSettings(file: self.config).map {
            try UploadLoop(
                uploader: Uploader(outbox: outbox, settings: $0, log: Agent.log), stopped: { capture.isStopped })
        }
        if testNow {
            agent.cycle()
        } else {
            agent.runSchedule()
        }
        source.stop()
        capture.wait()
        upload?.finish()
        withExtendedLifetime(stopper) {}
    }
}

/// The capture, on its own thread, writing samples into the outbox.
final class CaptureThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let stopped = Atomic<Bool>(false)
    var isStopped: Bool { stopped.load(ordering: .relaxed) }

    init(source: PacketSource, config: AgentConfig, outbox: Outbox) {
        // The source is used on this thread only, but for `stop()` (pcap_breakloop is made for that).
        let box = UncheckedBox(source)
        let thread = Thread { [self] in
            let source = box.value
            var live = LiveCapture(config: config, linkType: source.linkType, quiet: true)
            live.outbox = outbox
            do {
                loop: while true {
                    switch try source.next() {
                    case .packet(let packet): live.meter.add(packet, linkType: source.linkType)
                    case .timeout: break
                    case .end: break loop
                    }
                    try live.tick(now: Date(), stats: source.stats())
                }
                try live.finish(stats: source.stats())
            } catch {
                Agent.log("capture stopped: \(error)")
            }
            stopped.store(true, ordering: .relaxed)
            done.signal()
        }
        thread.start()
    }

    func wait() { done.wait() }
}

/// The upload, beside the capture and the tests: the outbox is sent whenever it holds results,
/// every 30 s; when the agent stops, one last attempt of up to 10 s.
final class UploadLoop: Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(uploader: Uploader, stopped: @escaping @Sendable () -> Bool) {
        let done = done
        Task.detached {
            while !stopped() {
                await uploader.drain(shouldStop: stopped)
                try? await Uploader.sleep(.seconds(30), shouldStop: stopped)
            }
            await uploader.drain(until: .now + .seconds(10))
            await uploader.shutdown()
            done.signal()
        }
    }

    /// Waits for the last attempt once the agent has stopped.
    func finish() { done.wait() }
}

/// The test schedule and one test cycle (download, then upload).
final class Agent {
    let config: AgentConfig
    let server: ServerAddress
    let outbox: Outbox
    /// True once the capture ended (a signal, or a broken interface): the agent stops too.
    let stopped: () -> Bool
    /// Bytes of the last test each way: the estimate of the next one against the monthly cap.
    private var lastBytes: [Bool: Int64] = [:]

    init(config: AgentConfig, server: ServerAddress, outbox: Outbox, stopped: @escaping () -> Bool) {
        self.config = config
        self.server = server
        self.outbox = outbox
        self.stopped = stopped
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data("\(ISO8601DateFormatter().string(from: Date())) \(line)\n".utf8))
    }

    /// Day after day: the day's test times, slept to, each one a cycle.
    func runSchedule() {
        var random = SystemRandomNumberGenerator()
        while !stopped() {
            let now = Date()
            let offset = TimeZone.current.secondsFromGMT(for: now)
            let local = Int64(now.timeIntervalSince1970) + Int64(offset)
            let midnight = local - local % 86_400  // local midnight, as local seconds
            let weekday = Int(((midnight / 86_400) + 3) % 7) + 1  // 1970-01-01 was a Thursday
            let times = config.schedule.times(
                onDayStartingAt: midnight, weekday: weekday, utcOffsetSeconds: offset, using: &random)
            for time in times where time > Int64(now.timeIntervalSince1970) {
                guard sleep(until: time) else { return }
                cycle()
            }
            guard sleep(until: midnight - Int64(offset) + 86_400 + 1) else { return }
        }
    }

    /// Sleeps until an instant (seconds since the epoch); false when the agent was stopped.
    func sleep(until time: Int64) -> Bool {
        while Date().timeIntervalSince1970 < Double(time) {
            if stopped() { return false }
            Thread.sleep(forTimeInterval: min(1, Double(time) - Date().timeIntervalSince1970))
        }
        return !stopped()
    }

    /// A download and an upload test, each stored in the outbox with the other traffic seen.
    func cycle() {
        for reverse in [true, false] {
            let month = String(ISO8601DateFormatter().string(from: Date()).prefix(7))
            let used = (try? outbox.usage(month: month)) ?? 0
            // The last test's data, or 100 Mbit/s for the length of a test before the first.
            let estimate = lastBytes[reverse] ?? Int64(config.schedule.testSeconds) * 100_000_000 / 8
            guard config.schedule.allows(usedBytes: used, nextBytes: estimate) else {
                Agent.log("test skipped: the month's cap leaves too little (\(used / 1_000_000) MB used)")
                continue
            }
            var options = LinkTestOptions(host: server.host)
            options.port = server.port
            options.reverse = reverse
            options.seconds = config.schedule.testSeconds
            options.streams = config.testStreams
            let cross = try? CrossTraffic(
                interface: config.interface, localPrefixes: config.localPrefixes, server: server.host, port: server.port
            )
            let started = Date()
            do {
                var result = try LinkTestClient(options: options).runRetryingBusy()
                if let (mbps, dropped) = cross?.finish(download: reverse) {
                    result.crossTrafficMbps = (mbps * 1000).rounded() / 1000
                    if dropped > 0 { result.invalidReason = "the capture dropped \(dropped) packets" }
                }
                try outbox.append(config.measurements(result, startedAt: started))
                try outbox.addUsage(month: month, bytes: Int64(result.bytes))
                lastBytes[reverse] = Int64(result.bytes)
                Agent.log(
                    String(
                        format: "%@ %.3f Mbit/s (+%.3f other traffic)%@", reverse ? "download" : "upload",
                        result.goodputMbps, result.crossTrafficMbps ?? 0, result.valid ? "" : ", not valid"))
            } catch {
                _ = cross?.finish(download: reverse)
                Agent.log("\(reverse ? "download" : "upload") test failed: \(error)")
            }
        }
    }
}
