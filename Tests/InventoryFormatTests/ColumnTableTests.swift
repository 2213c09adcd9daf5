import InventoryModel
import Testing

@testable import InventoryFormat

/// The readers check each cell against the one table of columns (``InventoryTable/columns``):
/// its bounds, whether a value is required, whether the header must name it. Each case here is
/// made from the table itself, so a column whose reader checks something else fails.
@Suite("One table of columns")
struct ColumnTableTests {
    /// A cell every column of its kind accepts.
    static func validCell(_ column: TableColumn) -> String {
        switch column.kind {
        case .text: "X1"
        case .integer(let range): String(range.lowerBound)
        case .number(let bound): CSVFormatting.number(bound.maximum)
        case .boolean: "true"
        case .date: "2024-03-01"
        case .dateTime: "2026-11-24T08:00:00+08:00"
        case .choice: column.choices[0]
        }
    }

    /// The issues of reading a file of `table` whose one row is valid but for `cell` at `column`
    /// (or whose header lacks the column, when `cell` is nil).
    static func issues(_ table: InventoryTable, _ key: String, _ cell: String?) -> [InventoryIssue] {
        let columns = table.columns.filter { cell != nil || $0.key != key }
        let row = columns.map { $0.key == key ? cell! : validCell($0) }
        let csv = CSVWriter.file(header: columns.map(\.key), [row], cells: { $0 })
        do {
            _ = try table.read(csv: csv)
            return []
        } catch {
            return error.issues
        }
    }

    /// Values at a column's bounds read; values past them are refused, naming the column.
    @Test(arguments: InventoryTable.allCases)
    func boundsAreTheTables(_ table: InventoryTable) {
        #expect(Self.issues(table, table.columns[0].key, Self.validCell(table.columns[0])).isEmpty)
        for column in table.columns {
            var inside: [String] = []
            var outside: [String] = []
            switch column.kind {
            case .integer(let range):
                inside = [String(range.lowerBound), String(range.upperBound)]
                outside = [String(range.lowerBound - 1), String(range.upperBound + 1), "1.5", "x"]
            case .number(let bound):
                let (minimum, exclusive) = bound.minimum
                inside = [CSVFormatting.number(bound.maximum)] + (exclusive ? [] : [CSVFormatting.number(minimum)])
                outside =
                    [
                        CSVFormatting.number(bound.maximum * 1.001 + 1), CSVFormatting.number(minimum - 1), "x",
                    ] + (exclusive ? [CSVFormatting.number(minimum)] : [])
            case .date: outside = ["2024-02-30", "1.3.2024"]
            case .dateTime: outside = ["2026-11-24T08:00:00", "yesterday"]
            case .boolean: outside = ["maybe"]
            case .choice: outside = ["no such choice"]
            case .text: break
            }
            for cell in inside {
                #expect(Self.issues(table, column.key, cell).isEmpty, "\(table).\(column.key) = \(cell)")
            }
            for cell in outside {
                let found = Self.issues(table, column.key, cell)
                #expect(found.map(\.column) == [column.key], "\(table).\(column.key) = \(cell): \(found)")
            }
        }
    }

    /// A blank cell is refused where the table requires a value, and read where it does not; a
    /// header without the column is refused where the table says every file names it.
    @Test(arguments: InventoryTable.allCases)
    func requiredAsTheTableSays(_ table: InventoryTable) {
        for column in table.columns {
            let blank = Self.issues(table, column.key, "")
            #expect(blank.map(\.column) == (column.required ? [column.key] : []), "\(table).\(column.key) blank")
            let absent = Self.issues(table, column.key, nil)
            if column.headerRequired {
                #expect(
                    absent.map(\.column) == [column.key]
                        && absent[0].message.contains("the required column is missing"),
                    "\(table).\(column.key) absent: \(absent)")
            } else {
                #expect(absent.isEmpty, "\(table).\(column.key) absent: \(absent)")
            }
        }
    }
}
