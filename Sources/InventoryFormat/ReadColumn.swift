import InventoryModel

/// A column of a reader's header, and what its cells must hold (from ``TableColumn``): plain
/// values only, so that a struct of a file's columns copies as bytes in the reading loop.
struct ReadColumn {
    /// What a cell holds: the column's ``TableColumn/Kind``, without an enumeration's cases
    /// (``ChoiceColumn`` holds those).
    enum Rule {
        case text
        case integer(ClosedRange<Int>)
        case number(NumberBound)
        case boolean
        case date
        case dateTime
        case choice
    }

    /// The column's place in the header; -1 when the header lacks it.
    let index: Int
    /// Whether a record must have a value.
    let required: Bool
    let rule: Rule

    init(index: Int, _ column: TableColumn) {
        self.index = index
        required = column.required
        rule =
            switch column.kind {
            case .text: .text
            case .integer(let range): .integer(range)
            case .number(let bound): .number(bound)
            case .boolean: .boolean
            case .date: .date
            case .dateTime: .dateTime
            case .choice: .choice
            }
    }
}
