import Foundation
import InventoryFormat
import InventoryModel
import TestSupport
import Testing
import ZIPFoundation

@testable import InventoryWorkbook

/// Workbooks no city can be read from: each gives one clear error, and an import of one into a
/// database holding the sample city changes nothing.
@Suite("Bad workbooks")
struct BadWorkbookTests {
    /// The issues of reading a workbook, failing the test when it reads cleanly.
    static func errors(_ path: String, limits: WorkbookLimits = WorkbookLimits()) -> [String] {
        do {
            _ = try CityWorkbook.read(at: path, limits: limits)
            Issue.record("expected the workbook to be refused")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    /// A zip archive of these entries.
    static func zip(_ entries: [(String, Data)]) throws -> String {
        let path = WorkbookFixture.temporaryPath("made.xlsx")
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        return path
    }

    /// A workbook's parts, one of them changed.
    static func rewrite(_ path: String, part: String, _ change: (String) -> String) throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var entries: [(String, Data)] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            if entry.path == part { data = Data(change(String(decoding: data, as: UTF8.self)).utf8) }
            entries.append((entry.path, data))
        }
        return try zip(entries)
    }

    /// The part that holds a sheet, by the sheet's name.
    static func part(of sheet: String, in path: String) throws -> String {
        let reader = try WorkbookReader(path: path, limits: WorkbookLimits())
        return try #require(reader.sheets.first { $0.name == sheet }).part
    }

    static func sampleWorkbook() throws -> String {
        let path = WorkbookFixture.temporaryPath("city.xlsx")
        try CityWorkbook.write(WorkbookFixture.city, to: path)
        return path
    }

    /// Each bad workbook, made, and the one error it must give.
    static let cases: [(name: String, make: @Sendable () throws -> String, error: String)] = [
        (
            "not a zip",
            {
                let path = WorkbookFixture.temporaryPath("city.xlsx")
                try Data("code,name\nS1,x\n".utf8).write(to: URL(fileURLWithPath: path))
                return path
            },
            "city.xlsx: not a workbook: the file is not a zip archive, as an .xlsx file is"
        ),
        (
            "a zip without sheets", { try zip([("readme.txt", Data("hello".utf8))]) },
            "made.xlsx: not a workbook: the zip archive holds no xl/workbook.xml"
        ),
        (
            "a workbook without the city's sheets",
            {
                let path = WorkbookFixture.temporaryPath("city.xlsx")
                let writer = try WorkbookWriter(path: path)
                try writer.addSheet("Sheet1", header: ["a"]) { row in try row([.number(1)]) }
                try writer.finish()
                return try rewrite(path, part: "xl/styles.xml") { $0 }
            },
            "made.xlsx: the workbook holds none of the sheets schools, links, assets, egress, storage, districts, "
                + "measurements, plan; sheets found: Sheet1"
        ),
        (
            "a sheet with a wrong header",
            {
                try rewrite(try sampleWorkbook(), part: try part(of: "links", in: try sampleWorkbook())) {
                    $0.replacingOccurrences(of: "<t>down_mbps</t>", with: "<t>downlink</t>")
                }
            },
            "links row 1, column down_mbps: the required column is missing"
        ),
        (
            "a formula where a number belongs",
            {
                try rewrite(try sampleWorkbook(), part: try part(of: "links", in: try sampleWorkbook())) { xml in
                    let start = xml.range(of: "<c r=\"D17\">")!
                    return xml.replacingCharacters(in: start, with: "<c r=\"D17\"><f>SUM(D2:D16)</f>")
                }
            },
            "links!D17: \"100\": a formula where a value belongs; paste the column as values"
        ),
        (
            "a cell of 100,000 characters",
            {
                try WorkbookFixture.textWorkbook { sheet, rows in
                    if sheet == "schools" { rows[4][1] = .text(String(repeating: "校", count: 100_000)) }
                }
            },
            "schools!B5: a cell of 100000 characters; a cell holds at most 32767 (Excel's own limit)"
        ),
        (
            "a NUL in a cell",
            {
                try WorkbookFixture.textWorkbook { sheet, rows in
                    if sheet == "schools" { rows[4][2] = .text("\u{0}中山区") }
                }
            },
            "schools!C5, column district: the text holds a NUL character, which no cell may hold: delete it; a file in "
                + "UTF-16 is full of them: save it as UTF-8 CSV"
        ),
        (
            "a zip bomb",
            {
                // 64 MiB of blanks deflate to about 64 KiB: a thousand times smaller.
                let blanks = Data(repeating: 0x20, count: 64 << 20)
                let sample = try sampleWorkbook()
                return try rewrite(sample, part: try part(of: "schools", in: sample)) { xml in
                    xml.replacingOccurrences(
                        of: "<sheetData>", with: "<sheetData>" + String(decoding: blanks, as: UTF8.self))
                }
            },
            "made.xlsx: xl/worksheets/sheet1.xml unpacks 1000 times larger than it is stored (at most 200); refused (a zip bomb?)"
        ),
    ]

    /// Each bad workbook gives exactly its one error.
    @Test(arguments: cases.indices)
    func oneClearError(_ index: Int) throws {
        let bad = Self.cases[index]
        let found = Self.errors(try bad.make())
        #expect(found.count == 1, "\(bad.name): \(found)")
        if bad.name == "a zip bomb" {
            #expect(
                found.first?.contains("times larger than it is stored (at most 200); refused (a zip bomb?)") == true)
        } else {
            #expect(found.first == bad.error, "\(bad.name)")
        }
    }

    /// A workbook that unpacks to more than the total allowed is refused before any part is.
    @Test func totalSizeLimit() throws {
        var limits = WorkbookLimits()
        limits.totalBytes = 100_000
        let found = Self.errors(try Self.sampleWorkbook(), limits: limits)
        #expect(found == ["city.xlsx: the workbook unpacks to more than 0 MiB; refused (a zip bomb?)"])
    }

    /// `schoolnet import` of each bad workbook into a database holding the sample city exits 2
    /// with the error, and the database still exports the sample city's files byte for byte.
    @Test func importChangesNothing() throws {
        let schoolnet = Programs.executable("schoolnet")
        let database = Programs.temporaryPath(".sqlite")
        let first = try Programs.run(schoolnet, ["import", WorkbookFixture.sampleCity, "--db", database])
        #expect(first.status == 0, "\(first.stderr)")
        for bad in Self.cases {
            let result = try Programs.run(schoolnet, ["import", try bad.make(), "--db", database])
            #expect(result.status == 2, "\(bad.name)")
            #expect(result.stderr.contains("the workbook cannot be used as it is (nothing was changed)"), "\(bad.name)")
        }
        let exported = Programs.temporaryPath()
        #expect(try Programs.run(schoolnet, ["export", exported, "--db", database]).status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: WorkbookFixture.sampleCity)
        where name.hasSuffix(".csv") || name == "plan.yaml" {
            let original = try Data(contentsOf: URL(fileURLWithPath: WorkbookFixture.sampleCity + "/" + name))
            let now = try Data(contentsOf: URL(fileURLWithPath: exported + "/" + name))
            #expect(original == now, "\(name)")
        }
    }
}
