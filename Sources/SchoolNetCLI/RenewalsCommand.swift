import ArgumentParser
import Foundation
import InventoryModel
import Planner

struct RenewalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renewals",
        abstract: "Plan replacements year by year under the plan's replacement budget.",
        discussion: """
            Each year's budget is the replacement rate (15%) of the hardware value on 1 January. Faulty \
            assets come first, then those whose life ends in the year, then out-of-warranty ones; a \
            school's only router before a classroom display. What the budget cannot reach is the backlog.
            """)

    @OptionGroup var source: CitySource
    @Option(help: "Years to plan.")
    var years = 5
    @OptionGroup var asOf: AsOfOption
    @Option(help: "First year of the plan (default: the year after --as-of).")
    var startYear: Int?
    @Option(help: "Only this district's schools.")
    var district: String?
    @Option(help: "Output: table, json, csv, markdown.")
    var format = "table"
    @ArgumentParser.Flag(
        help:
            "Print the operations declaration instead: the hardware list and three years of renewal projects with payment schedules."
    )
    var declaration = false
    @Option(help: "Declaration: list hardware by school or district.")
    var by = "district"
    @Option(help: "Declaration as CSV: write hardware.csv and projects.csv into this folder.")
    var output: String?
    @ArgumentParser.Flag(help: "Print how long each phase took on standard error.")
    var timings = false

    func validate() throws {
        guard (1...50).contains(years) else { throw ValidationError("--years must be between 1 and 50") }
        if let startYear, !(1900...9999).contains(startYear) { throw ValidationError("--start-year must be a year") }
        guard ["table", "json", "csv", "markdown"].contains(format) else {
            throw ValidationError("--format must be one of table, json, csv, markdown")
        }
        guard declaration else {
            if output != nil { throw ValidationError("--output is for --declaration") }
            return
        }
        guard OperationsDeclaration.Grouping(rawValue: by) != nil else {
            throw ValidationError("--by must be school or district, not \"\(by)\"")
        }
        if format == "json" { throw ValidationError("the declaration is Markdown or CSV, not JSON") }
        if format == "csv", output == nil {
            throw ValidationError(
                "the CSV declaration is two files: give --output DIR for hardware.csv and projects.csv")
        }
    }

    func run() async throws {
        var timer = PhaseTimer()
        let city = try await source.loader.load(district: district)
        timer.end("read") { PhaseTimer.csvRate(folder: source.inventory, seconds: $0) }
        let day = asOf.day(under: city.plan)
        let first = startYear ?? (day.year + 1)
        if declaration { return try writeDeclaration(city, asOf: day, startYear: first) }
        let schedule = RenewalPlanner(plan: city.plan).schedule(city, startYear: first, years: years)
        timer.end("plan") { _ in "\(Terminal.grouped(city.assets.count)) assets, \(years) years" }
        let text =
            switch format {
            case "json": RenewalReport.json(schedule)
            case "csv": RenewalReport.csv(schedule)
            case "markdown": RenewalReport.markdown(schedule)
            default: RenewalReport.table(schedule)
            }
        FileHandle.standardOutput.write(Data(text.utf8))
        timer.end("write")
        if timings { timer.report() }
    }

    func writeDeclaration(_ city: Inventory, asOf: CalendarDate, startYear: Int) throws {
        let declaration = OperationsDeclaration(
            city, plan: city.plan, asOf: asOf, startYear: startYear,
            grouping: OperationsDeclaration.Grouping(rawValue: by)!)
        guard let output else { return FileHandle.standardOutput.write(Data(declaration.markdown.utf8)) }
        let folder = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if format == "csv" {
            try declaration.hardwareCSV.write(
                to: folder.appendingPathComponent("hardware.csv"), atomically: true, encoding: .utf8)
            try declaration.projectsCSV.write(
                to: folder.appendingPathComponent("projects.csv"), atomically: true, encoding: .utf8)
        } else {
            try declaration.markdown.write(
                to: folder.appendingPathComponent("declaration.md"), atomically: true, encoding: .utf8)
        }
        Terminal.error("Wrote the declaration to \(output)")
    }
}
