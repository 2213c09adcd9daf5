import Dispatch
import Foundation
import InventoryModel

/// Where one field of a record lies in the file's bytes.
struct FieldSpan {
    var start: Int
    var end: Int
    /// The field was quoted and holds a doubled quote that must be undone.
    var hasEscapedQuote: Bool
}

/// Splits CSV bytes into records and fields without copying them.
///
/// Accepts a UTF-8 BOM, LF, CRLF or CR line ends, and quoted fields holding commas, doubled
/// quotes and line breaks (RFC 4180). Unquoted fields are trimmed of spaces and tabs, as
/// spreadsheets pad them. Blank lines are skipped.
///
/// A scanner of given records (``init(given:range:firstRow:)``) has no text to split: it hands
/// out records whose cells were given one by one, and its position counts records, not bytes.
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where the next record starts: a byte offset, or for given records the next one's place.
    private(set) var position: Int
    /// The spreadsheet row of the record returned last: the header is row 1, a blank line is a
    /// row, and a record with line breaks inside quotes is one row.
    private(set) var row = 0
    /// For given records: each record's spans, where each record's spans start, and the end of
    /// the records this scanner hands out (-1 for text). Pointers into a ``GivenRecords`` that
    /// the reader of this scanner holds, so that a scanner stays plain bytes to copy.
    private let givenSpans: UnsafeBufferPointer<FieldSpan>
    private let givenStarts: UnsafeBufferPointer<Int>
    private var givenEnd: Int

    /// A scanner of a whole file, or of a part of one whose first record is spreadsheet row
    /// `firstRow` (a part starts at a line start, so it has no byte-order mark).
    init(bytes: UnsafeBufferPointer<UInt8>, firstRow: Int = 1) {
        self.bytes = bytes
        row = firstRow - 1
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = firstRow == 1 && bytes.count >= 3 && bytes[0] == bom[0] && bytes[1] == bom[1] && bytes[2] == bom[2]
        position = hasBOM ? 3 : 0
        givenSpans = UnsafeBufferPointer(start: nil, count: 0)
        givenStarts = UnsafeBufferPointer(start: nil, count: 0)
        givenEnd = -1
    }

    /// A scanner of the given records in `range`, the first of them spreadsheet row `firstRow`.
    init(given records: GivenRecords, range: Range<Int>, firstRow: Int) {
        bytes = UnsafeBufferPointer(records.bytes)
        givenSpans = UnsafeBufferPointer(records.spans)
        givenStarts = UnsafeBufferPointer(records.starts)
        givenEnd = range.upperBound
        position = range.lowerBound
        row = firstRow - 1
    }

    /// A scanner of the records between two positions of this one (record starts), the first of
    /// them spreadsheet row `firstRow`.
    func records(_ range: Range<Int>, firstRow: Int) -> CSVScanner {
        guard givenEnd >= 0 else {
            return CSVScanner(bytes: UnsafeBufferPointer(rebasing: bytes[range]), firstRow: firstRow)
        }
        var part = self
        part.position = range.lowerBound
        part.row = firstRow - 1
        part.givenEnd = range.upperBound
        return part
    }

    /// Moves past the last record: nothing more is read.
    mutating func skipToEnd() {
        position = givenEnd >= 0 ? givenEnd : bytes.count
    }

    /// Where one piece of a file lies, the spreadsheet row of its first line, and how many lines
    /// it holds (no piece holds more records than that).
    struct Piece {
        var range: Range<Int>
        var firstRow: Int
        var lines: Int
    }

    /// Splits the bytes after `offset` into about `parts` pieces that start at line starts, and
    /// tells whether they are all UTF-8 without NUL; nil when a line break may sit inside a quoted field or
    /// lines end in a lone CR, where only a scan from the start can tell rows. The pieces are
    /// checked and their lines counted on every core, in one pass over their bytes.
    static func split(
        _ bytes: UnsafeBufferPointer<UInt8>, after offset: Int, firstRow: Int, parts: Int
    ) -> (pieces: [Piece], isUTF8: Bool)? {
        guard parts > 1, let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var ranges: [Range<Int>] = []
        var start = offset
        for part in 1...parts {
            var end = part == parts ? count : offset + (count - offset) * part / parts
            if end < count, end > start, let lineFeed = memchr(base + end - 1, 0x0A, count - end + 1) {
                end = base.distance(to: lineFeed.assumingMemoryBound(to: UInt8.self)) + 1
            } else {
                end = count
            }
            guard end > start else { continue }
            ranges.append(start..<end)
            start = end
        }
        let scans = Slots<(lineFeeds: Int, isUTF8: Bool)?>(count: ranges.count, initial: nil)
        // The workers only read the bytes.
        nonisolated(unsafe) let bytes = bytes
        let spans = ranges
        DispatchQueue.concurrentPerform(iterations: spans.count) { index in
            scans.set(index, UTF8Check.plainLines(UnsafeBufferPointer(rebasing: bytes[spans[index]])))
        }
        var pieces: [Piece] = []
        var row = firstRow
        var isUTF8 = true
        for (range, scan) in zip(ranges, scans.values) {
            guard let scan else { return nil }
            isUTF8 = isUTF8 && scan.isUTF8
            let unterminated = base[range.upperBound - 1] != 0x0A ? 1 : 0
            pieces.append(Piece(range: range, firstRow: row, lines: scan.lineFeeds + unterminated))
            row += scan.lineFeeds
        }
        return (pieces, isUTF8)
    }

    /// Moves to a byte offset (a record start, or the end) of a file's text.
    mutating func skip(to offset: Int) {
        position = offset
    }

    /// The spreadsheet row that holds a byte offset at or after the current position, and the
    /// index of its field that does (nil when the row cannot be read, or the offset is in no
    /// field: a separator, a quote); the scanner is consumed.
    mutating func place(ofOffset offset: Int) -> (row: Int, field: Int?) {
        var fields = Fields()
        var found = row + 1
        var read = false
        while position <= offset {
            read = (try? nextRecord(into: &fields)) == true
            guard read else { break }
            found = row
        }
        let field = read ? (0..<fields.count).last { fields[$0].start <= offset && offset < fields[$0].end } : nil
        return (found, field)
    }

    /// The bytes left divided by the length of the next line: a guess of the records to come.
    var estimatedRemainingRecords: Int {
        if givenEnd >= 0 { return givenEnd - position }
        var end = position
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        return (bytes.count - position) / max(end - position + 1, 1) + 16
    }

    /// A problem that makes the rest of the file unreadable.
    struct SyntaxError: Error {
        var row: Int
        var message: String
    }

    /// Reads the next record into `fields`; false at the end of the file.
    mutating func nextRecord(into fields: inout Fields) throws(SyntaxError) -> Bool {
        if givenEnd >= 0 { return nextGiven(into: &fields) }
        let count = bytes.count
        let base = bytes.baseAddress!
        // Skip blank lines; each still counts as a row, as a spreadsheet shows it.
        while position < count, base[position] == 0x0A || base[position] == 0x0D {
            if base[position] == 0x0D, position + 1 < count, base[position + 1] == 0x0A { position += 1 }
            position += 1
            row += 1
        }
        fields.count = 0
        guard position < count else { return false }
        row += 1
        let start = position
        while true {
            // The spans are written through one pointer for the whole record; a record with more
            // fields than there is room for is read again with twice the room.
            let outcome = fields.storage.withUnsafeMutableBufferPointer { scanRecord(into: $0) }
            switch outcome {
            case .fields(let found):
                fields.count = found
                return true
            case .full:
                position = start
                fields.storage += fields.storage
            case .error(let message):
                throw SyntaxError(row: row, message: message)
            }
        }
    }

    /// Hands out the next given record.
    @inline(never)
    private mutating func nextGiven(into fields: inout Fields) -> Bool {
        fields.count = 0
        guard position < givenEnd else { return false }
        let spans = givenSpans[givenStarts[position]..<givenStarts[position + 1]]
        if fields.storage.count < spans.count { fields.storage += spans }
        for (index, span) in spans.enumerated() { fields.storage[index] = span }
        fields.count = spans.count
        position += 1
        row += 1
        return true
    }

    private enum ScanOutcome {
        case fields(Int)
        case full
        case error(String)
    }

    /// Reads the fields of the record at `position` into `spans`.
    private mutating func scanRecord(into spans: UnsafeMutableBufferPointer<FieldSpan>) -> ScanOutcome {
        if let found = scanPlainRecord(into: spans) { return .fields(found) }
        return scanAnyRecord(into: spans)
    }

    /// Reads a record of plain fields (none quoted, none starting with a blank), as every
    /// export has them, eight bytes at a time: each word gives at once every comma and line end
    /// in it, and each one found ends a field. Nil, with nothing moved, for any other record
    /// (or one with more fields than `spans` holds): ``scanAnyRecord(into:)`` reads it.
    @inline(__always)
    private mutating func scanPlainRecord(into spans: UnsafeMutableBufferPointer<FieldSpan>) -> Int? {
        let count = bytes.count
        let base = bytes.baseAddress!
        var found = 0
        var fieldStart = position
        var i = position
        while i + 8 <= count {
            var ends = Lanes.delimiters(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            while ends != 0 {
                let end = i + ends.trailingZeroBitCount >> 3
                // A field that starts with a quote or a blank needs the full reading.
                if fieldStart < end {
                    let first = base[fieldStart]
                    if first == 0x22 || first == 0x20 || first == 0x09 { return nil }
                }
                guard found < spans.count else { return nil }
                var trimmed = end
                while trimmed > fieldStart, base[trimmed - 1] == 0x20 || base[trimmed - 1] == 0x09 { trimmed -= 1 }
                spans[found] = FieldSpan(start: fieldStart, end: trimmed, hasEscapedQuote: false)
                found += 1
                if base[end] != 0x2C {
                    var next = end
                    if base[next] == 0x0D { next += 1 }
                    if next < count, base[next] == 0x0A { next += 1 }
                    position = next
                    return found
                }
                fieldStart = end + 1
                ends &= ends &- 1
            }
            i += 8
        }
        return nil
    }

    /// Reads the fields of the record at `position` into `spans`, whatever they hold.
    private mutating func scanAnyRecord(into spans: UnsafeMutableBufferPointer<FieldSpan>) -> ScanOutcome {
        let count = bytes.count
        let base = bytes.baseAddress!
        var found = 0
        while true {
            guard found < spans.count else { return .full }
            // Skip leading blanks of an unquoted field.
            var i = position
            while i < count, base[i] == 0x20 || base[i] == 0x09 { i += 1 }
            if i < count, base[i] == 0x22 {
                let start = i + 1
                var escaped = false
                i = start
                while true {
                    guard i < count else { return .error("a quoted field is not closed") }
                    if base[i] == 0x22 {
                        if i + 1 < count, base[i + 1] == 0x22 {
                            escaped = true
                            i += 2
                            continue
                        }
                        break
                    }
                    i += 1
                }
                spans[found] = FieldSpan(start: start, end: i, hasEscapedQuote: escaped)
                i += 1
                while i < count, base[i] == 0x20 || base[i] == 0x09 { i += 1 }
                if i < count, base[i] != 0x2C, base[i] != 0x0A, base[i] != 0x0D {
                    return .error("text after the closing quote of a field")
                }
            } else {
                let start = i
                i = CSVScanner.delimiter(base, from: i, count: count)
                var end = i
                while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 { end -= 1 }
                spans[found] = FieldSpan(start: start, end: end, hasEscapedQuote: false)
            }
            found += 1
            // i is at a comma, a line end, or the end of the file.
            if i < count, base[i] == 0x2C {
                position = i + 1
                continue
            }
            if i < count, base[i] == 0x0D { i += 1 }
            if i < count, base[i] == 0x0A { i += 1 }
            position = i
            return .fields(found)
        }
    }

    /// The offset of the first comma, LF or CR at or after `start`, or `count`: eight bytes at a
    /// time (the lowest lane ``Lanes/delimiters(_:)`` marks is the first match), then byte by
    /// byte near the end.
    @inline(__always)
    private static func delimiter(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var i = start
        while i + 8 <= count {
            let found = Lanes.delimiters(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            if found != 0 { return i + found.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count, base[i] != 0x2C, base[i] != 0x0A, base[i] != 0x0D { i += 1 }
        return i
    }
}

/// The fields of the current record: spans in storage that only grows, and how many are in use.
struct Fields {
    fileprivate(set) var storage = [FieldSpan](
        repeating: FieldSpan(start: 0, end: 0, hasEscapedQuote: false), count: 32)
    fileprivate(set) var count = 0

    subscript(index: Int) -> FieldSpan { storage[index] }
}
