import ArgumentParser

/// `schoolnet`: the inventory and the plan, from the command line.
public struct SchoolNetCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "schoolnet",
        abstract: "School network inventory and bandwidth capacity planner.",
        discussion: """
            Reads a city's inventory (a folder of CSV files and plan.yaml), keeps it in a database \
            and judges every school against the plan.
            """,
        subcommands: [ImportCommand.self, ExportCommand.self, ValidateCommand.self, SampleCityCommand.self])

    public init() {}
}

/// Exit status for input that cannot be used (bad files, bad usage).
let badInputExitCode = ExitCode(2)

/// The database flag every command that reads or writes the store shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite database file.")
    var path = "schoolnet.sqlite"
}
