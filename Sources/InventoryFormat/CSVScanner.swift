import Foundation

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
struct CSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    /// The spreadsheet row of the record returned last: the header is row 1, a blank line is a
    /// row, and a record with line breaks inside quotes is one row.
    private(set) var row = 0

    /// A scanner of a whole file, or of a part of one whose first record is spreadsheet row
    /// `firstRow` (a part starts at a line start, so it has no byte-order mark).
    init(bytes: UnsafeBufferPointer<UInt8>, firstRow: Int = 1) {
        self.bytes = bytes
        row = firstRow - 1
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let hasBOM = firstRow == 1 && bytes.count >= 3 && bytes[0] == bom[0] && bytes[1] == bom[1] && bytes[2] == bom[2]
        position = hasBOM ? 3 : 0
    }

    /// Where one piece of a file lies, the spreadsheet row of its first line, and how many lines
    /// it holds (no piece holds more records than that).
    struct Piece {
        var range: Range<Int>
        var firstRow: Int
        var lines: Int
    }

    /// Splits the bytes after `offset` into about `parts` pieces that start at line starts; nil
    /// when a line break may sit inside a quoted field or lines end in a lone CR, where only a
    /// scan from the start can tell rows.
    static func split(
        _ bytes: UnsafeBufferPointer<UInt8>, after offset: Int, firstRow: Int, parts: Int
    ) -> [Piece]? {
        guard parts > 1, let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        if memchr(base + offset, 0x22, count - offset) != nil { return nil }
        var pieces: [Piece] = []
        var start = offset
        var row = firstRow
        for part in 1...parts {
            var end = part == parts ? count : offset + (count - offset) * part / parts
            if end < count, end > start,
                let lineFeed = memchr(base + end - 1, 0x0A, count - end + 1)
            {
                end = base.distance(to: lineFeed.assumingMemoryBound(to: UInt8.self)) + 1
            } else {
                end = count
            }
            guard end > start else { continue }
            // Count line feeds with memchr (vectorised); any CR must be followed by LF.
            var lineFeeds = 0
            var cursor = UnsafeRawPointer(base + start)
            let stop = UnsafeRawPointer(base + end)
            while cursor < stop, let found = memchr(cursor, 0x0A, stop - cursor) {
                lineFeeds += 1
                cursor = UnsafeRawPointer(found) + 1
            }
            cursor = UnsafeRawPointer(base + start)
            while cursor < stop, let found = memchr(cursor, 0x0D, stop - cursor) {
                let next = UnsafeRawPointer(found) + 1
                if next < stop, next.load(as: UInt8.self) != 0x0A { return nil }
                cursor = next
            }
            let unterminated = base[end - 1] != 0x0A ? 1 : 0
            pieces.append(Piece(range: start..<end, firstRow: row, lines: lineFeeds + unterminated))
            row += lineFeeds
            start = end
        }
        return pieces
    }

    /// Moves to a byte offset (a record start, or the end).
    mutating func skip(to offset: Int) {
        position = offset
    }

    /// The spreadsheet row that holds a byte offset at or after the current position; the
    /// scanner is consumed.
    mutating func row(atOffset offset: Int) -> Int {
        var fields: [FieldSpan] = []
        var found = row + 1
        while position <= offset, (try? nextRecord(into: &fields)) == true { found = row }
        return found
    }

    /// The bytes left divided by the length of the next line: a guess of the records to come.
    var estimatedRemainingRecords: Int {
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
    mutating func nextRecord(into fields: inout [FieldSpan]) throws(SyntaxError) -> Bool {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        let base = bytes.baseAddress!
        // Skip blank lines; each still counts as a row, as a spreadsheet shows it.
        while position < count, base[position] == 0x0A || base[position] == 0x0D {
            if base[position] == 0x0D, position + 1 < count, base[position + 1] == 0x0A { position += 1 }
            position += 1
            row += 1
        }
        guard position < count else { return false }
        row += 1
        while true {
            // Skip leading blanks of an unquoted field.
            var i = position
            while i < count, base[i] == 0x20 || base[i] == 0x09 { i += 1 }
            if i < count, base[i] == 0x22 {
                let start = i + 1
                var escaped = false
                i = start
                while true {
                    guard i < count else { throw SyntaxError(row: row, message: "a quoted field is not closed") }
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
                fields.append(FieldSpan(start: start, end: i, hasEscapedQuote: escaped))
                i += 1
                while i < count, base[i] == 0x20 || base[i] == 0x09 { i += 1 }
                if i < count, base[i] != 0x2C, base[i] != 0x0A, base[i] != 0x0D {
                    throw SyntaxError(row: row, message: "text after the closing quote of a field")
                }
            } else {
                let start = i
                while i < count {
                    let b = base[i]
                    if b == 0x2C || b == 0x0A || b == 0x0D { break }
                    i += 1
                }
                var end = i
                while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 { end -= 1 }
                fields.append(FieldSpan(start: start, end: end, hasEscapedQuote: false))
            }
            // i is at a comma, a line end, or the end of the file.
            if i < count, base[i] == 0x2C {
                position = i + 1
                continue
            }
            if i < count, base[i] == 0x0D { i += 1 }
            if i < count, base[i] == 0x0A { i += 1 }
            position = i
            return true
        }
    }
}
