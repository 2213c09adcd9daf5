import InventoryFormat
import InventoryModel

/// A workbook's sheets turned into the interchange files they stand for (CSV text, plan.yaml),
/// with what it takes to say which sheet and cell a row and column of those files came from.
struct SheetFiles {
    /// The files, by name, as a folder would hold them.
    private(set) var files: [String: [UInt8]] = [:]
    /// Cells no file can take (formulas, error values, over-long text), by sheet and cell.
    private(set) var problems: [InventoryIssue] = []
    /// Sheets that stand for no file.
    private(set) var warnings: [InventoryIssue] = []
    /// For each file: its header's cells (to find a column's letter), and for each run of rows
    /// the sheet they came from.
    private var layouts: [String: Layout] = [:]

    struct Layout {
        var header: [String]
        /// Runs of the file's rows: from `firstRow` on, rows of `sheet`, less `offset`.
        var runs: [(firstRow: Int, sheet: String, offset: Int)]

        /// The sheet and its row for a row of the file.
        func place(_ row: Int) -> (sheet: String, row: Int) {
            let run = runs.last { $0.firstRow <= row } ?? runs[0]
            return (run.sheet, row - run.offset)
        }
    }

    mutating func read(_ reader: WorkbookReader) throws {
        var parts: [InventoryTable: [(number: Int, sheet: WorkbookReader.Sheet)]] = [:]
        var plan: WorkbookReader.Sheet?
        for sheet in reader.sheets {
            if sheet.name == CityWorkbook.planSheet {
                plan = sheet
            } else if let (table, number) = Self.table(ofSheet: sheet.name) {
                parts[table, default: []].append((number, sheet))
            } else {
                warnings.append(InventoryIssue(file: sheet.name, message: "unknown sheet, ignored"))
            }
        }
        for table in InventoryTable.allCases {
            guard let sheets = parts[table]?.sorted(by: { $0.number < $1.number }) else { continue }
            try readTable(table, sheets.map(\.sheet), reader)
        }
        if let plan { try readPlan(plan, reader) }
    }

    /// The table a sheet's name stands for, and which of its sheets it is (1, 2, ...).
    static func table(ofSheet name: String) -> (InventoryTable, Int)? {
        for table in InventoryTable.allCases {
            let base = CityWorkbook.sheetName(table)
            if name == base { return (table, 1) }
            if name.hasPrefix(base + "_"), let number = Int(name.dropFirst(base.count + 1)), number >= 2 {
                return (table, number)
            }
        }
        return nil
    }

    /// Calls `body` with the rows of one sheet, each as its cells by column; the issue that
    /// stopped the reading, if one did.
    private static func rows(
        of sheet: WorkbookReader.Sheet, _ reader: WorkbookReader, _ body: (Int, [ReadCell]) throws -> Void
    ) throws -> InventoryIssue? {
        guard let xml = try reader.archive.contents(sheet.part) else {
            return InventoryIssue(file: sheet.name, message: "the sheet's part \(sheet.part) is missing")
        }
        do {
            try xml.withUnsafeBytes { try SheetReader.read($0, sharedStrings: reader.sharedStrings, row: body) }
        } catch let long as SheetReader.LongCell {
            return
                InventoryIssue(
                    file: sheet.name, row: long.row,
                    message: "a cell of \(long.characters) characters; a cell holds at most "
                        + "\(SheetReader.maxCellCharacters) (Excel's own limit)",
                    cell: CellReference.cell(column: long.column, row: long.row))
        } catch let malformed as XMLScanner.Malformed {
            return InventoryIssue(
                file: sheet.name, message: "not XML a workbook holds (byte \(malformed.offset + 1) of \(sheet.part))")
        }
        return nil
    }

    private mutating func readTable(
        _ table: InventoryTable, _ sheets: [WorkbookReader.Sheet], _ reader: WorkbookReader
    ) throws {
        var csv: [UInt8] = []
        var header: [String]?
        var kinds: [InterchangeColumn] = []
        var layout = Layout(header: [], runs: [])
        var fileRow = 0  // the last row written to the file
        var problems: [InventoryIssue] = []
        defer { self.problems += problems }
        for sheet in sheets {
            layout.runs.append((fileRow + 1, sheet.name, fileRow + 1 - (header == nil ? 1 : 2)))
            var sheetHeader: [String]?
            let stopped = try Self.rows(of: sheet, reader) { row, cells in
                if sheetHeader == nil {
                    // The first row with cells is the header; the rows above it are blank.
                    var names = Array(repeating: "", count: (cells.map(\.column).max() ?? -1) + 1)
                    for cell in cells { names[cell.column] = Self.text(cell.value) }
                    sheetHeader = names
                    if let header {
                        if names != header {
                            problems.append(
                                InventoryIssue(
                                    file: sheet.name, row: row,
                                    message: "the header differs from the sheet \(sheets[0].name)'s; "
                                        + "a sheet that goes on from another repeats its header",
                                    cell: "A\(row)"))
                        }
                        layout.runs[layout.runs.count - 1].offset = fileRow - row
                        return
                    }
                    header = names
                    layout.header = names
                    kinds = names.map { table.column(named: $0).map(InterchangeColumn.init) ?? .text }
                    while fileRow < row - 1 {
                        csv.append(0x0A)
                        fileRow += 1
                    }
                    layout.runs[layout.runs.count - 1].offset = 0
                    Self.appendLine(names.map(CSVField.text), to: &csv)
                    fileRow = row
                    return
                }
                let target = row + layout.runs[layout.runs.count - 1].offset
                while fileRow < target - 1 {
                    csv.append(0x0A)
                    fileRow += 1
                }
                // The row's fields straight into the file: cells come in column order, a comma for
                // each column passed, blank cells and all.
                var commas = 0
                var filled = 0
                // Writers give a row's cells in column order; a row that does not is put in it.
                let ordered = zip(cells, cells.dropFirst()).allSatisfy { $0.column < $1.column }
                for cell in ordered ? cells : cells.sorted(by: { $0.column < $1.column }) {
                    let reference = { CellReference.cell(column: cell.column, row: row) }
                    let kind = cell.column < kinds.count ? kinds[cell.column] : .text
                    if cell.isFormula {
                        problems.append(
                            InventoryIssue(
                                file: sheet.name, row: row, value: Self.text(cell.value),
                                message: "a formula where a value belongs; paste the column as values",
                                cell: reference()))
                        continue
                    }
                    if case .errorValue(let error) = cell.value {
                        problems.append(
                            InventoryIssue(
                                file: sheet.name, row: row, value: error,
                                message: "an error value where a value belongs", cell: reference()))
                        continue
                    }
                    guard cell.column >= filled else { continue }  // a column given twice: the first counts
                    while commas < cell.column {
                        csv.append(0x2C)
                        commas += 1
                    }
                    Self.appendField(Self.field(cell.value, kind), to: &csv)
                    filled = cell.column + 1
                }
                csv.append(0x0A)
                fileRow = target
            }
            if let stopped { problems.append(stopped) }
            if sheetHeader == nil, header != nil {
                problems.append(
                    InventoryIssue(file: sheet.name, message: "the sheet is empty; it must repeat the header"))
            }
        }
        files[table.fileName] = csv
        layouts[table.fileName] = layout
    }

    /// Appends a field quoted as ``CSVField`` quotes, without making a quoted String first.
    private static func appendField(_ text: String, to csv: inout [UInt8]) {
        if CSVField.needsQuotes(text) {
            csv.append(contentsOf: CSVField.text(text).utf8)
        } else {
            csv.append(contentsOf: text.utf8)
        }
    }

    private static func appendLine(_ fields: [String], to csv: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { csv.append(0x2C) }
            csv.append(contentsOf: field.utf8)
        }
        csv.append(0x0A)
    }

    /// A cell's text as the exporter would write it in a column of this kind: a date column's
    /// serial as its day, a boolean as `true`/`false`.
    static func field(_ value: CellValue, _ kind: InterchangeColumn) -> String {
        switch value {
        case .text(let text): return text
        case .number(let number):
            if kind == .date, let serial = Double(number), let date = ExcelDate.date(serial: serial) {
                return date.description
            }
            return number
        case .boolean(let flag): return flag ? "true" : "false"
        case .isoDate(let text): return kind == .date ? String(text.prefix(10)) : text
        case .errorValue(let error): return error
        }
    }

    static func text(_ value: CellValue) -> String { field(value, .text) }

    /// The plan sheet as plan.yaml, a line a row, so that a line of the file is a row of the sheet.
    private mutating func readPlan(_ sheet: WorkbookReader.Sheet, _ reader: WorkbookReader) throws {
        var lines: [String] = []
        let lists = Set(Plan.fields.filter(\.isList).map(\.key))
        var problems: [InventoryIssue] = []
        defer { self.problems += problems }
        let stopped = try Self.rows(of: sheet, reader) { row, cells in
            while lines.count < row - 1 { lines.append("") }
            let key = cells.first { $0.column == 0 }.map { Self.text($0.value) } ?? ""
            guard row > 1, !key.isEmpty, cells.allSatisfy({ !$0.isFormula || $0.column > 1 }) else {
                if let formula = cells.first(where: { $0.isFormula && $0.column <= 1 }) {
                    problems.append(
                        InventoryIssue(
                            file: sheet.name, row: row, value: Self.text(formula.value),
                            message: "a formula where a value belongs; paste the column as values",
                            cell: CellReference.cell(column: formula.column, row: row)))
                }
                lines.append("")
                return
            }
            let value = cells.first { $0.column == 1 }?.value
            lines.append(Self.yamlQuoted(key) + ": " + Self.yamlValue(value, list: lists.contains(key)))
        }
        if let stopped { problems.append(stopped) }
        files[PlanFile.name] = Array(lines.joined(separator: "\n").utf8) + [0x0A]
    }

    /// A YAML scalar as plan.yaml would give it: numbers and plain words bare, the rest quoted.
    static func yamlValue(_ value: CellValue?, list: Bool) -> String {
        guard let value else { return "\"\"" }
        switch value {
        case .number(let number): return number
        case .boolean(let flag): return flag ? "true" : "false"
        case .text(let text), .isoDate(let text), .errorValue(let text):
            if list {
                let inner = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
                let items = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                return "[" + items.map(yamlQuoted).joined(separator: ", ") + "]"
            }
            return isPlain(text) ? text : yamlQuoted(text)
        }
    }

    /// Text that YAML reads as itself or as the number it spells, without quotes.
    private static func isPlain(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { plainScalars.contains($0) }
            && !["true", "false", "yes", "no", "on", "off", "null", "~"].contains(text.lowercased())
    }

    private static let plainScalars: Set<Unicode.Scalar> = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:+-".unicodeScalars)

    /// A double-quoted YAML string.
    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\x" + String(format: "%02X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An issue of the files the sheets became, placed in its sheet and cell.
    func located(_ issue: InventoryIssue) -> InventoryIssue {
        var placed = issue
        placed.message = issue.message.replacingOccurrences(of: "the file is missing", with: "the sheet is missing")
        if issue.file == PlanFile.name {
            placed.file = CityWorkbook.planSheet
            if let row = issue.row { placed.cell = (issue.value == nil ? "A" : "B") + String(row) }
            return placed
        }
        guard let table = InventoryTable(fileName: issue.file) else { return placed }
        guard let layout = layouts[issue.file] else {
            placed.file = CityWorkbook.sheetName(table)
            return placed
        }
        guard let row = issue.row else {
            placed.file = layout.runs.first?.sheet ?? CityWorkbook.sheetName(table)
            return placed
        }
        let (sheet, sheetRow) = layout.place(row)
        placed.file = sheet
        placed.row = sheetRow
        if let column = issue.column, let index = layout.header.firstIndex(of: column) {
            placed.cell = CellReference.cell(column: index, row: sheetRow)
        }
        return placed
    }
}
