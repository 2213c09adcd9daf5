import InventoryModel

/// How a column of the interchange files is written in a sheet: numbers as numbers, dates as
/// dates, booleans as booleans, the rest (choices, keys, names, date-times) as text.
enum InterchangeColumn {
    case text, number, date, boolean

    /// The kind of a column, by its key; the same key means the same kind in every file.
    static func kind(_ key: String) -> InterchangeColumn {
        if dates.contains(key) { return .date }
        if booleans.contains(key) { return .boolean }
        if numbers.contains(key) || key.hasPrefix("classes_") { return .number }
        return .text
    }

    private static let dates: Set<String> = [
        "contract_start", "contract_end", "purchase_date", "warranty_end", "as_of",
    ]
    private static let booleans: Set<String> = ["central", "small_district", "valid"]
    private static let numbers: Set<String> = [
        "students", "kindergarten_stars", "wireless_coverage_pct", "it_staff", "latitude", "longitude", "down_mbps",
        "up_mbps", "monthly_cost", "purchase_cost", "expected_life_years", "capacity_gbps", "capacity_tb", "used_tb",
        "info_center_staff", "duration_s", "mbps", "cross_traffic_mbps", "rtt_ms", "loss_pct",
    ]

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
