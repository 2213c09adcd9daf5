import Foundation
import InventoryModel
import TestSupport
import Testing

@testable import InventoryWorkbook

/// The reports as workbooks (`--format xlsx --output FILE`), against LibreOffice and openpyxl.
@Suite(.serialized) struct ReportWorkbookTests {
    static let city = ["--inventory", SchoolNetProcess.sampleCity, "--as-of", "2026-11-24"]
    static let python = "/usr/bin/python3"
    static let soffice = "/usr/bin/soffice"

    /// Runs a program on a thread of its own, off the concurrency pool's two threads.
    static func runOffPool(_ executable: String, _ arguments: [String]) async throws -> Programs.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try Programs.run(executable, arguments) }) }.start()
        }
    }

    /// Whether two CSV cells say the same: the same text, numbers equal to a part in 10^12,
    /// booleans in either case.
    static func same(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.lowercased() == b.lowercased(), ["true", "false"].contains(a.lowercased()) { return true }
        guard let x = Double(a), let y = Double(b) else { return false }
        return abs(x - y) <= 1e-12 * max(abs(x), abs(y), 1)
    }

    /// Each report's workbook, converted to CSV by LibreOffice, holds the values of the report's
    /// own CSV, cell by cell.
    @Test(.timeLimit(.minutes(5)), arguments: [["check"], ["renewals"], ["capacity"]])
    func libreOfficeReadsTheReports(_ command: [String]) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.soffice), "run Scripts/install-deps.sh")
        let workbook = SchoolNetProcess.temporaryPath(".xlsx")
        let written = try SchoolNetProcess.run(command + Self.city + ["--format", "xlsx", "--output", workbook])
        #expect(written.status == 0, "\(written.stderr)")
        let csv = try SchoolNetProcess.run(command + Self.city + ["--format", "csv"])
        let out = SchoolNetProcess.temporaryPath()
        let converted = try await Self.runOffPool(
            Self.soffice,
            [
                "--headless", "-env:UserInstallation=file://" + SchoolNetProcess.temporaryPath("-lo"), "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1", "--outdir", out,
                workbook,
            ])
        #expect(converted.status == 0, "\(converted.stderr)")
        // LibreOffice names the CSV of one sheet after the workbook and the sheet.
        let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".csv") }
        #expect(files.count == 1)
        let theirs = CSVRows.parse(try String(contentsOfFile: "\(out)/\(files.first ?? "")", encoding: .utf8))
        let ours = CSVRows.parse(csv.stdout)
        #expect(theirs.count == ours.count && ours.count > 1)
        var differences: [String] = []
        for (row, (their, our)) in zip(theirs, ours).enumerated() {
            for column in 0..<max(their.count, our.count) {
                let a = column < their.count ? their[column] : ""
                let b = column < our.count ? our[column] : ""
                if !Self.same(a, b) { differences.append("row \(row + 1) column \(column + 1): \(a) vs \(b)") }
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    /// The declaration's workbook is in Chinese, four sheets with frozen bold headers, money in
    /// 元 shown to the fen, and each sheet's 合计 row equal to the sum of the rows above it (to the
    /// fen); the payment schedules add up to the projects.
    @Test(.timeLimit(.minutes(5))) func declarationWorkbook() async throws {
        let workbook = SchoolNetProcess.temporaryPath(".xlsx")
        let written = try SchoolNetProcess.run(
            ["renewals", "--declaration"] + Self.city + ["--format", "xlsx", "--output", workbook])
        #expect(written.status == 0, "\(written.stderr)")
        let reader = try WorkbookReader(path: workbook, limits: WorkbookLimits())
        #expect(reader.sheets.map(\.name) == ["硬件清单", "三年滚动项目", "付款计划", "保修索赔"])
        var totals: [String: Int64] = [:]
        for sheet in reader.sheets {
            let xml = try #require(try reader.archive.contents(sheet.part))
            var rows: [[ReadCell]] = []
            try xml.withUnsafeBytes { bytes in
                try SheetReader.read(bytes, sharedStrings: reader.sharedStrings) { _, cells in rows.append(cells) }
            }
            let header = rows[0].map { if case .text(let text) = $0.value { text } else { "" } }
            let money = try #require(header.firstIndex { $0.hasSuffix("(元)") })
            func fen(_ row: [ReadCell]) -> Int64? {
                guard case .number(let text) = row.first(where: { $0.column == money })?.value, let value = Double(text)
                else { return nil }
                return Int64((value * 100).rounded())
            }
            let body = rows.dropFirst().dropLast()
            let last = try #require(rows.last)
            #expect(last.first?.value == .text("合计"), "\(sheet.name)")
            let sum = body.compactMap(fen).reduce(0, +)
            #expect(fen(last) == sum, "\(sheet.name)")
            #expect(sum > 0, "\(sheet.name)")
            totals[sheet.name] = sum
        }
        #expect(totals["付款计划"] == totals["三年滚动项目"])

        try #require(FileManager.default.isExecutableFile(atPath: Self.python), "run Scripts/install-deps.sh")
        let inspected = try await Self.runOffPool(
            Self.python, [Programs.path("Tests/Spreadsheets/openpyxl_inspect.py"), workbook])
        #expect(inspected.status == 0, "\(inspected.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(inspected.stdout.utf8)) as? [String: Any]
        for sheet in object?["sheets"] as? [[String: Any]] ?? [] {
            #expect(sheet["frozen"] as? String == "A2" && sheet["header_bold"] as? Bool == true)
            #expect((sheet["formats"] as? [String])?.contains("0.00") == true, "\(sheet["name"] ?? "")")
        }
    }

    /// A workbook needs --output FILE.xlsx; --output is refused where no workbook is written.
    @Test(arguments: [
        (["check", "--format", "xlsx"], "--format xlsx writes a workbook: give --output FILE.xlsx"),
        (["capacity", "--format", "xlsx", "--output", "/tmp/x.csv"], "give a name ending in .xlsx"),
        (["renewals", "--format", "csv", "--output", "/tmp/x.xlsx"], "--output is for --declaration"),
        (["check", "--format", "csv", "--output", "/tmp/x.xlsx"], "--output is for --format xlsx"),
    ])
    func workbookOptions(arguments: [String], message: String) throws {
        let result = try SchoolNetProcess.run(arguments + ["--inventory", SchoolNetProcess.sampleCity])
        #expect(result.status == 2 && result.stderr.contains(message), "\(result.stderr)")
    }
}
