import Foundation
import InventoryFormat
import InventoryModel

/// A whole city as one workbook: a sheet per interchange file, named like the file without
/// `.csv` (`schools`, `links`, ...), and a `plan` sheet of plan.yaml's keys and values.
///
/// Reading turns each sheet back into the file it stands for and reads the files as a folder is
/// read, so a workbook is checked exactly as a folder is; issues then name sheets and cells.
public enum CityWorkbook {
    /// The sheet holding the plan: a key and its value a row.
    public static let planSheet = "plan"
    /// The plan sheet's header.
    static let planHeader = ["key", "value", "accepts"]

    /// The sheet a table's rows are written to (and the first of them, past Excel's last row).
    public static func sheetName(_ table: InventoryTable) -> String {
        String(table.fileName.dropLast(".csv".count))
    }

    /// Writes the city as a workbook at `path`: each sheet sorted as the exporter sorts its file,
    /// numbers, dates and booleans as such, the header row bold and frozen.
    ///
    /// - Parameter maxRowsPerSheet: rows a sheet holds before `name_2` takes over (Excel's
    ///   1,048,576 unless a test wants fewer).
    public static func write(
        _ inventory: Inventory, to path: String, maxRowsPerSheet: Int = WorkbookWriter.excelMaxRows
    ) throws {
        let city = inventory.canonical
        let writer = try WorkbookWriter(path: path, maxRowsPerSheet: maxRowsPerSheet)
        for table in InventoryTable.allCases {
            let kinds = table.columns.map(InterchangeColumn.init)
            try writer.addSheet(sheetName(table), header: table.header) { row in
                try table.forEachRow(of: city) { cells in
                    try row(zip(kinds, cells).map { kind, text in kind.cell(text) })
                }
            }
        }
        try writer.addSheet(planSheet, header: planHeader) { row in
            for field in Plan.fields {
                let value: WorkbookCell
                switch field.value(city.plan) {
                case .number(let number): value = .number(number)
                case .text(let text): value = .text(text)
                case .list(let items): value = .text(items.joined(separator: ", "))
                }
                try row([.text(field.key), value, .text(field.expected)])
            }
        }
        try writer.finish()
    }

    /// Reads and checks a city from the workbook at `path`, as a folder's files are checked; all
    /// or nothing. Issues name the sheet and the cell (`links!C17`), the value and what was
    /// expected; so does a workbook that cannot be unpacked, whose issue names the file.
    public static func read(
        at path: String, limits: WorkbookLimits = WorkbookLimits()
    ) throws(InventoryReadError) -> InventoryFolderContents {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let reader: WorkbookReader
        do {
            reader = try WorkbookReader(path: path, limits: limits)
        } catch {
            throw InventoryReadError(issues: [InventoryIssue(file: fileName, message: error.message)])
        }
        var sheets = SheetFiles()
        do {
            try sheets.read(reader)
        } catch let refusal as WorkbookArchive.Refusal {
            throw InventoryReadError(issues: [InventoryIssue(file: fileName, message: refusal.message)])
        } catch {
            throw InventoryReadError(issues: [InventoryIssue(file: fileName, message: "\(error)")])
        }
        if !sheets.problems.isEmpty { throw InventoryReadError(issues: sheets.problems) }
        if sheets.files.isEmpty {
            let names = InventoryTable.allCases.map(sheetName) + [planSheet]
            throw InventoryReadError(issues: [
                InventoryIssue(
                    file: fileName,
                    message: "the workbook holds none of the sheets \(names.joined(separator: ", ")); "
                        + "sheets found: \(reader.sheets.map(\.name).joined(separator: ", "))")
            ])
        }
        do {
            var contents = try InventoryFolder.read(files: sheets.files)
            contents.warnings = sheets.warnings + contents.warnings.map(sheets.located)
            return contents
        } catch {
            throw InventoryReadError(issues: error.issues.map(sheets.located), omitted: error.omitted)
        }
    }
}
