import Dispatch
import InventoryModel

/// Records of one file with the row each came from, checked for unique keys.
///
/// A key is the bytes of one cell of the record (or of several, joined by a zero byte), taken
/// from the reader's current record: a record need not hold its key, so a reader that keeps
/// only a few facts of each record checks keys exactly as one that keeps the whole record.
///
/// While keys arrive in increasing byte order (as every file SchoolNet exports has them), each
/// is unique if it is greater than the one before, and nothing is kept of it. Once they stop
/// (a shuffled file, or numbers of several widths: `A999999` before `A1000000`), each key's hash
/// is kept with its row (the keys so far read again from the file's bytes), and
/// ``logRepeatedKeys(to:)`` finds the repeats among all the hashes at once, in the cache
/// (``DuplicateKeys``), then compares the bytes of the few rows whose hashes agree.
struct Keyed<Record> {
    let file: String
    /// The key's name in issues.
    let keyColumn: String
    /// The cells that make the key.
    private let keyCells: KeyCells
    /// How a duplicate key is shown in its issue, from the key's text; the text itself if nil.
    private let shown: ((String) -> String)?
    /// The readers the records came from, in file order (one per part merged), kept to read the
    /// keys again.
    private var readers: [CSVReader]
    /// Each reader's keys as hashes and rows, once they stopped coming in order in its part;
    /// nil while they came in order (hashed later, if the parts together are out of order).
    private var entries: [[KeyEntry]?]
    /// The records, unless they go to a window of a buffer shared with other parts of the file.
    var records: [Record] = []
    var rows: [Int32] = []
    /// Where the records of one part of a large file go (see ``CSVReader/destination``).
    private var window: (base: UnsafeMutablePointer<Record>, capacity: Int)?
    /// Whether the keys so far came in strictly increasing order.
    private(set) var ascending = true
    private var firstKey = HeldKey()
    private var lastKey = HeldKey()

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
        entries = [nil]
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

    /// Adds the record of the reader's current row; its key is checked against the others by
    /// ``logRepeatedKeys(to:)``.
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
                if ascending { hashKeysSoFar() }
                entries[entries.count - 1]?.append(KeyEntry(hash: KeyHash.of(key), row: Int32(truncatingIfNeeded: row)))
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

    /// Leaves the ascending mode: hashes every key of the reader so far, read again from the file.
    private mutating func hashKeysSoFar() {
        precondition(readers.count == 1, "records are appended before parts merge")
        ascending = false
        entries[0] = Keyed.hashedKeys(of: readers[0], keyCells, capacity: rows.capacity)
    }

    /// The hash and row of every key of a reader's records so far, read again from the file.
    private static func hashedKeys(of reader: CSVReader, _ cells: KeyCells, capacity: Int) -> [KeyEntry] {
        var hashed: [KeyEntry] = []
        hashed.reserveCapacity(capacity)
        reader.forEachKeySoFar(cells) { key, row in
            hashed.append(KeyEntry(hash: KeyHash.of(key), row: Int32(truncatingIfNeeded: row)))
        }
        return hashed
    }

    /// Appends the keys and rows of the next part of the file; the parts' records stay in their
    /// shared buffer until ``adopt(_:)``.
    mutating func merge(_ next: Keyed<Record>) {
        let inOrder =
            ascending && next.ascending
            && (next.firstKey.isEmpty
                || next.firstKey.withBytes { first in lastKey.withBytes { CSVReader.compare(first, $0) > 0 } })
        if inOrder {
            if !next.lastKey.isEmpty { lastKey = next.lastKey }
        } else {
            ascending = false
        }
        precondition(window != nil && next.window != nil, "only parts read into a shared buffer merge")
        rows += next.rows
        readers += next.readers
        entries += next.entries
    }

    /// Logs every key that an earlier row has too, naming that row. Nothing to do when the keys
    /// came in increasing order; otherwise the keys of parts that came in order are hashed too
    /// (read again, one part a core), and rows whose hashes agree have their keys read again and
    /// compared byte for byte: keys of equal hashes need not be equal.
    mutating func logRepeatedKeys(to log: IssueLog) {
        guard !ascending else { return }
        let unhashed = entries.indices.filter { entries[$0] == nil }
        if !unhashed.isEmpty {
            let hashed = Slots<[KeyEntry]>(count: unhashed.count, initial: [])
            // Each worker reads the bytes of a part of its own.
            nonisolated(unsafe) let readers = readers
            let cells = keyCells
            DispatchQueue.concurrentPerform(iterations: unhashed.count) { index in
                let reader = readers[unhashed[index]]
                hashed.set(index, Keyed.hashedKeys(of: reader, cells, capacity: reader.estimatedRecords))
            }
            for (index, part) in zip(unhashed, hashed.values) { entries[index] = part }
        }
        let groups = DuplicateKeys.groups(entries.map { $0 ?? [] })
        entries = entries.map { _ in nil }
        guard !groups.isEmpty else { return }

        let keys = RowKeys(readers: readers, cells: keyCells, rows: groups.joined().sorted())
        for group in groups {
            // The first row of each distinct key of the group.
            var firsts: [Int32] = []
            for row in group {
                guard let key = keys[row] else { continue }
                if let first = firsts.first(where: { keys[$0] == key }) {
                    let text = String(decoding: key, as: UTF8.self)
                    log.add(
                        row: Int(row), column: keyColumn, value: shown?(text) ?? text, "already used in row \(first)")
                } else {
                    firsts.append(row)
                }
            }
        }
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
        entries = []
        firstKey = HeldKey()
        lastKey = HeldKey()
    }
}

/// The keys of a few rows of a file, read again from its bytes: those whose hashes agree with
/// another row's.
private struct RowKeys {
    /// The rows, in increasing order, and where each one's key lies in `bytes`.
    private var rows: [Int32] = []
    private var spans: [Range<Int>] = []
    private var bytes: [UInt8] = []

    /// - Parameters:
    ///   - readers: the readers of the file's parts, in file order.
    ///   - wanted: the rows, in increasing order.
    init(readers: [CSVReader], cells: KeyCells, rows wanted: [Int32]) {
        var next = 0
        for (index, reader) in readers.enumerated() {
            guard next < wanted.count else { break }
            // Only the parts that hold a wanted row are read.
            if index + 1 < readers.count, Int(wanted[next]) >= readers[index + 1].firstRow { continue }
            reader.forEachKeySoFar(cells) { key, row in
                while next < wanted.count, wanted[next] < row { next += 1 }
                guard next < wanted.count, wanted[next] == row else { return }
                rows.append(wanted[next])
                spans.append(bytes.count..<(bytes.count + key.count))
                bytes.append(contentsOf: key)
            }
        }
    }

    /// The key of a row, or nil when the row has none.
    subscript(row: Int32) -> ArraySlice<UInt8>? {
        var low = 0
        var high = rows.count
        while low < high {
            let middle = (low + high) / 2
            if rows[middle] < row { low = middle + 1 } else { high = middle }
        }
        guard low < rows.count, rows[low] == row else { return nil }
        return bytes[spans[low]]
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

    init(_ first: ReadColumn, _ second: ReadColumn? = nil) {
        self.first = first.index
        self.second = second?.index
    }
}
