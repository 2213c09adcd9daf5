import InventoryModel

/// How a column of the interchange files is written in a sheet: numbers as numbers, dates as
/// dates, booleans as booleans, the rest (choices, keys, names, date-times) as text.
enum InterchangeColumn {
    case text, number, date, boolean

    /// How a column of the table is written (``TableColumn/Kind``).
    init(_ column: TableColumn) {
        switch column.kind {
        case .date: self = .date
        case .boolean: self = .boolean
        case .integer, .number: self = .number
        case .text, .dateTime, .choice: self = .text
        }
    }

    /// The cell for the exporter's text of a value of this kind.
    func cell(_ text: String) -> WorkbookCell {
        if text.isEmpty { return .blank }
        switch self {
        case .text: return .text(text)
        case .number: return Double(text).map(WorkbookCell.number) ?? .text(text)
        case .date: return CalendarDate(iso: text).map(WorkbookCell.date) ?? .text(text)
        case .boolean: return text == "true" ? .boolean(true) : text == "false" ? .boolean(false) : .text(text)
        }
    }
}
