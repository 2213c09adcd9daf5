import ArgumentParser
import Foundation
import InventoryModel
import Planner
import ReportWorkbook

struct RenewalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renewals",
        abstract: "Plan replacements year by year under the plan's replacement budget.",
        discussion: """
            Each year's budget is the replacement rate (15%) of the hardware value on 1 January. Faulty \
            assets come first, then those whose life ends in the year, then out-of-warranty ones; a \
            school's only router before a classroom display. Faulty assets still under warranty are \
            claimed from their vendor, not bought. What the budget cannot reach is the backlog. Options \
            a mode does not use are refused, not ignored.
            """)

    /// The forms of the plan; the declaration is Markdown, CSV or a workbook.
    enum Format: String, CaseIterable, ExpressibleByArgument { case table, json, csv, markdown, xlsx }

    /// The years `--start-year` and the plan's last year may name.
    static let years = CalendarDate.readableYears

    @OptionGroup var source: CitySource
    // Unconditional: `--years -1` is a number to refuse by name, not a flag that is missing a value.
    @Option(parsing: .unconditional, help: "Years to plan, 1 to 50 (default 5; not with --declaration: three).")
    var years: Int?
    @OptionGroup var asOf: AsOfOption
    @Option(
        parsing: .unconditional,
        help: "First year of the plan, \(years.lowerBound) to \(years.upperBound) (default: the year after --as-of).")
    var startYear: Int?
    @Option(help: "Only this district's schools (project ids stay those of the whole city).")
    var district: String?
    @Option(help: "Output (default: table; for --declaration markdown, csv or xlsx).")
    var format: Format?
    @OptionGroup var language: LanguageOption
    @ArgumentParser.Flag(
        help:
            "Print the operations declaration instead: the hardware list, warranty claims and three years of renewal projects with payment schedules."
    )
    var declaration = false
    @Option(help: "Declaration: list hardware by school or district (default: district).")
    var by: String?
    @Option(
        help:
            "Declaration: write it into this folder (declaration.md, or hardware.csv, projects.csv and warranty-claims.csv); with --format xlsx, the workbook to write."
    )
    var output: String?
    @ArgumentParser.Flag(help: "Declaration with --output: replace files that exist.")
    var force = false
    @ArgumentParser.Flag(help: "Print how long each phase took on standard error.")
    var timings = false

    func validate() throws {
        try language.validate(
            form: declaration ? "declaration" : "\((format ?? .table).rawValue) form",
            translated: !declaration && (format ?? .table) == .table)
        if let years, !(1...50).contains(years) { throw ValidationError("--years must be between 1 and 50") }
        if let startYear {
            let range = Self.years
            guard range.contains(startYear) else {
                throw ValidationError("--start-year must be between \(range.lowerBound) and \(range.upperBound)")
            }
            let last = startYear + (declaration ? 3 : years ?? 5) - 1
            guard range.contains(last) else {
                throw ValidationError(
                    "--start-year \(startYear) would plan to \(last); the plan must end by \(range.upperBound)")
            }
        }
        guard declaration else {
            try WorkbookOutput.validate(output, isWorkbook: format == .xlsx)
            for (name, given) in [
                ("--output", output != nil && format != .xlsx), ("--by", by != nil), ("--force", force),
            ]
            where given {
                throw ValidationError("\(name) is for --declaration")
            }
            return
        }
        if years != nil {
            throw ValidationError("--years is not for --declaration: the declaration always plans three years")
        }
        if let by, OperationsDeclaration.Grouping(rawValue: by) == nil {
            throw ValidationError("--by must be school or district, not \"\(by)\"")
        }
        if let format, format != .markdown, format != .csv, format != .xlsx {
            throw ValidationError(
                "the declaration is Markdown, CSV or a workbook, not \(format.rawValue == "json" ? "JSON" : "a table")")
        }
        if format == .xlsx { try WorkbookOutput.validate(output, isWorkbook: true) }
        if format == .csv, output == nil {
            throw ValidationError(
                "the CSV declaration is three files: give --output DIR for hardware.csv, projects.csv and warranty-claims.csv"
            )
        }
        if force, output == nil { throw ValidationError("--force is for --output") }
    }

    func run() async throws {
        var timer = PhaseTimer()
        // Renewals read the assets, never a measurement: a database's are left where they are.
        var city = try await source.loader.load { _ in 0..<0 }
        // Projects are numbered by the whole city's districts, so a district's ids are the same
        // in its own declaration as in the city's.
        let districts = city.districts.map(\.name) + city.schools.map(\.district)
        if let district {
            guard city.schools.contains(where: { $0.district == district }) else {
                Terminal.error("error: no school is in district \"\(district)\"")
                throw badInputExitCode
            }
            city = city.restricted(toDistrict: district)
        }
        timer.end("read") { PhaseTimer.csvRate(folder: source.inventory, seconds: $0) }
        let day = asOf.day(under: city.plan)
        let first = startYear ?? (day.year + 1)
        if declaration { return try writeDeclaration(city, asOf: day, startYear: first, districts: districts) }
        let years = years ?? 5
        let schedule = RenewalPlanner(plan: city.plan).schedule(
            city, startYear: first, years: years, asOf: day, districts: districts)
        timer.end("plan") { _ in "\(Terminal.grouped(city.assets.count)) assets, \(years) years" }
        let text =
            switch format ?? .table {
            case .json: RenewalReport.json(schedule)
            case .csv: ExcelCSV.text(RenewalReport.csv(schedule))
            case .markdown: RenewalReport.markdown(schedule)
            case .table: RenewalReport.table(schedule, language: language.language)
            case .xlsx: ""
            }
        if format == .xlsx {
            try ReportWorkbook.write(csv: RenewalReport.csv(schedule), sheet: "renewals", to: output ?? "")
            timer.end("write")
            if timings { timer.report() }
            return
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        timer.end("write")
        if timings { timer.report() }
    }

    func writeDeclaration(_ city: Inventory, asOf: CalendarDate, startYear: Int, districts: [String]) throws {
        let declaration = OperationsDeclaration(
            city, plan: city.plan, asOf: asOf, startYear: startYear,
            grouping: by.flatMap(OperationsDeclaration.Grouping.init(rawValue:)) ?? .district, districts: districts)
        guard let output else { return FileHandle.standardOutput.write(Data(declaration.markdown.utf8)) }
        if format == .xlsx {
            if FileManager.default.fileExists(atPath: output) { try refuseUnlessForced(output) }
            try declaration.writeWorkbook(to: output)
            return Terminal.error("Wrote the declaration to \(output)")
        }
        let files =
            format == .csv
            ? [
                ("hardware.csv", ExcelCSV.text(declaration.hardwareCSV)),
                ("projects.csv", ExcelCSV.text(declaration.projectsCSV)),
                ("warranty-claims.csv", ExcelCSV.text(declaration.warrantyClaimsCSV)),
            ]
            : [("declaration.md", declaration.markdown)]
        let folder = URL(fileURLWithPath: output)
        let manager = FileManager.default
        // Every refusal before the first write, so that nothing is half replaced.
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: output, isDirectory: &isFolder), !isFolder.boolValue {
            try refuseUnlessForced(output)
            try manager.removeItem(atPath: output)
        }
        for (name, _) in files where manager.fileExists(atPath: folder.appendingPathComponent(name).path) {
            try refuseUnlessForced(folder.appendingPathComponent(name).path)
        }
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            let file = folder.appendingPathComponent(name)
            // Foundation will not write over a file that exists (NSCocoaErrorDomain 516): --force
            // was given, so it goes first.
            if manager.fileExists(atPath: file.path) { try manager.removeItem(at: file) }
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        Terminal.error("Wrote the declaration to \(output)")
    }

    /// Stops with "PATH exists" unless `--force` was given.
    private func refuseUnlessForced(_ path: String) throws {
        guard !force else { return }
        Terminal.error("error: \(path) exists; give --force to replace it")
        throw badInputExitCode
    }
}
