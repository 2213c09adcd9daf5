import ArgumentParser
import Foundation
import InventoryModel
import PacketCapture
import ProbeAgent

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Print the per-second series and the 5-minute samples of a capture file (pcap or pcapng).",
        discussion: """
            Seconds start at the first packet by default, as tshark's io,stat counts them (--align \
            first); --align clock starts them on whole seconds, as the samples are. Bytes are frame \
            lengths on the wire. Direction needs the school's prefixes (--local or --config); \
            traffic neither from nor to them is "other".
            """)

    @Argument(help: "The capture file.")
    var file: String
    @OptionGroup var network: NetworkOptions
    @Option(help: "Output: table, json, csv (the per-second series).")
    var format = "table"
    @Option(help: "Where second 0 starts: first (the first packet) or clock (a whole second).")
    var align = "first"
    @Option(help: "Also append the 5-minute samples as measurements.csv rows to this file.")
    var samples: String?

    func validate() throws {
        guard ["table", "json", "csv"].contains(format) else {
            throw ValidationError("--format must be one of table, json, csv")
        }
        guard ["first", "clock"].contains(align) else { throw ValidationError("--align must be first or clock") }
    }

    func run() throws {
        // The configuration's samples_file is for the live agent; analyze writes only --samples.
        let config = try network.resolve(samplesFile: samples ?? "")
        let report = try Self.report(file: file, config: config, alignOnFirstPacket: align == "first")
        let text =
            switch format {
            case "json": report.json()
            case "csv": report.secondsCSV()
            default: report.table()
            }
        FileHandle.standardOutput.write(Data(text.utf8))
        if !config.samplesFile.isEmpty {
            try SampleWriter(path: config.samplesFile, config: config).append(report.samples)
        }
    }

    /// Reads a capture file through the meter into its report; a damaged file is a
    /// `CaptureError` naming it. The fuzz test reads its mutated captures through this too.
    static func report(file: String, config: AgentConfig, alignOnFirstPacket: Bool) throws -> RateReport {
        let source = try PacketSource.open(file: file)
        if !config.filter.isEmpty { try source.setFilter(config.filter) }
        let linkType = source.linkType
        var meter = TrafficMeter(
            localPrefixes: config.localPrefixes, classNetworks: config.classNetworks,
            alignOnFirstPacket: alignOnFirstPacket)
        while case .packet(let packet) = try source.next() {
            meter.add(packet, linkType: linkType)
        }
        return RateReport(
            name: file, linkType: linkType, meter: meter, samples: UtilisationSample.samples(of: meter))
    }
}
