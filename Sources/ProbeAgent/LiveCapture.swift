import Foundation
import PacketCapture

/// The running state of a live capture: the meter, the seconds handed on, the drops per slot.
/// Each second that is over goes to `onSecond` (the `capture` command prints it); each 5-minute
/// slot that closes becomes a sample, stored in the outbox first, then given to `onSample`.
public struct LiveCapture {
    public let config: AgentConfig
    public var meter: TrafficMeter
    /// Where every sample goes first, when there is an outbox.
    public var outbox: Outbox?
    /// Called with each second that is over (seconds since the epoch) and its counts.
    public var onSecond: ((Int64, SecondCounts, CaptureStats?) -> Void)?
    /// Called with each sample once it is stored.
    public var onSample: ((UtilisationSample) -> Void)?
    /// Clock seconds handed to `onSecond` so far.
    var printed: Int64?
    /// The slot being filled, and the kernel's drop count when it began.
    var slot: Int64?
    var dropsAtSlotStart: UInt64 = 0
    var drops: [Int64: UInt64] = [:]

    public init(config: AgentConfig) {
        self.config = config
        meter = TrafficMeter(localPrefixes: config.localPrefixes, classNetworks: config.classNetworks)
        meter.advance(to: Int64(Date().timeIntervalSince1970 * 1e9))
    }

    /// Hands on every second that is over (one second late, so late packets land), and closes
    /// the slot when the clock passes its end, or jumps back before its start.
    public mutating func tick(now: Date, stats: CaptureStats?) throws {
        let nowNs = Int64(now.timeIntervalSince1970 * 1e9)
        let nowSecond = Int64(now.timeIntervalSince1970.rounded(.down))
        meter.advance(to: nowNs)
        let currentSlot = nowSecond.floorDiv(300)
        if slot == nil {
            slot = currentSlot
            dropsAtSlotStart = stats?.dropped ?? 0
        }
        // A clock set back (NTP after a boot with a clock ahead) goes on from where it is now.
        if let printed, nowSecond < printed { self.printed = nil }
        handOnSeconds(before: nowSecond - 1, stats: stats)
        if let slot, currentSlot < slot || (currentSlot > slot && nowSecond >= currentSlot * 300 + 2) {
            try close(slot: slot, stats: stats, now: nowNs)
            self.slot = currentSlot
        }
    }

    /// Hands on each second not yet handed on that starts before `end` (seconds since the
    /// epoch), run by run: the gap of a clock jump is not walked second by second.
    mutating func handOnSeconds(before end: Int64, stats: CaptureStats?) {
        guard let onSecond else { return }
        for run in meter.clock.runs {
            let first = run.origin.floorDiv(1_000_000_000)
            var second = max(printed.map { $0 + 1 } ?? first, first)
            while second < end, second - first < run.seconds.count {
                onSecond(second, run.seconds[Int(second - first)], stats)
                printed = second
                second += 1
            }
        }
    }

    /// Reports one slot's sample and forgets its seconds, and what a clock jump left behind.
    mutating func close(slot: Int64, stats: CaptureStats?, now: Int64) throws {
        let total = stats?.dropped ?? 0
        // The kernel's 32-bit counter can wrap: then what came since is all that is known.
        drops[slot * 300] = total >= dropsAtSlotStart ? total - dropsAtSlotStart : total
        dropsAtSlotStart = total
        let samples = UtilisationSample.samples(of: meter, drops: drops, slots: slot..<(slot + 1))
        try store(samples)
        meter.forget(slot: slot, now: now)
        drops.removeAll()
        if let printed, let origin = meter.clock.origin, printed < origin / 1_000_000_000 - 1 { self.printed = nil }
    }

    /// Closes the slot being filled: its partial sample is stored like a whole one.
    public mutating func finish(stats: CaptureStats?) throws {
        if let last = meter.lastNs { handOnSeconds(before: last / 1_000_000_000 + 1, stats: stats) }
        if let slot { try close(slot: slot, stats: stats, now: meter.lastNs ?? 0) }
        self.slot = nil
    }

    /// Stores samples in the outbox, then in the samples file, then hands them on.
    func store(_ samples: [UtilisationSample]) throws {
        let writer = SampleWriter(path: config.samplesFile, config: config)
        try outbox?.append(writer.measurements(samples))
        if !config.samplesFile.isEmpty { try writer.append(samples) }
        for sample in samples { onSample?(sample) }
    }
}
