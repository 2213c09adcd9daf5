import InventoryModel

/// Records of one file with the row each came from, checked for unique keys as they arrive.
///
/// A key is the bytes of one cell of the record (or of several, joined by a zero byte), taken
/// from the reader's current record: a record need not hold its key, so a reader that keeps
/// only a few facts of each record checks keys exactly as one that keeps the whole record.
///
/// While keys arrive in increasing byte order (as every file SchoolNet exports has them), each
/// is unique if it is greater than the one before, and no index is built; the first key out of
/// order builds an index of the keys so far (read again from the file's bytes), and every later
/// key goes through it.
struct Keyed<Record> {
    let file: String
    /// The key's name in issues.
    let keyColumn: String
    /// The cells that make the key.
    private let keyCells: KeyCells
    /// How a duplicate key is shown in its issue, from the key's text; the text itself if nil.
    private let shown: ((String) -> String)?
    /// The readers the records came from, in file order (one per part merged), kept to read the
    /// keys so far again once they stop coming in order.
    private var readers: [CSVReader]
    /// The records, unless they go to a window of a buffer shared with other parts of the file.
    private(set) var records: [Record] = []
    var rows: [Int32] = []
    /// Where the records of one part of a large file go (see ``CSVReader/destination``).
    private var window: (base: UnsafeMutablePointer<Record>, capacity: Int)?
    /// Whether the keys so far came in strictly increasing order.
    private(set) var ascending = true
    private var firstKey = HeldKey()
    private var lastKey = HeldKey()
    /// One index per part of the file that was read on its own; empty while ascending.
    private var indexes: [KeyIndex] = []

    /// An empty set of records for what `reader` reads: sized for about the records it expects,
    /// or kept in the reader's destination when it has one.
    ///
    /// - Parameter key: the cells of a record that make its key; a record whose key is empty
    ///   is not checked (its blank cell is the reader's issue).
    init(
        file: String, keyColumn: String, key: KeyCells, reader: CSVReader, shown: ((String) -> String)? = nil
    ) {
        self.file = file
        self.keyColumn = keyColumn
        keyCells = key
        self.shown = shown
        readers = [reader]
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

    /// Adds the record of the reader's current row; a key seen before is logged with the row
    /// that had it first.
    ///
    /// - Parameter reader: the reader this set was made for.
    mutating func append(_ record: consuming Record, from reader: CSVReader) {
        let row = reader.row
        reader.refuseControlCharacters(keyCells)
        reader.withKey(keyCells) { key, stable in
            guard !key.isEmpty else { return }
            if ascending, lastKey.withBytes({ CSVReader.compare(key, $0) > 0 }) {
                if firstKey.isEmpty { firstKey.hold(key, stable: stable) }
                lastKey.hold(key, stable: stable)
            } else {
                if ascending { buildIndex() }
                let text = String(decoding: key, as: UTF8.self)
                if let first = indexes[indexes.count - 1].insert(text, row: row) {
                    reader.log.add(
                        row: row, column: keyColumn, value: shown?(text) ?? text, "already used in row \(first)")
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

    /// Leaves the ascending mode: indexes every key so far, read again from the file (from every
    /// part merged so far).
    private mutating func buildIndex() {
        ascending = false
        var index = KeyIndex(expected: max(rows.count * 2, 16))
        for reader in readers {
            reader.forEachKeySoFar(keyCells) { key, row in _ = index.insert(key, row: row) }
        }
        indexes = [index]
    }

    /// Appends the keys and rows of the next part of the file, logging keys both parts use; the
    /// parts' records stay in their shared buffer until ``adopt(_:)``.
    mutating func merge(_ next: Keyed<Record>, log: IssueLog) {
        var next = next
        let inOrder =
            ascending && next.ascending
            && (next.firstKey.isEmpty
                || next.firstKey.withBytes { first in lastKey.withBytes { CSVReader.compare(first, $0) > 0 } })
        if inOrder {
            if !next.lastKey.isEmpty { lastKey = next.lastKey }
        } else {
            if ascending { buildIndex() }
            if next.ascending { next.buildIndex() }
            for index in next.indexes {
                for (key, row) in index.entries {
                    if let first = indexes.lazy.compactMap({ $0.row(of: key) }).first {
                        log.add(row: row, column: keyColumn, value: shown?(key) ?? key, "already used in row \(first)")
                    }
                }
            }
            indexes += next.indexes
        }
        precondition(window != nil && next.window != nil, "only parts read into a shared buffer merge")
        rows += next.rows
        readers += next.readers
    }

    /// Takes the records of every part, gathered from the shared buffer into one array; from now
    /// on they are kept here.
    mutating func adopt(_ all: [Record]) {
        precondition(all.count == rows.count, "the records gathered are not those of the parts")
        window = nil
        records = all
    }

    /// Lets go of the readers and of the keys that lie in their bytes: the records are all read.
    mutating func finish() {
        readers = []
        firstKey = HeldKey()
        lastKey = HeldKey()
    }
}

/// The bytes of a key kept from one record to the next: where they lie in the file's bytes
/// when they lie there as they are, else a copy (a key of several cells, or with a quote).
private struct HeldKey {
    private var span = UnsafeRawBufferPointer(start: nil, count: 0)
    private var copy: [UInt8]?

    var isEmpty: Bool { span.isEmpty && (copy?.isEmpty ?? true) }

    mutating func hold(_ bytes: UnsafeRawBufferPointer, stable: Bool) {
        if stable {
            span = bytes
            copy = nil
        } else {
            copy = Array(bytes)
        }
    }

    @inline(__always)
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
        if let copy { return copy.withUnsafeBytes(body) }
        return body(span)
    }
}

/// The cells that make a record's key: one, or two joined by a zero byte.
struct KeyCells {
    let first: Int
    let second: Int?

    init(_ first: Int, _ second: Int? = nil) {
        self.first = first
        self.second = second
    }
}
