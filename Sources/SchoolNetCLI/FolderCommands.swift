import ArgumentParser
import Foundation
import InventoryFormat
import InventoryModel
import InventoryWorkbook

/// Whether a path names a workbook rather than a folder: by its extension, as a spreadsheet
/// program tells them.
func isWorkbook(_ path: String) -> Bool { path.lowercased().hasSuffix(".xlsx") }

/// Reads a folder or a workbook, printing its warnings and, when it is unusable, its errors.
func readFolder(_ path: String) throws -> Inventory {
    try readFolder(path) { progress throws(InventoryReadError) in
        let contents =
            isWorkbook(path)
            ? try CityWorkbook.read(at: path) : try InventoryFolder.read(at: path, progress: progress)
        return (contents.inventory, contents.warnings)
    }
}

/// Reads a folder with `read` (told the progress to show), printing its warnings and, when it
/// is unusable, its errors.
func readFolder<City>(
    _ path: String,
    _ read: (_ progress: (@Sendable (String, Int) -> Void)?) throws(InventoryReadError) -> (City, [InventoryIssue])
) throws -> City {
    do {
        let (city, warnings) = try read(Terminal.fileProgress())
        Terminal.clearProgress()
        Terminal.report(warnings, as: "warning")
        return city
    } catch {
        Terminal.clearProgress()
        Terminal.report(error.issues, as: "error")
        if error.omitted > 0 { Terminal.error("error: ... and \(error.omitted) more") }
        let what = isWorkbook(path) ? "workbook" : "folder"
        Terminal.error("\(path): the \(what) cannot be used as it is (nothing was changed); fix the errors above")
        throw badInputExitCode
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Replace the city in the database with an interchange folder or workbook (.xlsx).",
        discussion: """
            The import is all or nothing: with any error in any file, the database is left as it was. \
            A successful import replaces the whole city (schools the folder no longer lists are removed). \
            The measurements the database holds are kept (but those of removed schools) and the folder's \
            are added, a result the database has already (same school and id) skipped, so the probes' \
            uploads since the folder was exported are not lost; --replace-measurements replaces them.
            """)

    @Argument(help: "The interchange folder (plan.yaml and the CSV files), or a workbook FILE.xlsx.")
    var folder: String
    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Check the folder and show what would be imported, without touching the database.")
    var dryRun = false
    @Flag(help: "Replace the measurements in the database with the folder's instead of adding them.")
    var replaceMeasurements = false

    func run() async throws {
        let started = ContinuousClock.now
        let inventory = try readFolder(folder)
        if dryRun {
            print("\(folder) is valid; nothing written (dry run).")
        } else {
            try await database.withStore { store in
                try await store.replaceInventory(
                    with: inventory, measurements: replaceMeasurements ? .replace : .keep,
                    progress: Terminal.progress("importing"))
            }
            let elapsed = ContinuousClock.now - started
            print("Imported \(folder) into \(database.path) in \(SummaryPrinter.seconds(elapsed)).")
        }
        print(SummaryPrinter.text(inventory.summary, plan: inventory.plan))
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the city in the database as an interchange folder or workbook (.xlsx).")

    @Argument(
        help: "The folder to write (created if missing; its inventory files are replaced), or a workbook FILE.xlsx.")
    var folder: String
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let inventory = try await CityLoader(database: database.path).load()
        if isWorkbook(folder) {
            try CityWorkbook.write(inventory, to: folder)
        } else {
            try InventoryFolder.write(inventory, to: folder)
        }
        print("Exported \(Terminal.grouped(inventory.schools.count)) schools from \(database.path) to \(folder).")
    }
}

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check an interchange folder or workbook (.xlsx) without importing it.")

    @Argument(help: "The interchange folder, or a workbook FILE.xlsx.")
    var folder: String

    func run() async throws {
        let inventory = try readFolder(folder)
        print(
            "\(folder) is valid: \(Terminal.grouped(inventory.schools.count)) schools, "
                + "\(Terminal.grouped(inventory.links.count)) links, \(Terminal.grouped(inventory.assets.count)) assets, "
                + "\(Terminal.grouped(inventory.measurements.count)) measurements.")
    }
}
