import Foundation
import InventoryFormat
import InventoryModel
import Testing

@testable import InventoryWorkbook

@Suite("City workbook")
struct CityWorkbookTests {
    /// Reads a workbook, failing the test when it reads cleanly; the issues' text.
    func errors(_ path: String, limits: WorkbookLimits = WorkbookLimits()) -> [String] {
        do {
            _ = try CityWorkbook.read(at: path, limits: limits)
            Issue.record("expected the workbook to be refused")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    /// The sample city written as a workbook and read again is the same city, with no warning.
    @Test func sampleCityRoundTrip() throws {
        let path = WorkbookFixture.temporaryPath("city.xlsx")
        try CityWorkbook.write(WorkbookFixture.city, to: path)
        let read = try CityWorkbook.read(at: path)
        #expect(read.warnings.map(\.description) == [])
        #expect(read.inventory.canonical == WorkbookFixture.city.canonical)
    }

    /// A sheet past the row limit goes on in `name_2`, `name_3`, ... each with the header, and
    /// reading joins them; an error in a later sheet names that sheet and its own row.
    @Test func longSheetsAreSplitAndJoined() throws {
        let path = WorkbookFixture.temporaryPath("city.xlsx")
        try CityWorkbook.write(WorkbookFixture.city, to: path, maxRowsPerSheet: 100)
        let reader = try WorkbookReader(path: path, limits: WorkbookLimits())
        let names = reader.sheets.map(\.name)
        let measurements = WorkbookFixture.city.measurements.count
        #expect(names.filter { $0.hasPrefix("measurements") }.count == (measurements + 98) / 99)
        #expect(names.contains("schools_3") && !names.contains("schools_5"))  // 300 schools, 99 a sheet
        let read = try CityWorkbook.read(at: path)
        #expect(read.inventory.canonical == WorkbookFixture.city.canonical)

        let bad = try WorkbookFixture.textWorkbook { sheet, rows in
            if sheet == "links" { rows[250][3] = .text("fast") }
        }
        #expect(
            errors(bad) == [
                "links!D251, column down_mbps: \"fast\": expected a number > 0 and at most 1000000000"
            ])
    }

    /// A workbook of text cells only (as a planner may type them) reads as the same city as one
    /// of numbers, dates and booleans.
    @Test func textCellsReadAlike() throws {
        let read = try CityWorkbook.read(at: try WorkbookFixture.textWorkbook())
        var expected = WorkbookFixture.city
        expected.plan = Plan()  // the text workbook has no plan sheet
        #expect(read.inventory.canonical.schools == expected.canonical.schools)
        #expect(read.inventory.canonical.assets == expected.canonical.assets)
        #expect(read.warnings.map(\.description) == ["plan: the sheet is missing; Dalian's plan applies"])
    }

    /// Errors name the sheet, the cell, the value and what was expected.
    @Test func errorsNameSheetAndCell() throws {
        let path = try WorkbookFixture.textWorkbook { sheet, rows in
            if sheet == "links" { rows[16][3] = .text("abc") }
            if sheet == "schools" { rows[6][3] = .text("downtown") }
        }
        #expect(
            errors(path) == [
                "schools!D7, column locality: \"downtown\": expected one of urban_core | urban | county_core | town | village",
                "links!D17, column down_mbps: \"abc\": expected a number > 0 and at most 1000000000",
            ])
    }

    /// Headers may be the Chinese captions; choices their Chinese words; booleans 是/否.
    @Test func chineseHeadersAndWords() throws {
        let path = try WorkbookFixture.textWorkbook { sheet, rows in
            guard sheet == "schools" else { return }
            rows[0] = InventoryTable.schools.columns.map { .text($0.caption) }
            for index in rows.indices.dropFirst() {
                if case .text(let kind) = rows[index][5], let value = SchoolKind(rawValue: kind) {
                    rows[index][5] = .text(value.words.zh)
                }
                if case .text(let central) = rows[index][4] { rows[index][4] = .text(central == "true" ? "是" : "否") }
            }
        }
        let read = try CityWorkbook.read(at: path)
        #expect(read.inventory.canonical.schools == WorkbookFixture.city.canonical.schools)
    }

    /// Excel's date serials: 1 is 1900-01-01, 61 is 1900-03-01 (60 is Lotus's 29 February),
    /// 46350 is 2026-11-24; every day from 1900 to 2200 goes there and back.
    @Test func excelDates() throws {
        #expect(ExcelDate.date(serial: 1)?.description == "1900-01-01")
        #expect(ExcelDate.date(serial: 59)?.description == "1900-02-28")
        #expect(ExcelDate.date(serial: 60) == nil)
        #expect(ExcelDate.date(serial: 61)?.description == "1900-03-01")
        #expect(ExcelDate.date(serial: 46350)?.description == "2026-11-24")
        #expect(ExcelDate.date(serial: 46350.75)?.description == "2026-11-24")
        var day = try #require(CalendarDate(iso: "1900-01-01"))
        let last = try #require(CalendarDate(iso: "2200-12-31"))
        while day <= last {
            #expect(ExcelDate.date(serial: Double(ExcelDate.serial(day))) == day)
            day = day.adding(days: 1)
        }
    }

    /// Cell references: letters and rows both ways.
    @Test func cellReferences() {
        #expect(CellReference.column(0) == "A" && CellReference.column(25) == "Z" && CellReference.column(26) == "AA")
        #expect(CellReference.column(16383) == "XFD")
        #expect(CellReference.parse("C17")! == (2, 17))
        #expect(CellReference.parse("$AA$3")! == (26, 3))
        #expect(CellReference.parse("17") == nil && CellReference.parse("C") == nil)
    }

    /// Text that XML or OOXML would change (markup, control characters, a literal `_x0041_`,
    /// blanks at the ends) comes back as it was written.
    @Test func textSurvives() throws {
        let texts = ["<b>&\"'", "tab\there", "line\nbreak", "_x0041_", " padded ", "bell\u{7}", "中文"]
        let path = WorkbookFixture.temporaryPath("texts.xlsx")
        let writer = try WorkbookWriter(path: path)
        try writer.addSheet("texts", header: ["text"]) { row in
            for text in texts { try row([.text(text)]) }
        }
        try writer.finish()
        let reader = try WorkbookReader(path: path, limits: WorkbookLimits())
        let xml = try #require(try reader.archive.contents(reader.sheets[0].part))
        var read: [String] = []
        try xml.withUnsafeBytes { bytes in
            try SheetReader.read(bytes, sharedStrings: reader.sharedStrings) { row, cells in
                if row > 1, case .text(let text) = cells.first?.value { read.append(text) }
            }
        }
        #expect(read == texts)
    }
}

extension CityWorkbookTests {
    /// A formula is refused where a value belongs, but TRUE() and FALSE(), which LibreOffice
    /// writes for every boolean cell, are constants and read as the booleans they are.
    @Test func constantBooleanFormulas() throws {
        let xml = """
            <worksheet><sheetData><row r="1"><c r="A1" t="b"><f aca="false">FALSE()</f><v>0</v></c>\
            <c r="B1" t="b"><f>TRUE</f><v>1</v></c><c r="C1"><f>1+1</f><v>2</v></c>\
            <c r="D1" t="b"><f>NOT(A1)</f><v>1</v></c></row></sheetData></worksheet>
            """
        var cells: [ReadCell] = []
        try Array(xml.utf8).withUnsafeBytes { bytes in
            try SheetReader.read(bytes, sharedStrings: []) { _, row in cells = row }
        }
        #expect(cells.map(\.value) == [.boolean(false), .boolean(true), .number("2"), .boolean(true)])
        #expect(cells.map(\.isFormula) == [false, false, true, true])
    }
}
