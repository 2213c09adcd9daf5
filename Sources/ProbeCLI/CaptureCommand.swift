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
        var live = LiveCapture(config: config)
        live.outbox = try config.openOutbox()
        if !quiet {
            live.onSecond = { second, counts, stats in
                let line =
                    "\(RateReport.time(seconds: second))  down \(RateReport.mbps(counts.bytes.down)) Mbit/s  "
                    + "up \(RateReport.mbps(counts.bytes.up)) Mbit/s  other \(RateReport.mbps(counts.bytes.other)) "
                    + "Mbit/s  \(counts.totalPackets) pkt/s  dropped \(stats?.dropped ?? 0)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
        live.onSample = { sample in
            var line = "sample \(RateReport.time(seconds: sample.startSeconds)) \(sample.coveredSeconds) s: "
            line += "down \(RateReport.rates(sample.down)), up \(RateReport.rates(sample.up)) Mbit/s"
            line += ", \(sample.drops ?? 0) dropped"
            for top in sample.topClasses { line += "; \(top.name) \(String(format: "%.3f", top.downMbps)) down" }
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
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
        let stats = source.stats()
        try live.finish(stats: stats)
        FileHandle.standardError.write(Data(RateReport.summary(meter: live.meter, stats: stats).utf8))
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
