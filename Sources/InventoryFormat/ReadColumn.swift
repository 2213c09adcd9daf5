import InventoryModel

/// A column of a reader's header, and what its cells must hold: plain values only (the
/// column's ``TableColumn/Kind`` is ranges and an enumeration's type), so that a struct of a
/// file's columns copies as bytes in the reading loop.
struct ReadColumn {
    /// The column's place in the header; -1 when the header lacks it.
    let index: Int
    /// Whether a record must have a value.
    let required: Bool
    /// What its cells hold, and their bounds.
    let kind: TableColumn.Kind

    init(index: Int, _ column: TableColumn) {
        self.index = index
        required = column.required
        kind = column.kind
    }
}
