import Foundation
import Logging
import PacketCapture
import ServiceLifecycle

/// The agent's passive half: captures the uplink for as long as the agent runs and stores a
/// sample every 5 minutes in the outbox. On a graceful shutdown (SIGTERM) the capture is broken
/// off and the slot being filled is stored as a partial sample, so stopping loses nothing.
///
/// libpcap blocks, so the capture loop runs on a thread of its own, never on the concurrency
/// pool (two cores here: two pool threads).
public final class CaptureService: Service {
    let config: AgentConfig
    let outbox: Outbox
    let logger: Logger

    public init(config: AgentConfig, outbox: Outbox, logger: Logger) {
        self.config = config
        self.outbox = outbox
        self.logger = logger
    }

    /// Opens the interface (an error names the fix: the interface, or CAP_NET_RAW).
    func open() throws -> PacketSource {
        var options = LiveOptions(interface: config.interface)
        options.snapLength = config.snapLength
        options.bufferBytes = config.bufferMB << 20
        options.promiscuous = config.promiscuous
        let source = try PacketSource.live(options)
        if !config.filter.isEmpty { try source.setFilter(config.filter) }
        return source
    }

    public func run() async throws {
        let handle = SourceHandle(try open())
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let thread = Thread { [self] in
                        continuation.resume(with: Result { try capture(handle.source) })
                    }
                    thread.name = "capture \(config.interface)"
                    thread.start()
                }
            } onGracefulShutdown: {
                handle.source.stop()
            }
        } onCancel: {
            handle.source.stop()
        }
    }

    /// The capture loop, until the source is stopped or fails; the last slot is stored either way.
    private func capture(_ source: PacketSource) throws {
        var live = LiveCapture(config: config)
        live.outbox = outbox
        live.onSample = { [outbox, logger] sample in
            let detail =
                "sample of \(sample.coveredSeconds) s: down \(Self.mbps(sample.down.meanMbps)) Mbit/s mean, "
                + "up \(Self.mbps(sample.up.meanMbps)) Mbit/s mean, \(sample.drops ?? 0) packets dropped"
            try? outbox.note(AgentEvent(.sample, ok: (sample.drops ?? 0) == 0, detail: detail))
            logger.debug("\(detail)")
        }
        do {
            loop: while true {
                switch try source.next() {
                case .packet(let packet): live.meter.add(packet, linkType: source.linkType)
                case .timeout: break
                case .end: break loop
                }
                try live.tick(now: Date(), stats: source.stats())
            }
        } catch {
            try? live.finish(stats: source.stats())
            logger.error("capture stopped: \(error)")
            throw error
        }
        try live.finish(stats: source.stats())
    }

    static func mbps(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// The capture's source, handed to the capture thread, which alone reads it, and to the
/// shutdown handlers, which only call `stop()`: pcap_breakloop is made to be called from another
/// thread.
struct SourceHandle: @unchecked Sendable {
    let source: PacketSource
    init(_ source: PacketSource) { self.source = source }
}
