import ArgumentParser
import Foundation
import PacketCapture
import ProbeAgent

/// `schoolnet-probe`: what runs at a school.
public struct ProbeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "schoolnet-probe",
        abstract: "SchoolNet's probe agent: measures a school's link.",
        discussion: """
            Passive: reads the link's packet headers with libpcap (never the payload) and counts the \
            traffic per second and direction, in 5-minute samples with mean, p95 and peak rates.
            """,
        version: ProbeVersion.current,
        subcommands: [
            DoctorCommand.self, StatusCommand.self, RunCommand.self, CaptureCommand.self, AnalyzeCommand.self,
            TestCommand.self, ReflectorCommand.self, SelftestCommand.self, ExportCommand.self, UploadCommand.self,
        ])

    public init() {}

    /// Runs the command; bad usage and bad input exit with 2, as in `schoolnet`.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as CaptureError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success { self.exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// The networks options `capture` and `analyze` share: a configuration file, or the same given
/// on the command line (which adds to the file's).
struct NetworkOptions: ParsableArguments {
    @Option(help: "The agent's configuration file (Probes/agent.yaml).")
    var config: String?
    @Option(name: .customLong("local"), help: "A prefix of the school's own networks (repeat for more).")
    var localPrefixes: [String] = []
    @Option(name: .customLong("class"), help: "A class network: NAME=PREFIX or NAME=vlan:ID (repeat for more).")
    var classNetworks: [String] = []
    @Option(help: "Only packets matching this BPF filter (tcpdump's syntax).")
    var filter: String?
    @Option(help: "The school's code, for the samples (default: the configuration's school_code).")
    var school: String?
    @Option(help: "The outbox file, where results are kept (default: the configuration's outbox).")
    var outbox: String?

    func validate() throws {
        for text in localPrefixes where IPPrefix(text) == nil {
            throw ValidationError("--local \"\(text)\" is not an address prefix such as 10.12.0.0/16")
        }
        for text in classNetworks {
            guard let network = AgentConfig.classNetwork(argument: text) else {
                throw ValidationError("--class \"\(text)\" is not NAME=PREFIX or NAME=vlan:ID")
            }
            if network.isTooNarrow {
                throw ValidationError("--class \"\(text)\": " + AgentConfig.narrowClassNetwork(network))
            }
        }
    }

    /// The configuration: the file's, with the command line's prefixes and classes added.
    /// `samplesFile` replaces the file's `samples_file` when given ("" for none); samples
    /// written anywhere need the school they belong to.
    func resolve(samplesFile: String?) throws -> AgentConfig {
        var resolved = try config.map(AgentConfig.read(file:)) ?? AgentConfig()
        resolved.localPrefixes += localPrefixes.compactMap(IPPrefix.init)
        resolved.classNetworks += classNetworks.compactMap(AgentConfig.classNetwork(argument:))
        if let filter { resolved.filter = filter }
        if let school { resolved.schoolCode = school }
        if let outbox { resolved.outbox = outbox }
        if let samplesFile { resolved.samplesFile = samplesFile }
        if !resolved.samplesFile.isEmpty || !resolved.outbox.isEmpty, resolved.schoolCode.isEmpty {
            throw ValidationError(
                "samples and results need the school's code: --school CODE or school_code in --config")
        }
        return resolved
    }
}
