import InventoryModel
import InventoryWorkbook

/// The reports as workbooks: a report's CSV rows as one typed sheet (the compliance report, the
/// renewals, the capacity plan), and the operations declaration as the form a bureau files.
public enum ReportWorkbook {
    /// Writes a report's CSV text as a workbook of one sheet: the same rows and columns, with
    /// numbers as numbers, `YYYY-MM-DD` as dates, `true`/`false` as booleans, and columns whose
    /// name ends in `yuan` (or `_yuan_per_year`) as money shown to the fen.
    public static func write(csv: String, sheet: String, to path: String) throws {
        let rows = CSVRows.parse(csv)
        let header = rows.first ?? []
        let money = header.map { $0.hasSuffix("yuan") || $0.contains("_yuan_") }
        let writer = try WorkbookWriter(path: path)
        try writer.addSheet(sheet, header: header) { row in
            for fields in rows.dropFirst() {
                try row(
                    fields.enumerated().map { index, field in
                        cell(field, money: index < money.count && money[index])
                    })
            }
        }
        try writer.finish()
    }

    /// The cell for a report's field.
    static func cell(_ field: String, money: Bool) -> WorkbookCell {
        if field.isEmpty { return .blank }
        if let number = number(field) { return money ? .money(number) : .number(number) }
        if field.utf8.count == 10, let date = CalendarDate(iso: field) { return .date(date) }
        if field == "true" || field == "false" { return .boolean(field == "true") }
        return .text(field)
    }

    /// A field that is a plain decimal number; codes with leading zeros (`0012`) stay text.
    static func number(_ field: String) -> Double? {
        let bytes = Array(field.utf8)
        guard let first = bytes.first, first == 0x2D || (0x30...0x39).contains(first) else { return nil }
        guard bytes.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x2D || $0 == 0x65 }) else {
            return nil
        }
        let digits = first == 0x2D ? bytes.dropFirst() : bytes[...]
        if digits.count > 1, digits.first == 0x30, digits.dropFirst().first != 0x2E { return nil }
        guard let value = Double(field), value.isFinite else { return nil }
        return value
    }
}
