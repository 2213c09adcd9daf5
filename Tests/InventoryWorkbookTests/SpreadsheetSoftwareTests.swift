import Foundation
import InventoryFormat
import InventoryModel
import TestSupport
import Testing

@testable import InventoryWorkbook

/// Workbooks against real spreadsheet software: LibreOffice Calc (headless) reads what
/// SchoolNet writes and writes what SchoolNet reads; openpyxl finds the styles and the panes.
@Suite(.serialized) struct SpreadsheetSoftwareTests {
    /// Debian's Python, the one python3-uno is built for and openpyxl is installed for.
    static let python = "/usr/bin/python3"
    static let soffice = "/usr/bin/soffice"

    /// What these tests need and this machine lacks.
    static func missingTools() -> [String] {
        var missing = [soffice, python].filter { !FileManager.default.isExecutableFile(atPath: $0) }
        for module in ["uno", "openpyxl"] where !missing.contains(python) {
            if (try? Programs.run(python, ["-c", "import \(module)"]))?.status != 0 {
                missing.append("\(module) for \(python)")
            }
        }
        return missing
    }

    /// Runs a program on a thread of its own: LibreOffice takes seconds, which a blocking wait
    /// would take from the two threads of the concurrency pool.
    static func runOffPool(_ executable: String, _ arguments: [String]) async throws -> Programs.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try Programs.run(executable, arguments) }) }.start()
        }
    }

    /// A LibreOffice profile of its own, so that runs side by side do not share one.
    static func profileArgument() -> String {
        "-env:UserInstallation=file://" + Programs.temporaryPath("-lo-profile")
    }

    /// The sample city as SchoolNet writes it, in a workbook.
    static func writtenWorkbook() throws -> String {
        let path = WorkbookFixture.temporaryPath("city.xlsx")
        try CityWorkbook.write(WorkbookFixture.city, to: path)
        return path
    }

    /// Whether two CSV cells say the same: the same text, numbers equal to a part in 10^12
    /// (LibreOffice writes what it shows), booleans in either case.
    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.lowercased() == b.lowercased(), ["true", "false"].contains(a.lowercased()) { return true }
        guard let x = Double(a), let y = Double(b) else { return false }
        return abs(x - y) <= 1e-12 * max(abs(x), abs(y), 1)
    }

    /// LibreOffice converts every sheet of the workbook SchoolNet writes to CSV, and each sheet's
    /// values equal SchoolNet's own CSV of the same table, cell by cell.
    @Test(.timeLimit(.minutes(5))) func libreOfficeReadsWhatSchoolNetWrites() async throws {
        let missing = Self.missingTools()
        try #require(missing.isEmpty, "missing \(missing.joined(separator: ", ")): run Scripts/install-deps.sh")
        let workbook = try Self.writtenWorkbook()
        let out = Programs.temporaryPath("-csv")
        // Comma, double quote, UTF-8, from row 1, cells as shown (dates as yyyy-mm-dd), every sheet.
        let result = try await Self.runOffPool(
            Self.soffice,
            [
                "--headless", Self.profileArgument(), "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", out,
                workbook,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let city = WorkbookFixture.city.canonical
        for table in InventoryTable.allCases {
            let name = CityWorkbook.sheetName(table)
            let converted = try Data(contentsOf: URL(fileURLWithPath: "\(out)/city-\(name).csv"))
            let theirs = CSVRows.parse(String(decoding: converted, as: UTF8.self))
            let ours = CSVRows.parse(String(decoding: table.csv(of: city), as: UTF8.self))
            #expect(theirs.count == ours.count, "\(name)")
            var differences: [String] = []
            for (row, (their, our)) in zip(theirs, ours).enumerated() {
                let width = max(their.count, our.count)
                for column in 0..<width {
                    let a = column < their.count ? their[column] : ""
                    let b = column < our.count ? our[column] : ""
                    if !Self.same(a, b) {
                        differences.append("\(name) row \(row + 1) column \(column + 1): \(a) vs \(b)")
                    }
                }
            }
            #expect(differences.isEmpty, "\(differences.prefix(5))")
        }
    }

    /// A workbook that LibreOffice writes from the sample city's CSV files (Calc's CSV import
    /// makes numbers, dates and booleans of them) imports to the same city.
    @Test(.timeLimit(.minutes(5))) func schoolNetReadsWhatLibreOfficeWrites() async throws {
        let missing = Self.missingTools()
        try #require(missing.isEmpty, "missing \(missing.joined(separator: ", ")): run Scripts/install-deps.sh")
        let out = WorkbookFixture.temporaryPath("libreoffice.xlsx")
        let csvs = InventoryTable.allCases.map { WorkbookFixture.sampleCity + "/" + $0.fileName }
        let result = try await Self.runOffPool(
            Self.python,
            [Programs.path("Tests/Spreadsheets/libreoffice_workbook.py"), out, Programs.temporaryPath("-lo-profile")]
                + csvs)
        #expect(result.status == 0, "\(result.stderr)")
        let read = try CityWorkbook.read(at: out)
        var expected = WorkbookFixture.city
        expected.plan = Plan()  // LibreOffice was given no plan sheet
        #expect(read.inventory.canonical == expected.canonical)
        #expect(read.warnings.map(\.description) == ["plan: the sheet is missing; Dalian's plan applies"])
    }

    /// SchoolNet's workbook saved again by LibreOffice (shared strings, its own styles and
    /// dates) reads back as the same city, plan sheet and all.
    @Test(.timeLimit(.minutes(5))) func libreOfficeResavedWorkbook() async throws {
        let missing = Self.missingTools()
        try #require(missing.isEmpty, "missing \(missing.joined(separator: ", ")): run Scripts/install-deps.sh")
        let workbook = try Self.writtenWorkbook()
        let out = Programs.temporaryPath("-resaved")
        let result = try await Self.runOffPool(
            Self.soffice,
            [
                "--headless", Self.profileArgument(), "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out,
                workbook,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let read = try CityWorkbook.read(at: out + "/city.xlsx")
        #expect(read.inventory.canonical == WorkbookFixture.city.canonical)
        #expect(read.warnings.isEmpty)
    }

    /// openpyxl opens the written workbook: every sheet has its header row frozen and bold and
    /// its columns widened; date columns carry the date format, and read as dates.
    @Test(.timeLimit(.minutes(5))) func openpyxlFindsStylesAndPanes() async throws {
        let missing = Self.missingTools()
        try #require(missing.isEmpty, "missing \(missing.joined(separator: ", ")): run Scripts/install-deps.sh")
        let result = try await Self.runOffPool(
            Self.python, [Programs.path("Tests/Spreadsheets/openpyxl_inspect.py"), try Self.writtenWorkbook()])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let sheets = try #require(object?["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == InventoryTable.allCases.map(CityWorkbook.sheetName) + ["plan"])
        for sheet in sheets {
            let name = sheet["name"] as? String ?? ""
            #expect(sheet["frozen"] as? String == "A2", "\(name)")
            #expect(sheet["header_bold"] as? Bool == true, "\(name)")
            let widths = sheet["widths"] as? [Double] ?? []
            #expect(!widths.isEmpty && widths.allSatisfy { $0 >= 8 }, "\(name)")
        }
        let links = try #require(sheets.first { $0["name"] as? String == "links" })
        let formats = links["formats"] as? [String] ?? []
        #expect(formats.suffix(2) == ["yyyy\\-mm\\-dd", "yyyy\\-mm\\-dd"])
        let values = links["values"] as? [Any] ?? []
        let first = WorkbookFixture.city.canonical.links[0]
        #expect(values.count == 8 && (values[3] as? Double) == first.downMbps)
        #expect((values[6] as? String)?.hasPrefix(first.contractStart?.description ?? "none") == true)
        #expect(sheets.first { $0["name"] as? String == "schools" }?["rows"] as? Int == 301)
    }
}
