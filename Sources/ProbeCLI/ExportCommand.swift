import ArgumentParser
import Foundation
import InventoryFormat
import InventoryModel
import LinkTest
import ProbeAgent

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
