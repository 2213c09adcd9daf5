import ArgumentParser
import Foundation
import InventoryModel
import InventoryStorePostgres
import InventoryStores

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

    /// What `--db` says, for every command's help.
    static let help = ArgumentHelp(
        "The SQLite database file (default schoolnet.sqlite), or a PostgreSQL database postgres://USER@HOST:PORT/DB "
            + "with its password in PGPASSWORD or in a file named by SCHOOLNET_DB_PASSWORD_FILE.")

    @Option(name: .customLong("db"), help: DatabaseOptions.help)
    var path = DatabaseOptions.defaultPath

    /// Opens the database, runs `body` with it and closes it.
    func withStore<T>(_ body: (any InventoryStore) async throws -> T) async throws -> T {
        try await DatabaseOptions.withStore(at: path, body)
    }

    /// Opens the database at a `--db` value, runs `body` with it and closes it; an address that
    /// cannot be used exits with status 2 and says why.
    static func withStore<T>(at text: String, _ body: (any InventoryStore) async throws -> T) async throws -> T {
        let address: StoreAddress
        do {
            address = try StoreAddress(text)
        } catch {
            Terminal.error("error: \(error)")
            throw badInputExitCode
        }
        do {
            return try await address.withStore(body)
        } catch let error as PostgresLocationError {
            Terminal.error("error: \(error)")
            throw badInputExitCode
        }
    }
}
