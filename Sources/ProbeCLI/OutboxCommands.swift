import ArgumentParser
import Foundation
import InventoryFormat
import InventoryModel
import LinkTest
import ProbeAgent

extension AgentConfig {
    /// The outbox, when one is configured.
    func openOutbox() throws -> Outbox? {
        guard !outbox.isEmpty else { return nil }
        do {
            return try Outbox(path: outbox)
        } catch {
            throw ValidationError("\(outbox): cannot open the outbox: \(error)")
        }
    }

    var probeName: String { probeID.isEmpty ? "probe" : probeID }

    /// A throughput test as measurements of the model: the test, with the latency and loss
    /// under load (else the kernel's RTT), and an `rtt` row of the idle latency before it.
    func measurements(_ result: LinkTestResult, startedAt: Date) -> [ProbeMeasurement] {
        let ms = Int64(startedAt.timeIntervalSince1970 * 1000)
        let start = Timestamp(
            millisecondsSinceEpoch: ms, utcOffsetMinutes: Int16(TimeZone.current.secondsFromGMT(for: startedAt) / 60))
        func rounded(_ value: Double, _ places: Double) -> Double { (value * places).rounded() / places }
        var rows = [
            ProbeMeasurement(
                id: "\(probeName)-\(ms)-\(result.reverse ? "down" : "up")", schoolCode: schoolCode, probeID: probeName,
                kind: result.reverse ? .throughputDown : .throughputUp, startedAt: start,
                durationSeconds: rounded(result.seconds, 1000), mbps: rounded(result.goodputMbps, 1000),
                crossTrafficMbps: result.crossTrafficMbps,
                rttMs: (result.latencyLoaded?.medianMs ?? result.rttMs).map { rounded($0, 100) },
                lossPct: result.latencyLoaded.map { rounded($0.lossPct, 100) }, valid: result.valid)
        ]
        if let idle = result.latencyIdle {
            rows.append(
                ProbeMeasurement(
                    id: "\(probeName)-\(ms)-rtt", schoolCode: schoolCode, probeID: probeName, kind: .rtt,
                    startedAt: start,
                    durationSeconds: 0.2, mbps: 0, rttMs: rounded(idle.medianMs, 100),
                    lossPct: rounded(idle.lossPct, 100)))
        }
        return rows
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the outbox as measurements.csv (the interchange format the service imports).")

    @Argument(help: "The file to write.")
    var file: String
    @Option(help: "The agent's configuration file (Probes/agent.yaml), for its outbox.")
    var config: String?
    @Option(help: "The outbox file (default: the configuration's outbox).")
    var outbox: String?

    func run() throws {
        var config = try self.config.map(AgentConfig.read(file:)) ?? AgentConfig()
        if let outbox { config.outbox = outbox }
        guard !config.outbox.isEmpty else { throw ValidationError("give --outbox PATH or outbox in --config") }
        guard FileManager.default.fileExists(atPath: config.outbox) else {
            throw ValidationError("\(config.outbox): no such outbox")
        }
        let rows = try Outbox(path: config.outbox).all()
        let bytes = MeasurementsFile.write(rows)
        guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else {
            throw ValidationError("\(file): cannot write")
        }
        FileHandle.standardError.write(Data("wrote \(rows.count) results to \(file)\n".utf8))
    }
}
