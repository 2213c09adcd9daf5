import ArgumentParser
import Dispatch
import Foundation
import PacketCapture
import ProbeAgent

struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture an interface live and print its rates each second, like a small iftop.",
        discussion: """
            Keeps the first --snap-length bytes of each packet (headers only) and counts them per \
            second and direction. Every 5 minutes (and at the end) it prints a sample with the kernel's \
            drops, and appends it to --samples (or the configuration's samples_file) as \
            measurements.csv rows. Needs CAP_NET_RAW (or root). Stops after --seconds or on Ctrl-C.
            """)

    @Option(help: "The interface (default: the configuration's).")
    var interface: String?
    @Option(help: "Stop after this many seconds (default: run until interrupted).")
    var seconds: Double?
    @OptionGroup var network: NetworkOptions
    @Option(help: "Append the 5-minute samples to this measurements.csv file.")
    var samples: String?
    @Option(help: "Bytes kept of each packet.")
    var snapLength: Int32?
    @ArgumentParser.Flag(help: "Put the interface in promiscuous mode (a mirror port does not need it).")
    var promiscuous = false
    @ArgumentParser.Flag(help: "Print nothing each second; only the samples and the summary.")
    var quiet = false

    func validate() throws {
        if let seconds, !(seconds > 0) { throw ValidationError("--seconds must be more than 0") }
        if let snapLength, !(68...65535).contains(snapLength) {
            throw ValidationError("--snap-length must be between 68 and 65535")
        }
    }

    func run() throws {
        var config = try network.resolve(samplesFile: samples)
        if let interface { config.interface = interface }
        guard !config.interface.isEmpty else { throw ValidationError("give --interface IF or interface in --config") }
        var options = LiveOptions(interface: config.interface)
        options.snapLength = snapLength ?? config.snapLength
        options.bufferBytes = config.bufferMB << 20
        options.promiscuous = promiscuous || config.promiscuous
        let source = try PacketSource.live(options)
        if !config.filter.isEmpty { try source.setFilter(config.filter) }
        let stopper = Stopper(source)
        var live = LiveCapture(config: config, linkType: source.linkType, quiet: quiet)
        live.outbox = try config.openOutbox()
        let deadline = seconds.map { Date().addingTimeInterval($0) }
        loop: while true {
            switch try source.next() {
            case .packet(let packet): live.meter.add(packet, linkType: source.linkType)
            case .timeout: break
            case .end: break loop
            }
            let now = Date()
            try live.tick(now: now, stats: source.stats())
            if let deadline, now >= deadline { break }
        }
        withExtendedLifetime(stopper) {}
        try live.finish(stats: source.stats())
    }
}

/// Stops a capture on SIGINT or SIGTERM, so the last samples are written.
final class Stopper: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    /// Stops a capture (pcap_breakloop is made to be called from another thread).
    convenience init(_ capture: PacketSource) {
        let box = UncheckedBox(capture)
        self.init { box.value.stop() }
    }

    /// Runs `action` on SIGINT or SIGTERM, which no longer end the process.
    init(action: @escaping @Sendable () -> Void) {
        for signal in [SIGINT, SIGTERM] {
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler(handler: action)
            source.resume()
            sources.append(source)
        }
    }
}

/// A non-Sendable value handed to another thread where the type allows it (pcap_breakloop).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The running state of a live capture: the meter, what has been printed, the drops per slot.
struct LiveCapture {
    let config: AgentConfig
    let linkType: LinkType
    let quiet: Bool
    var meter: TrafficMeter
    /// Clock seconds printed so far.
    var printed: Int64?
    /// The slot being filled, and the kernel's drop count when it began.
    var slot: Int64?
    var dropsAtSlotStart: UInt64 = 0
    var drops: [Int64: UInt64] = [:]
    /// Where every sample goes first, when the agent has an outbox.
    var outbox: Outbox?

    init(config: AgentConfig, linkType: LinkType, quiet: Bool) {
        self.config = config
        self.linkType = linkType
        self.quiet = quiet
        meter = TrafficMeter(localPrefixes: config.localPrefixes, classNetworks: config.classNetworks)
        meter.advance(to: Int64(Date().timeIntervalSince1970 * 1e9))
    }

    /// Prints every second that is over (one second late, so late packets land), and closes
    /// the slot when the clock passes its end, or jumps back before its start.
    mutating func tick(now: Date, stats: CaptureStats?) throws {
        let nowNs = Int64(now.timeIntervalSince1970 * 1e9)
        let nowSecond = Int64(now.timeIntervalSince1970.rounded(.down))
        meter.advance(to: nowNs)
        let currentSlot = nowSecond.floorDiv(300)
        if slot == nil {
            slot = currentSlot
            dropsAtSlotStart = stats?.dropped ?? 0
        }
        // A clock set back (NTP after a boot with a clock ahead) prints from where it is now.
        if let printed, nowSecond < printed { self.printed = nil }
        printSeconds(before: nowSecond - 1, stats: stats)
        if let slot, currentSlot < slot || (currentSlot > slot && nowSecond >= currentSlot * 300 + 2) {
            try close(slot: slot, stats: stats, now: nowNs)
            self.slot = currentSlot
        }
    }

    /// Prints each second not yet printed that starts before `end` (seconds since the epoch),
    /// run by run: the gap of a clock jump is not walked second by second.
    mutating func printSeconds(before end: Int64, stats: CaptureStats?) {
        guard !quiet else { return }
        for run in meter.clock.runs {
            let first = run.origin.floorDiv(1_000_000_000)
            var second = max(printed.map { $0 + 1 } ?? first, first)
            while second < end, second - first < run.seconds.count {
                let counts = run.seconds[Int(second - first)]
                let line =
                    "\(RateReport.time(seconds: second))  down \(RateReport.mbps(counts.bytes.down)) "
                    + "Mbit/s  up \(RateReport.mbps(counts.bytes.up)) Mbit/s  other \(RateReport.mbps(counts.bytes.other)) "
                    + "Mbit/s  \(counts.totalPackets) pkt/s  dropped \(stats?.dropped ?? 0)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
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
        try report(samples)
        meter.forget(slot: slot, now: now)
        drops.removeAll()
        if let printed, let origin = meter.clock.origin, printed < origin / 1_000_000_000 - 1 { self.printed = nil }
    }

    mutating func finish(stats: CaptureStats?) throws {
        if let last = meter.lastNs { printSeconds(before: last / 1_000_000_000 + 1, stats: stats) }
        if let slot { try close(slot: slot, stats: stats, now: meter.lastNs ?? 0) }
        let summary =
            "captured \(meter.packets) packets, \(meter.bytes) bytes; kernel: \(stats?.received ?? 0) received, "
            + "\(stats?.dropped ?? 0) dropped, \(stats?.interfaceDropped ?? 0) dropped by the interface\n"
        FileHandle.standardError.write(Data(summary.utf8))
    }

    func report(_ samples: [UtilisationSample]) throws {
        for sample in samples {
            var line = "sample \(RateReport.time(seconds: sample.startSeconds)) \(sample.coveredSeconds) s: "
            line += "down \(RateReport.rates(sample.down)), up \(RateReport.rates(sample.up)) Mbit/s"
            line += ", \(sample.drops ?? 0) dropped"
            for top in sample.topClasses { line += "; \(top.name) \(String(format: "%.3f", top.downMbps)) down" }
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        let writer = SampleWriter(path: config.samplesFile, config: config)
        try outbox?.append(writer.measurements(samples))
        if !config.samplesFile.isEmpty { try writer.append(samples) }
    }
}
