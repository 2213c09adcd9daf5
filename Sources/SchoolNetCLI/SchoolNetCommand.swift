import ArgumentParser
import Foundation

/// `schoolnet`: the inventory and the plan, from the command line.
public struct SchoolNetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "schoolnet",
        abstract: "School network inventory and bandwidth capacity planner.",
        discussion: """
            Reads a city's inventory (a folder of CSV files and plan.yaml), keeps it in a database \
            and judges every school against the plan.
            """,
        subcommands: [
            ImportCommand.self, ExportCommand.self, ValidateCommand.self, CheckCommand.self, RenewalsCommand.self,
            CapacityCommand.self, ServeCommand.self, TokensCommand.self, SampleCityCommand.self,
            BenchIngestCommand.self,
        ])

    public init() {}

    /// Parses the arguments and runs the command, exiting with 2 for bad usage as for bad input
    /// (ArgumentParser's own convention is 64).
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            // Help and version requests: ArgumentParser prints them to standard output.
            if code == .success { self.exit(withError: error) }
            let message = fullMessage(for: error)
            if !message.isEmpty { Terminal.error(message) }
            Foundation.exit(code == .validationFailure ? badInputExitCode.rawValue : code.rawValue)
        }
    }
}

/// Exit status for input that cannot be used (bad files, bad usage).
let badInputExitCode = ExitCode(2)

/// The database flag every command that reads or writes the store shares.
struct DatabaseOptions: ParsableArguments {
    /// The database every command uses when none is named, in the working folder.
    static let defaultPath = "schoolnet.sqlite"

    @Option(name: .customLong("db"), help: "The SQLite database file.")
    var path = DatabaseOptions.defaultPath
}
