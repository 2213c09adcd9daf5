import InventoryModel

/// Records of one file with the row each came from, checked for unique keys as they arrive.
///
/// While keys arrive in increasing order (as every file SchoolNet exports has them), each is
/// unique if it is greater than the one before, and no index is built; the first key out of
/// order builds the index from the records so far, and every later key goes through it.
struct Keyed<Record> {
    let file: String
    let keyColumn: String
    private let keyOf: (Record) -> String
    var records: [Record] = []
    var rows: [Int32] = []
    /// Whether the keys so far came in strictly increasing order.
    private(set) var ascending = true
    private var firstKey = ""
    private var lastKey = ""
    /// One index per part of the file that was read on its own; empty while ascending.
    private var indexes: [KeyIndex] = []

    /// An empty set of records, sized for about `expected` of them.
    init(file: String, keyColumn: String, expected: Int = 16, key: @escaping (Record) -> String) {
        self.file = file
        self.keyColumn = keyColumn
        keyOf = key
        records.reserveCapacity(expected)
        rows.reserveCapacity(expected)
    }

    /// Adds a record; a key seen before is logged with the row that had it first.
    mutating func append(_ record: consuming Record, key: String, row: Int, log: IssueLog, shownKey: String? = nil) {
        if !key.isEmpty {
            if ascending, key > lastKey {
                if firstKey.isEmpty { firstKey = key }
                lastKey = key
            } else {
                if ascending { buildIndex() }
                if let first = indexes[indexes.count - 1].insert(key, row: row) {
                    log.add(row: row, column: keyColumn, value: shownKey ?? key, "already used in row \(first)")
                }
            }
        }
        records.append(record)
        rows.append(Int32(truncatingIfNeeded: row))
    }

    /// Leaves the ascending mode: indexes every key so far.
    private mutating func buildIndex() {
        ascending = false
        var index = KeyIndex(expected: max(records.count * 2, 16))
        for (record, row) in zip(records, rows) {
            let key = keyOf(record)
            if !key.isEmpty { _ = index.insert(key, row: Int(row)) }
        }
        indexes = [index]
    }

    /// Appends the records of the next part of the file, logging keys both parts use.
    mutating func merge(_ next: Keyed<Record>, log: IssueLog) {
        var next = next
        if ascending, next.ascending, next.firstKey.isEmpty || next.firstKey > lastKey {
            if !next.lastKey.isEmpty { lastKey = next.lastKey }
        } else {
            if ascending { buildIndex() }
            if next.ascending { next.buildIndex() }
            for index in next.indexes {
                for (key, row) in index.entries {
                    if let first = indexes.lazy.compactMap({ $0.row(of: key) }).first {
                        log.add(row: row, column: keyColumn, value: key, "already used in row \(first)")
                    }
                }
            }
            indexes += next.indexes
        }
        records += next.records
        rows += next.rows
    }

    func contains(_ key: String) -> Bool { keys.contains(key) }

    /// The keys, for other files to check their references against.
    var keys: KnownKeys {
        ascending ? KnownKeys(sorted: records.map(keyOf)) : KnownKeys(indexes)
    }
}

/// The keys of one file, which rows of other files may name; read concurrently, never written.
final class KnownKeys: Sendable {
    private let indexes: [KeyIndex]
    /// Keys in increasing order, searched by halving, when the file had them so.
    private let sorted: [String]

    init(_ indexes: [KeyIndex]) {
        self.indexes = indexes
        sorted = []
    }

    init(sorted: [String]) {
        indexes = []
        self.sorted = sorted
    }

    func contains(_ key: String) -> Bool {
        if !indexes.isEmpty { return indexes.contains { $0.row(of: key) != nil } }
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == key
    }
}
