import InventoryModel

/// One cell as a sheet holds it.
public enum WorkbookCell: Sendable, Equatable {
    case blank
    case text(String)
    case number(Double)
    /// An amount of yuan, shown to the fen (`0.00`).
    case money(Double)
    /// A day, shown `yyyy-mm-dd`.
    case date(CalendarDate)
    case boolean(Bool)
}
