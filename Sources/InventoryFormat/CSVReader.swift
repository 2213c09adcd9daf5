import Foundation
import InventoryModel
import Synchronization

/// Reads one CSV file (or records given as cells, an API body's) record by record, with typed
/// accessors that log located issues.
///
/// An accessor that meets a bad cell logs the issue and returns nil (or a placeholder): a file
/// with any issue is rejected as a whole, so the placeholder never reaches a store.
final class CSVReader {
    let file: String
    let log: IssueLog
    private var scanner: CSVScanner
    private var fields = Fields()
    /// The header's column names, as written.
    private(set) var header: [String] = []
    /// The column key each header cell names: the cell itself, or the key of the Chinese caption
    /// it gives.
    private var headerKeys: [String] = []
    private var used: Set<Int> = []
    /// The school codes a `school_code` cell may name; nil when schools.csv could not be read.
    let schools: KnownKeys?
    /// The bytes of the last school code found in `schools` (where they lie in the file), and
    /// the school's place.
    private var lastSchool = (bytes: UnsafeRawBufferPointer(start: nil, count: 0), place: Int32(-1))
    /// Whether the last school found came right after the one found before it in schools.csv,
    /// as in a file whose rows follow the schools' order: then the next school is looked for
    /// there first. In a shuffled file that guess would cost a miss of the cache on nearly
    /// every row, and is not made.
    private var schoolsInOrder = true
    /// The text of the last school code a record was given, and the school's place.
    private var lastSchoolCode = (text: "", place: Int32(-1))
    /// Where the records after the header start, and the row of the first (a position of the
    /// scanner: a byte offset in a file, a record's place among given records).
    private var bodyStart = (offset: 0, firstRow: 1)
    /// Where the current record starts; after the last record, the end of the records read (a
    /// position of the scanner).
    private var recordStart = 0
    /// Cells of a key of several columns, joined.
    private var joinedKey: [UInt8] = []
    /// About how many records follow the header, to size tables once.
    private(set) var estimatedRecords = 16
    /// The records a reader of given records reads (its scanner points into them); nil for text.
    private let given: GivenRecords?
    /// Where the records of this part of a file go: a window, as many records long as the part
    /// has lines, of one buffer that every part of the file writes to; nil for a whole file.
    let destination: (base: UnsafeMutableRawPointer, capacity: Int)?

    /// Text cells of columns that repeat a few values share one String each (see ``internedText(_:)``).
    private var interner = Interner()

    /// Opens the bytes of `file` and reads its header; an empty file logs a missing header.
    ///
    /// - Parameter checkBody: check the records after the header as UTF-8 without NUL too (and read none of
    ///   them if one fails); false when the body may be read in parts, whose bytes are checked
    ///   as they are split (``checkBody(_:)`` checks them later if they are not).
    /// - Parameter schools: the codes of `schools.csv`, for ``school(_:)``.
    init(
        file: String, bytes: UnsafeBufferPointer<UInt8>, log: IssueLog, checkBody: Bool = true,
        schools: KnownKeys? = nil
    ) {
        self.file = file
        self.log = log
        self.schools = schools
        destination = nil
        given = nil
        scanner = CSVScanner(bytes: bytes)
        if advance() {
            if let bad = UTF8Check.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[..<scanner.position])) {
                refuseUnreadableByte(row: 1, offset: bad)
                return
            }
            header = (0..<fields.count).map { index in
                withCell(index) { String(decoding: $0, as: UTF8.self) }
            }
            let table = InventoryTable(fileName: file)
            headerKeys = header.map { table?.columnKey($0) ?? $0 }
            bodyStart = (scanner.position, scanner.row + 1)
            recordStart = scanner.position
            estimatedRecords = scanner.estimatedRemainingRecords
            if let repeated = CSVReader.repeatedColumn(headerKeys) {
                log.add(
                    row: 1, column: header[repeated.second], value: nil,
                    "the header names this column twice (columns \(repeated.first + 1) and \(repeated.second + 1)); "
                        + "delete one of them")
                // Which of the two a row's cell belongs to is anyone's guess: read no records.
                scanner.skipToEnd()
            } else if checkBody {
                checkUTF8(bytes, from: scanner.position)
            }
        } else if log.isEmpty {
            log.add(row: 1, column: nil, value: nil, "the header row is missing")
        }
    }

    /// A reader of one part of a file's body, with the header of the reader that opened the file.
    /// The part's bytes were checked as UTF-8 without NUL (``CSVScanner/split(_:after:firstRow:parts:)``).
    convenience init(
        part bytes: UnsafeBufferPointer<UInt8>, firstRow: Int, of opener: CSVReader, log: IssueLog,
        destination: (base: UnsafeMutableRawPointer, capacity: Int)?
    ) {
        self.init(
            part: CSVScanner(bytes: bytes, firstRow: firstRow), of: opener, log: log, destination: destination)
    }

    private init(
        part scanner: CSVScanner, of opener: CSVReader, log: IssueLog,
        destination: (base: UnsafeMutableRawPointer, capacity: Int)?
    ) {
        file = opener.file
        self.log = log
        self.destination = destination
        given = opener.given
        schools = opener.schools
        header = opener.header
        headerKeys = opener.headerKeys
        bodyStart = (scanner.position, scanner.row + 1)
        recordStart = scanner.position
        self.scanner = scanner
        estimatedRecords = scanner.estimatedRemainingRecords
    }

    /// A reader of records given as cells under the columns of `table`, in header order (an
    /// API body's records): no text to split, and each cell checked as a file's (NUL refused,
    /// naming the record's row, 2 for the first, and the column).
    init(file: String, given rows: [[String]], of table: InventoryTable, log: IssueLog) {
        self.file = file
        self.log = log
        schools = nil
        destination = nil
        header = table.header
        headerKeys = header
        let records = GivenRecords(rows)
        given = records
        scanner = CSVScanner(given: records, range: 0..<records.count, firstRow: 2)
        bodyStart = (0, 2)
        estimatedRecords = records.count
        if let bad = UTF8Check.firstInvalidOffset(UnsafeBufferPointer(records.bytes)) {
            let place = records.place(ofOffset: bad)
            refuseUnreadableByte(row: place.record + 2, column: columnName(place.field), offset: bad)
        }
    }

    /// Where the records after the header start (a position of the scanner).
    var bodyOffset: Int { scanner.position }

    /// Checks the records after the header as UTF-8 without NUL (when the opener was told not to).
    func checkBody(_ bytes: UnsafeBufferPointer<UInt8>) {
        checkUTF8(bytes, from: scanner.position)
    }

    private func checkUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) {
        guard let bad = UTF8Check.firstInvalidOffset(UnsafeBufferPointer(rebasing: bytes[offset...])) else { return }
        var probe = CSVScanner(bytes: bytes, firstRow: scanner.row + 1)
        probe.skip(to: offset)
        let place = probe.place(ofOffset: offset + bad)
        refuseUnreadableByte(
            row: place.row, column: place.field.flatMap { header.indices.contains($0) ? header[$0] : nil },
            offset: offset + bad)
    }

    /// Logs the file's first byte that is not UTF-8, or is NUL, and reads no more of it: nothing
    /// else read from it could be trusted. The caller may read it again in another encoding
    /// (GB18030), unless the file is UTF-16 (what Excel saves as "Unicode text": a byte-order
    /// mark, then a NUL in every other byte of Chinese and Latin text alike) or the byte is NUL
    /// (no encoding Excel saves CSV in has one).
    private func refuseUnreadableByte(row: Int, column: String? = nil, offset: Int) {
        let bytes = scanner.bytes
        if offset == 0, bytes.count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF) {
            log.add(
                row: 1, column: nil, value: nil,
                "the file is UTF-16 (what Excel saves as Unicode text), not UTF-8; save it as CSV UTF-8")
        } else if bytes[offset] == 0 {
            // Where the cell is named, its byte is no help (in a workbook it is not even the
            // workbook's).
            let place = column == nil ? " (byte \(offset + 1) of the file)" : ""
            log.add(
                row: row, column: column, value: nil,
                "the text holds a NUL character\(place), which no cell may hold: delete it; "
                    + "a file in UTF-16 is full of them: save it as UTF-8 CSV")
        } else {
            log.add(
                row: row, column: column, value: nil,
                "the text is not UTF-8 (byte \(offset + 1) of the file); save the file as UTF-8 CSV")
            log.firstNonUTF8Byte = offset
        }
        scanner.skipToEnd()
    }

    /// The spreadsheet row of the current record.
    var row: Int { scanner.row }

    /// A column of `table` in the header, with what its cells must hold (``TableColumn``); its
    /// index is -1 when the header lacks it (logged when the header must have it).
    func column(_ key: String, of table: InventoryTable) -> ReadColumn {
        let column = table.column(key)
        return ReadColumn(index: columnIndex(key, required: column.headerRequired), column)
    }

    /// The index of a column in the header; -1 when absent (logged when the column is required).
    private func columnIndex(_ name: String, required: Bool) -> Int {
        guard let index = headerKeys.firstIndex(of: name) else {
            if required, !header.isEmpty {
                log.add(row: 1, column: name, value: nil, "the required column is missing")
            }
            return -1
        }
        used.insert(index)
        return index
    }

    /// The places of the first column name the header gives twice; nil when each is once.
    static func repeatedColumn(_ header: [String]) -> (first: Int, second: Int)? {
        var seen: [String: Int] = [:]
        for (place, name) in header.enumerated() where !name.isEmpty {
            if let first = seen.updateValue(place, forKey: name) { return (first, place) }
        }
        return nil
    }

    /// Header columns no accessor asked for: ignored, and reported as warnings.
    var unusedColumns: [String] {
        header.indices.filter { !used.contains($0) }.map { header[$0] }
    }

    /// Moves to the next record; false at the end of the file or after a syntax error.
    @discardableResult
    func advance() -> Bool {
        recordStart = scanner.position
        do {
            let more = try scanner.nextRecord(into: &fields)
            if !more { recordStart = scanner.position }
            if more, !header.isEmpty, fields.count > header.count {
                log.add(
                    row: scanner.row, column: nil, value: nil,
                    "the row has \(fields.count) fields but the header has \(header.count)")
            }
            return more
        } catch {
            log.add(row: error.row, column: nil, value: nil, error.message)
            return false
        }
    }

    // MARK: - Keys

    /// Runs `body` on the key of the current record: the bytes of its `columns`' cells, joined
    /// by a zero byte. `stable` tells whether the bytes lie in the file's bytes as they are (and
    /// so stay valid as long as the reader), rather than in a buffer the next record reuses.
    @inline(__always)
    func withKey<T>(_ cells: KeyCells, _ body: (UnsafeRawBufferPointer, _ stable: Bool) -> T) -> T {
        let index = cells.first
        if cells.second == nil, index >= 0, index < fields.count, !fields[index].hasEscapedQuote {
            let span = fields[index]
            return body(
                UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(scanner.bytes)[span.start..<span.end]), true)
        }
        joinedKey.removeAll(keepingCapacity: true)
        withCell(index) { joinedKey.append(contentsOf: $0) }
        if let second = cells.second {
            joinedKey.append(0)
            withCell(second) { joinedKey.append(contentsOf: $0) }
        }
        return joinedKey.withUnsafeBytes { body($0, false) }
    }

    /// Logs a key cell holding a control character: a key names a record in paths, files and
    /// SQLite's C strings, where a NUL or a line break would make two keys read as one.
    @inline(__always)
    func refuseControlCharacters(_ cells: KeyCells) {
        refuseControlCharacters(cells.first)
        if let second = cells.second { refuseControlCharacters(second) }
    }

    @inline(__always)
    private func refuseControlCharacters(_ index: Int) {
        guard index >= 0, withCell(index, { bytes in bytes.contains { $0 < 0x20 || $0 == 0x7F } }) else { return }
        let shown = (text(index) ?? "").unicodeScalars.map { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }
        log.add(
            row: row, column: columnName(index), value: shown.joined(),
            "a key holds no control characters (tabs, line breaks, NUL)")
    }

    /// Runs `body` on the key and row of every record before the current one that has a key
    /// (every record, once all are read), reading the bytes again: what a check of unique keys
    /// needs once keys stop coming in order.
    func forEachKeySoFar(_ cells: KeyCells, _ body: (UnsafeRawBufferPointer, Int) -> Void) {
        let before = CSVReader(
            part: scanner.records(bodyStart.offset..<recordStart, firstRow: bodyStart.firstRow), of: self,
            log: IssueLog(file: file), destination: nil)
        while before.advance() {
            before.withKey(cells) { key, _ in
                if !key.isEmpty { body(key, before.row) }
            }
        }
    }

    /// The spreadsheet row of the first record after the header (of this part of the file).
    var firstRow: Int { bodyStart.firstRow }

    /// Orders two byte strings as `memcmp` does, the shorter first when one begins the other.
    ///
    /// Keys and codes are a few dozen bytes: compared eight bytes at a time in line, where a
    /// call of memcmp would cost more than the comparison.
    @inline(__always)
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let common = min(a.count, b.count)
        var i = 0
        while i + 8 <= common {
            let x = a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let y = b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // Byte order is memory order: the first byte is the most significant once swapped.
            if x != y { return x.bigEndian < y.bigEndian ? -1 : 1 }
            i += 8
        }
        while i < common {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i += 1
        }
        return a.count - b.count
    }

    // MARK: - Cells

    /// Runs `body` on the raw bytes of a cell (doubled quotes undone); empty when absent.
    @inline(__always)
    func withCell<T>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        guard index >= 0, index < fields.count else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let span = fields[index]
        let slice = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(scanner.bytes)[span.start..<span.end])
        guard span.hasEscapedQuote else { return body(slice) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(slice.count)
        var i = 0
        while i < slice.count {
            unescaped.append(slice[i])
            i += slice[i] == 0x22 && i + 1 < slice.count && slice[i + 1] == 0x22 ? 2 : 1
        }
        return unescaped.withUnsafeBytes(body)
    }

    /// Whether a cell is blank: empty, spaces and tabs alone, or its column absent. A scanned
    /// cell that is not quoted was trimmed already; a quoted cell or a given one (an API body's)
    /// may hold only blanks, which name nothing and count for nothing.
    @inline(__always)
    func isBlank(_ index: Int) -> Bool {
        guard index >= 0, index < fields.count else { return true }
        let span = fields[index]
        guard span.start < span.end else { return true }
        let bytes = scanner.bytes
        guard bytes[span.start] == 0x20 || bytes[span.start] == 0x09 else { return false }
        return bytes[span.start..<span.end].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// A cell as text. The file's bytes were checked as UTF-8 without NUL when it was opened.
    func text(_ index: Int) -> String? {
        withCell(index) { String(decoding: $0.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }
    }

    /// A cell as text.
    func text(_ column: ReadColumn) -> String? { text(column.index) }

    /// A cell of a column that repeats a few values (a room, a model, a provider) as text, nil
    /// when blank: equal cells share one String instead of one copy each. Text of up to 15 bytes
    /// is kept inside the String itself and needs no sharing.
    func internedText(_ column: ReadColumn) -> String? {
        if isBlank(column.index) { return nil }
        return withCell(column.index) { bytes in
            if bytes.count <= 15 { return String(decoding: bytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }
            if let known = interner.lookup(bytes) { return known }
            let text = String(decoding: bytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
            interner.insert(text, bytes: bytes)
            return text
        }
    }

    /// A text cell; blank is "" (logged when the column requires a value, as every column read
    /// this way does).
    func requiredText(_ column: ReadColumn) -> String {
        if isBlank(column.index) {
            require(column)
            return ""
        }
        return text(column.index) ?? ""
    }

    /// Logs a blank cell of a column that requires a value.
    func require(_ column: ReadColumn) {
        if column.required, isBlank(column.index), column.index >= 0 {
            log.add(row: row, column: columnName(column.index), value: "", "a value is required")
        }
    }

    /// A cell naming a school, checked against `schools.csv`: the school's place there; nil
    /// when blank (logged if the column requires a value), -1 when no school has the code
    /// (logged) or when `schools.csv` could not be read.
    ///
    /// Rows of one school usually follow each other, so a cell with the bytes of the last code
    /// found is that school again, not looked up again (the lookup also touches the index every
    /// part shares).
    func school(_ column: ReadColumn) -> Int32? {
        let index = column.index
        if isBlank(index) {
            require(column)
            return nil
        }
        let span = fields[index]
        if !span.hasEscapedQuote, !lastSchool.bytes.isEmpty {
            let bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(scanner.bytes)[span.start..<span.end])
            if CSVReader.equal(bytes, lastSchool.bytes) { return lastSchool.place }
        }
        guard let schools else { return -1 }
        return withCell(index) { bytes in
            let guess = lastSchool.place + 1
            if let place = schools.place(of: bytes, guess: schoolsInOrder ? guess : -1) {
                schoolsInOrder = place == guess
                if !span.hasEscapedQuote { lastSchool = (bytes, place) }
                return place
            }
            log.add(
                row: row, column: columnName(index), value: String(decoding: bytes, as: UTF8.self),
                "no school in schools.csv has this code")
            return -1
        }
    }

    /// The text of a cell naming the school at `place` (from ``school(_:)``), nil when
    /// blank: records of one school share one String.
    func schoolCode(_ column: ReadColumn, place: Int32) -> String? {
        if isBlank(column.index) { return nil }
        if place >= 0, place == lastSchoolCode.place { return lastSchoolCode.text }
        let code = text(column.index) ?? ""
        if place >= 0 { lastSchoolCode = (code, place) }
        return code
    }

    /// A typed cell: nil when blank (logged if `required`) or unfit (always logged).
    @inline(__always)
    func value<T>(
        _ index: Int, required: Bool, expected: @autoclosure () -> String,
        _ parse: (UnsafeRawBufferPointer) -> T?
    ) -> T? {
        if isBlank(index) {
            if required, index >= 0 {
                log.add(row: row, column: columnName(index), value: "", "expected \(expected())")
            }
            return nil
        }
        return withCell(index) { bytes in
            if let parsed = parse(bytes) { return parsed }
            log.add(
                row: row, column: columnName(index), value: String(decoding: bytes, as: UTF8.self),
                "expected \(expected())")
            return nil
        }
    }

    /// A number cell of a number column, checked against the column's bound.
    func number(_ column: ReadColumn) -> Double? {
        guard case .number(let bound) = column.kind else {
            preconditionFailure("column \(column.index) holds no numbers")
        }
        return value(column.index, required: column.required, expected: bound.expected) { bytes in
            NumberParser.double(bytes).flatMap { bound.admits($0) ? $0 : nil }
        }
    }

    /// An integer cell of an integer column, checked against the column's range.
    func integer(_ column: ReadColumn) -> Int? {
        guard case .integer(let range) = column.kind else {
            preconditionFailure("column \(column.index) holds no integers")
        }
        // The message is made only for a cell that fails (an autoclosure), not for every cell.
        return value(
            column.index, required: column.required, expected: "an integer \(range.lowerBound)-\(range.upperBound)"
        ) { bytes in
            NumberParser.integer(bytes).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    /// A `YYYY-MM-DD` cell.
    func date(_ column: ReadColumn) -> CalendarDate? {
        guard case .date = column.kind else { preconditionFailure("column \(column.index) holds no dates") }
        return value(
            column.index, required: column.required, expected: "a date YYYY-MM-DD from \(CalendarDate.readableRange)"
        ) {
            CalendarDate(isoBytes: $0)
        }
    }

    /// An ISO 8601 date-time cell with its UTC offset.
    func timestamp(_ column: ReadColumn) -> Timestamp? {
        guard case .dateTime = column.kind else { preconditionFailure("column \(column.index) holds no date-times") }
        return value(column.index, required: column.required, expected: "an ISO 8601 date-time with offset") {
            Timestamp(isoBytes: $0)
        }
    }

    /// A `true`/`false` cell; also in any case (Excel's `TRUE`), `是`/`否` or `1`/`0`.
    func bool(_ column: ReadColumn) -> Bool? {
        guard case .boolean = column.kind else { preconditionFailure("column \(column.index) holds no booleans") }
        return value(column.index, required: column.required, expected: "true | false (or TRUE | FALSE, 是 | 否, 1 | 0)")
        {
            bytes in
            if CSVReader.equal(bytes, CSVReader.trueBytes) { return true }
            if CSVReader.equal(bytes, CSVReader.falseBytes) { return false }
            return CSVReader.otherBool(bytes)
        }
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let otherBools: [([UInt8], Bool)] = [
        (Array("是".utf8), true), (Array("否".utf8), false), (Array("1".utf8), true), (Array("0".utf8), false),
    ]

    /// A boolean as a spreadsheet or a Chinese planner writes it; tried after the exporter's
    /// spelling, which nearly every cell has.
    private static func otherBool(_ bytes: UnsafeRawBufferPointer) -> Bool? {
        for (spelling, value) in otherBools where equal(bytes, spelling) { return value }
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        if lowered == trueBytes { return true }
        if lowered == falseBytes { return false }
        return nil
    }

    /// Whether a cell's bytes are these.
    @inline(__always)
    static func equal(_ bytes: UnsafeRawBufferPointer, _ expected: [UInt8]) -> Bool {
        expected.withUnsafeBytes { equal(bytes, $0) }
    }

    /// Whether two byte strings are the same.
    @inline(__always)
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && compare(a, b) == 0
    }

    /// A column of `table` holding spellings of an enumeration; see ``choice(_:)``.
    func column<E: InventoryEnum>(_ key: String, of table: InventoryTable, as type: E.Type) -> ChoiceColumn<E> {
        let column = table.column(key)
        guard case .choice(let choices) = column.kind, ObjectIdentifier(choices) == ObjectIdentifier(type) else {
            preconditionFailure("\(table).\(key) does not hold \(type)")
        }
        return ChoiceColumn(index: columnIndex(key, required: column.headerRequired), required: column.required)
    }

    /// A cell holding one spelling of an enumeration.
    func choice<E>(_ column: ChoiceColumn<E>) -> E? {
        value(column.index, required: column.required, expected: "one of \(E.expectedSpellings)") { bytes in
            column.match(bytes)
        }
    }

    func columnName(_ index: Int) -> String {
        index >= 0 && index < header.count ? header[index] : "#\(index + 1)"
    }
}

/// A column of enumeration spellings, matched against the spellings' bytes.
///
/// Plain values only (a column, a flag, pointers to the enumeration's table), so that a
/// struct of a file's columns copies as bytes: a column holding an array made every copy of
/// such a struct in a reading loop retain and release it, row after row.
struct ChoiceColumn<E: InventoryEnum> {
    let index: Int
    let required: Bool
    private let table: SpellingTable

    init(index: Int, required: Bool) {
        self.index = index
        self.required = required
        table = SpellingTable.of(E.self)
    }

    /// The case spelled by its key or, failing that, by its Chinese word (``Worded``).
    func match(_ bytes: UnsafeRawBufferPointer) -> E? {
        for (place, spelling) in table.spellings.enumerated() where CSVReader.equal(bytes, spelling) {
            return table.cases.baseAddress!.assumingMemoryBound(to: E.self)[place]
        }
        for (place, word) in table.words.enumerated() where CSVReader.equal(bytes, word) {
            return table.cases.baseAddress!.assumingMemoryBound(to: E.self)[place]
        }
        return nil
    }
}

/// An enumeration's cases and their spellings' bytes, laid out once for the whole process (a
/// handful of small tables, one an enumeration, never freed).
struct SpellingTable: @unchecked Sendable {
    /// The cases, as values of the enumeration.
    let cases: UnsafeRawBufferPointer
    /// Each case's spelling, in the order of `cases`.
    let spellings: UnsafeBufferPointer<UnsafeRawBufferPointer>
    /// Each case's Chinese word (empty for an enumeration without words), in the order of `cases`.
    let words: UnsafeBufferPointer<UnsafeRawBufferPointer>

    private static let tables = Mutex<[ObjectIdentifier: SpellingTable]>([:])

    static func of<E: InventoryEnum>(_ type: E.Type) -> SpellingTable {
        tables.withLock { tables in
            if let known = tables[ObjectIdentifier(type)] { return known }
            let all = Array(E.allCases)
            let cases = UnsafeMutableBufferPointer<E>.allocate(capacity: all.count)
            _ = cases.initialize(from: all)
            func laidOut(_ texts: [String]) -> UnsafeBufferPointer<UnsafeRawBufferPointer> {
                let table = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: texts.count)
                for (place, text) in texts.enumerated() {
                    let bytes = Array(text.utf8)
                    let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
                    bytes.withUnsafeBytes { copy.copyMemory(from: $0) }
                    table[place] = UnsafeRawBufferPointer(rebasing: copy[..<bytes.count])
                }
                return UnsafeBufferPointer(table)
            }
            let words = all.compactMap { ($0 as? any Worded)?.words.zh }
            let table = SpellingTable(
                cases: UnsafeRawBufferPointer(cases), spellings: laidOut(all.map(\.rawValue)),
                words: laidOut(words.count == all.count ? words : []))
            tables[ObjectIdentifier(type)] = table
            return table
        }
    }
}

extension NumberBound {
    var expected: String {
        switch self {
        case .positive(let max): "a number > 0 and at most \(CSVFormatting.number(max))"
        case .nonNegative(let max): "a number from 0 to \(CSVFormatting.number(max))"
        case .range(let r):
            "a number from \(CSVFormatting.number(r.lowerBound)) to \(CSVFormatting.number(r.upperBound))"
        }
    }
}
