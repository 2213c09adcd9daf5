import InventoryModel

/// Formats cells the way the exporter writes them, so that a round trip is byte-identical.
enum CSVFormatting {
    /// The shortest text that reads back as the same number (see ``Double/shortestText``).
    static func number(_ value: Double) -> String { value.shortestText }

    /// A field as every CSV file SchoolNet writes quotes it (``CSVField``).
    static func field(_ text: String) -> String { CSVField.text(text) }
}

/// Builds a CSV file in memory: a header, then rows, LF line ends, UTF-8 without BOM.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []
    private var cells: [String] = []

    init(header: [String]) {
        bytes.reserveCapacity(1 << 16)
        append(row: header)
    }

    /// Appends a row of already formatted cells.
    /// A whole file: the header, then each record's cells.
    static func file<R>(header: [String], _ records: [R], cells: (R) -> [String]) -> [UInt8] {
        var out = CSVWriter(header: header)
        for record in records { out.append(row: cells(record)) }
        return out.bytes
    }

    mutating func append(row: [String]) {
        for (index, cell) in row.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            bytes.append(contentsOf: CSVFormatting.field(cell).utf8)
        }
        bytes.append(0x0A)
    }

    // Cell formatters, so every file writes the same value the same way.
    static func cell(_ value: Double?) -> String { value.map(CSVFormatting.number) ?? "" }
    static func cell(_ value: Int?) -> String { value.map(String.init) ?? "" }
    static func cell(_ value: CalendarDate?) -> String { value?.description ?? "" }
    static func cell(_ value: Bool) -> String { value ? "true" : "false" }
    static func cell<E: InventoryEnum>(_ value: E?) -> String { value?.rawValue ?? "" }
}
