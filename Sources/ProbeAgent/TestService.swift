import Foundation
import LinkTest
import Logging
import PacketCapture
import ServiceLifecycle
import Synchronization

/// The agent's active half: on school days, tests the link at the schedule's random moments in
/// school hours (the school's time zone, not the machine's), download then upload, each stored in
/// the outbox with the other traffic the capture saw. `once` runs one cycle at once and returns
/// (`run --test-now`). A failed test is logged and counted, and the agent carries on.
public final class TestService: Service {
    let config: AgentConfig
    let server: ServerAddress
    let outbox: Outbox
    let logger: Logger
    let once: Bool
    private let state = Mutex(State())

    struct State {
        var failures: [String] = []
        /// Bytes of the last test each way: the estimate of the next one against the monthly cap.
        var lastBytes: [Bool: Int64] = [:]
    }

    public init(config: AgentConfig, server: ServerAddress, outbox: Outbox, logger: Logger, once: Bool) {
        self.config = config
        self.server = server
        self.outbox = outbox
        self.logger = logger
        self.once = once
    }

    /// The tests that failed so far, each as its log line.
    public var failures: [String] { state.withLock { $0.failures } }

    public func run() async throws {
        if once {
            await cycle()
            return
        }
        var random = SystemRandomNumberGenerator()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let now = Date()
            let day = Self.localDay(of: now, in: config.timeZone)
            let times = config.schedule.times(
                onDayStartingAt: day.midnight, weekday: day.weekday, utcOffsetSeconds: day.offset, using: &random)
            let upcoming = times.filter { $0 > Int64(now.timeIntervalSince1970) }
            if !upcoming.isEmpty {
                let clocks = upcoming.map { Self.clock($0, in: config.timeZone) }.joined(separator: ", ")
                logger.info("tests today at \(clocks) (\(config.timeZone.identifier))")
            }
            for time in upcoming {
                guard await Self.sleep(until: time) else { return }
                await cycle()
            }
            // Just past the next local midnight.
            guard await Self.sleep(until: day.midnight - Int64(day.offset) + 86_400 + 1) else { return }
        }
    }

    /// A local day: its midnight (in local seconds since the epoch), ISO weekday and UTC offset.
    static func localDay(of date: Date, in zone: TimeZone) -> (midnight: Int64, weekday: Int, offset: Int) {
        let offset = zone.secondsFromGMT(for: date)
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offset)
        let midnight = local.floorDiv(86_400) * 86_400
        let weekday = Int((midnight.floorDiv(86_400) + 3) % 7 + 7) % 7 + 1  // 1970-01-01 was a Thursday
        return (midnight, weekday, offset)
    }

    /// HH:MM of an instant in a time zone.
    static func clock(_ seconds: Int64, in zone: TimeZone) -> String {
        let local = seconds + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
        return AgentConfig.clock(Int(local.floorDiv(60) % 1440))
    }

    /// Sleeps until an instant (seconds since the epoch); false when the agent is stopping.
    static func sleep(until time: Int64) async -> Bool {
        let wait = Double(time) - Date().timeIntervalSince1970
        if wait > 0 {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(wait)) }
            } catch {
                return false
            }
        }
        return !Task.isShuttingDownGracefully && !Task.isCancelled
    }

    /// A download and an upload test, each stored in the outbox with the other traffic seen; a
    /// stop asked for between the two skips the second.
    func cycle() async {
        for reverse in [true, false] where !Task.isShuttingDownGracefully {
            await Self.onThread { self.test(reverse: reverse) }
        }
    }

    /// Runs blocking work (the test's sockets, its capture) on a thread of its own.
    static func onThread(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                work()
                continuation.resume()
            }.start()
        }
    }

    /// One test in one direction.
    func test(reverse: Bool) {
        let direction = reverse ? "download" : "upload"
        let now = Date()
        let month = String(config.timestamp(now).description.prefix(7))
        let used = (try? outbox.usage(month: month)) ?? 0
        // The last test's data, or 100 Mbit/s for the length of a test before the first.
        let estimate =
            state.withLock { $0.lastBytes[reverse] } ?? Int64(config.schedule.testSeconds) * 100_000_000 / 8
        guard config.schedule.allows(usedBytes: used, nextBytes: estimate) else {
            logger.warning("\(direction) test skipped: the month's cap leaves too little (\(used / 1_000_000) MB used)")
            return
        }
        var options = LinkTestOptions(host: server.host)
        options.port = server.port
        options.reverse = reverse
        options.seconds = config.schedule.testSeconds
        options.streams = config.testStreams
        let cross = try? CrossTraffic(
            interface: config.interface, localPrefixes: config.localPrefixes, server: server.host, port: server.port)
        do {
            var result = try LinkTestClient(options: options).runRetryingBusy()
            if let (mbps, dropped) = cross?.finish(download: reverse) {
                result.crossTrafficMbps = (mbps * 1000).rounded() / 1000
                if dropped > 0 { result.invalidReason = "the capture dropped \(dropped) packets" }
            }
            try outbox.append(config.measurements(result, startedAt: now))
            try outbox.addUsage(month: month, bytes: Int64(result.bytes))
            state.withLock { $0.lastBytes[reverse] = Int64(result.bytes) }
            let line = String(
                format: "%@ test: %.3f Mbit/s (+%.3f Mbit/s other traffic), RTT %.1f ms%@", direction,
                result.goodputMbps, result.crossTrafficMbps ?? 0, result.rttMs ?? 0,
                result.valid ? "" : ", not valid: \(result.invalidReason ?? "")")
            logger.info("\(line)")
            try? outbox.note(AgentEvent(.test, ok: result.valid, detail: line))
        } catch {
            _ = cross?.finish(download: reverse)
            let line = "\(direction) test against \(server.host):\(server.port) failed: \(error)"
            logger.error("\(line)")
            try? outbox.note(AgentEvent(.test, ok: false, detail: line))
            state.withLock { $0.failures.append(line) }
        }
    }
}
