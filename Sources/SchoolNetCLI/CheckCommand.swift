import ArgumentParser
import Foundation
import InventoryModel
import Planner
import ReportWorkbook

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge every school and the city against the plan.",
        discussion: """
            Reads the city from an interchange folder (--inventory) or the database (--db, the default), \
            judges it as of a day and prints the report: the city against its targets, then every school \
            below standard with the reason. Exit status: 0 done, 1 when --fail-on is given and such flags \
            exist, 2 bad usage or bad input.
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument { case table, json, csv, markdown, xlsx }

    @OptionGroup var source: CitySource
    @OptionGroup var asOf: AsOfOption
    @Option(help: "Output.")
    var format = Format.table
    @Option(help: "With --format xlsx: the workbook to write (the CSV's rows, typed).")
    var output: String?
    @OptionGroup var language: LanguageOption
    @Option(help: "Only this district's schools (and its metrics).")
    var district: String?
    @Option(help: "Only flags of this rule, e.g. CONTRACT_BELOW_STANDARD.")
    var rule: String?
    @Option(help: "Only flags of this severity: violation or warning.")
    var severity: String?
    @Option(help: "Exit with status 1 when flags of this severity (or worse) are reported: violation or warning.")
    var failOn: String?
    @ArgumentParser.Flag(help: "Print how long each phase took (and the CSV read rate) on standard error.")
    var timings = false

    func validate() throws {
        try language.validate(form: "\(format.rawValue) form", translated: format == .table)
        try WorkbookOutput.validate(output, isWorkbook: format == .xlsx)
        if output != nil, format != .xlsx { throw ValidationError("--output is for --format xlsx") }
        if let rule, Rule(rawValue: rule.uppercased()) == nil {
            throw ValidationError("--rule must be one of \(Rule.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for (name, value) in [("--severity", severity), ("--fail-on", failOn)] {
            if let value, Severity(rawValue: value) == nil {
                throw ValidationError("\(name) must be violation or warning, not \"\(value)\"")
            }
        }
    }

    func run() async throws {
        var timer = PhaseTimer()
        let city = try await source.loader.loadFacts(district: district, asOf: asOf)
        timer.end("read") { PhaseTimer.csvRate(folder: source.inventory, seconds: $0) }
        let day = asOf.day(under: city.inventory.plan)
        let solver = ComplianceSolver(plan: city.inventory.plan, asOf: day)
        let filter = ReportFilter(
            rule: rule.flatMap { Rule(rawValue: $0.uppercased()) }, severity: severity.flatMap(Severity.init))
        let index = CityIndex(city)
        timer.end("group")
        let report = solver.evaluate(index).filtered(filter)
        timer.end("rules") {
            "\(Terminal.grouped(city.inventory.schools.count)) schools, "
                + "\(Terminal.grouped(Int(Double(city.inventory.schools.count) / max($0, 1e-9)))) schools/s"
        }
        var output = StandardOutput()
        switch format {
        case .table: report.writeTable(language: language.language, district: district) { output.write($0) }
        case .json: report.writeJSON { output.write($0) }
        case .csv: output.write(Array(ExcelCSV.text(report.csv()).utf8))
        case .markdown: output.write(Array(report.markdown(district: district).utf8))
        case .xlsx: try ReportWorkbook.write(csv: report.csv(), sheet: "compliance", to: self.output ?? "")
        }
        try output.finish()
        timer.end("write")
        if timings { timer.report() }
        let failed = failOn.flatMap(Severity.init).map { failOn in
            report.allFlags.contains { $0.severity >= failOn }
        }
        // Freeing a city of millions of records one by one takes seconds and serves nobody: the
        // process ends here, holding them, and the system takes the memory back at once.
        withExtendedLifetime((city, index, report)) { Foundation.exit(failed == true ? 1 : 0) }
    }
}
