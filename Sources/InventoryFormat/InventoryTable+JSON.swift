import InventoryModel

extension InventoryTable {
    /// A record's JSON from its file cells in header order: the columns' keys as fields, numbers
    /// and booleans typed (``TableColumn/Kind``), blanks null.
    public func json(cells: [String]) -> JSONValue {
        .object(
            zip(columns, cells).map { column, cell in
                if cell.isEmpty { return (column.key, .null) }
                switch column.kind {
                case .integer, .number: return (column.key, Double(cell).map(JSONValue.number) ?? .null)
                case .boolean: return (column.key, .bool(cell == "true"))
                default: return (column.key, .string(cell))
                }
            })
    }
}

extension MeasurementsFile {
    /// A batch for the service: `{"measurements": [...]}`, each result as
    /// ``InventoryTable/json(cells:)`` makes it.
    public static func jsonBatch(_ measurements: [ProbeMeasurement]) -> [UInt8] {
        let items = measurements.map { InventoryTable.measurements.json(cells: cells($0)) }
        return JSONValue.object([("measurements", .array(items))]).bytes
    }
}
