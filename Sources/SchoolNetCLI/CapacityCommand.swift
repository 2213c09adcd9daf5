import ArgumentParser
import Foundation
import InventoryModel
import Planner
import ReportWorkbook

struct CapacityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Size school links, metro egress and storage: upgrades, forecasts, when each is outgrown.",
        discussion: """
            Link upgrades: every school below the bandwidth standard gets the cheapest offer of the plan's \
            capacity.link_offers that meets its requirement with capacity.headroom over its measured peak. \
            Egress: the p95 of the city-wide 5-minute demand plus unmeasured schools at their requirement \
            x capacity.concurrency, forecast by a fit on the measured history (or capacity.assumed_growth). \
            Storage: a line fitted on each pool's storage.csv history, with its 95% range.
            """)

    /// The forms of the plan; `--help` lists them.
    enum Format: String, CaseIterable, ExpressibleByArgument { case table, json, csv, markdown, xlsx }

    @OptionGroup var source: CitySource
    @OptionGroup var asOf: AsOfOption
    // Unconditional: `--years -1` is a number to refuse by name, not a flag that is missing a value.
    @Option(parsing: .unconditional, help: "Years to forecast egress demand, 1 to 50.")
    var years = 5
    @Option(help: "Output; csv and xlsx are the link upgrades.")
    var format = Format.table
    @Option(help: "With --format xlsx: the workbook to write.")
    var output: String?
    @OptionGroup var language: LanguageOption

    func validate() throws {
        try language.validate(form: "\(format.rawValue) form", translated: format == .table)
        guard (1...50).contains(years) else { throw ValidationError("--years must be between 1 and 50") }
        try WorkbookOutput.validate(output, isWorkbook: format == .xlsx)
        if output != nil, format != .xlsx { throw ValidationError("--output is for --format xlsx") }
    }

    func run() async throws {
        // The report reads the window's measurements, the growth trend every day before its end.
        let city = try await source.loader.load { [asOf] plan in
            Int64.min..<ComplianceSolver.measurementWindow(plan: plan, asOf: asOf.day(under: plan)).upperBound
        }
        let day = asOf.day(under: city.plan)
        let report = ComplianceSolver(plan: city.plan, asOf: day).evaluate(CityIndex(city))
        let plan = CapacityPlanner(plan: city.plan, asOf: day).plan(city, report: report, years: years)
        let text =
            switch format {
            case .table: CapacityReport.table(plan, language: language.language)
            case .json: CapacityReport.json(plan)
            case .csv: ExcelCSV.text(CapacityReport.csv(plan))
            case .markdown: CapacityReport.markdown(plan)
            case .xlsx: ""
            }
        if format == .xlsx {
            return try ReportWorkbook.write(csv: CapacityReport.csv(plan), sheet: "link_upgrades", to: output ?? "")
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
