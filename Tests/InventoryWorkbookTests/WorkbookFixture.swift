import Foundation
import InventoryFormat
import InventoryModel
import InventoryWorkbook

/// The sample city and workbooks made from it, with any sheet's cells changed.
enum WorkbookFixture {
    static let sampleCity = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Inventory/sample-city").path

    static func temporaryPath(_ name: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-wb-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    /// The sample city as read from its folder.
    static let city: Inventory = {
        (try? InventoryFolder.read(at: sampleCity).inventory) ?? Inventory()
    }()

    /// A workbook of the sample city's files as sheets of text cells (numbers, dates, booleans
    /// as their text), with `change` applied to each sheet's rows (the header is row 0).
    static func textWorkbook(
        _ change: (_ sheet: String, _ rows: inout [[WorkbookCell]]) -> Void = { _, _ in }
    ) throws -> String {
        let path = temporaryPath("city.xlsx")
        let writer = try WorkbookWriter(path: path)
        for table in InventoryTable.allCases {
            var rows = table.rows(of: city.canonical).map { $0.map { $0.isEmpty ? WorkbookCell.blank : .text($0) } }
            let name = CityWorkbook.sheetName(table)
            var all = [table.header.map { WorkbookCell.text($0) }] + rows
            change(name, &all)
            rows = Array(all.dropFirst())
            let header = all[0].map { cell -> String in
                if case .text(let text) = cell { return text }
                return ""
            }
            try writer.addSheet(name, header: header) { row in
                for cells in rows { try row(cells) }
            }
        }
        try writer.finish()
        return path
    }
}
