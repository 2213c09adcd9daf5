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
    @Option(help: "First year of the plan (default: next year).")
    var startYear: Int?
    @Option(help: "Only this district's schools.")
    var district: String?
    @Option(help: "Output: table, json, csv, markdown.")
    var format = "table"
    @ArgumentParser.Flag(help: "Print how long each phase took on standard error.")
    var timings = false

    func validate() throws {
        guard (1...50).contains(years) else { throw ValidationError("--years must be between 1 and 50") }
        if let startYear, !(1900...9999).contains(startYear) { throw ValidationError("--start-year must be a year") }
        guard ["table", "json", "csv", "markdown"].contains(format) else {
            throw ValidationError("--format must be one of table, json, csv, markdown")
        }
    }

    func run() async throws {
        var timer = PhaseTimer()
        let city = try await source.loader.load(district: district)
        timer.end("read") { PhaseTimer.csvRate(folder: source.inventory, seconds: $0) }
        let first = startYear ?? (city.plan.today.year + 1)
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
}
