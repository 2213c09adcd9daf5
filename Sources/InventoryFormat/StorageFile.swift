import InventoryModel

/// `storage.csv`: readings of the storage pools; several rows of a pool give its history.
enum StorageFile {
    static let name = "storage.csv"
    /// The column keys in the order the exporter writes them (``InventoryTable/columns``).
    static let header = InventoryTable.storage.header

    static func read(_ r: CSVReader) -> Keyed<StorageReading> {
        let pool = r.column("pool", of: .storage)
        let kind = r.column("kind", of: .storage, as: StoragePoolKind.self)
        let capacity = r.column("capacity_tb", of: .storage)
        let used = r.column("used_tb", of: .storage)
        let asOf = r.column("as_of", of: .storage)
        // A pool has one reading a day: (pool, as_of) is the key.
        var result = Keyed<StorageReading>(file: name, keyColumn: "as_of", key: KeyCells(pool, asOf), reader: r) {
            let parts = $0.split(separator: "\u{0}", omittingEmptySubsequences: false)
            return "\(parts.last ?? "") for pool \(parts.first ?? "")"
        }
        var kindOfPool: [String: (StoragePoolKind, Int)] = [:]
        while r.advance() {
            let reading = StorageReading(
                pool: r.requiredText(pool), kind: r.choice(kind) ?? .cloudStorage,
                capacityTB: r.number(capacity) ?? 1, usedTB: r.number(used) ?? 0,
                asOf: r.date(asOf) ?? CalendarDate(daysSinceEpoch: 0))
            if let (firstKind, firstRow) = kindOfPool[reading.pool], firstKind != reading.kind {
                r.log.add(
                    row: r.row, column: "kind", value: reading.kind.rawValue,
                    "pool \(reading.pool) is \(firstKind.rawValue) in row \(firstRow)")
            } else {
                kindOfPool[reading.pool] = (reading.kind, r.row)
            }
            result.append(reading, from: r)
        }
        return result
    }

    static func write(_ readings: [StorageReading]) -> [UInt8] {
        CSVWriter.file(header: header, readings, cells: cells)
    }

    /// One record's cells, in header order.
    static func cells(_ s: StorageReading) -> [String] {
        [
            s.pool, CSVWriter.cell(s.kind), CSVWriter.cell(s.capacityTB), CSVWriter.cell(s.usedTB),
            CSVWriter.cell(s.asOf),
        ]
    }
}
