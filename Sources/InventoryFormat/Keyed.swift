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
    /// The records, unless they go to a window of a buffer shared with other parts of the file.
    private(set) var records: [Record] = []
    var rows: [Int32] = []
    /// Where the records of one part of a large file go (see ``CSVReader/destination``).
    private var window: (base: UnsafeMutablePointer<Record>, capacity: Int)?
    /// Whether the keys so far came in strictly increasing order.
    private(set) var ascending = true
    private var firstKey = ""
    private var lastKey = ""
    /// One index per part of the file that was read on its own; empty while ascending.
    private var indexes: [KeyIndex] = []

    /// An empty set of records for what `reader` reads: sized for about the records it expects,
    /// or kept in the reader's destination when it has one.
    init(file: String, keyColumn: String, reader: CSVReader, key: @escaping (Record) -> String) {
        self.file = file
        self.keyColumn = keyColumn
        keyOf = key
        if let destination = reader.destination {
            window = (destination.base.assumingMemoryBound(to: Record.self), destination.capacity)
            rows.reserveCapacity(destination.capacity)
        } else {
            records.reserveCapacity(reader.estimatedRecords)
            rows.reserveCapacity(reader.estimatedRecords)
        }
    }

    /// How many records there are.
    var count: Int { rows.count }

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
        if let window {
            precondition(rows.count < window.capacity, "a part of a file holds more records than lines")
            (window.base + rows.count).initialize(to: record)
        } else {
            records.append(record)
        }
        rows.append(Int32(truncatingIfNeeded: row))
    }

    /// The records so far, wherever they are kept.
    private func withRecords<T>(_ body: (UnsafeBufferPointer<Record>) -> T) -> T {
        if let window { return body(UnsafeBufferPointer(start: window.base, count: rows.count)) }
        return records.withUnsafeBufferPointer(body)
    }

    /// Leaves the ascending mode: indexes every key so far.
    private mutating func buildIndex() {
        ascending = false
        var index = KeyIndex(expected: max(rows.count * 2, 16))
        withRecords { records in
            for (record, row) in zip(records, rows) {
                let key = keyOf(record)
                if !key.isEmpty { _ = index.insert(key, row: Int(row)) }
            }
        }
        indexes = [index]
    }

    /// Appends the keys and rows of the next part of the file, logging keys both parts use; the
    /// parts' records stay in their shared buffer until ``adopt(_:)``.
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
        precondition(window != nil && next.window != nil, "only parts read into a shared buffer merge")
        rows += next.rows
    }

    /// Takes the records of every part, gathered from the shared buffer into one array; from now
    /// on they are kept here.
    mutating func adopt(_ all: [Record]) {
        precondition(all.count == rows.count, "the records gathered are not those of the parts")
        window = nil
        records = all
    }

    func contains(_ key: String) -> Bool { keys.contains(key) }

    /// The keys, for other files to check their references against.
    var keys: KnownKeys {
        ascending ? KnownKeys(sorted: withRecords { $0.map(keyOf) }) : KnownKeys(indexes)
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
