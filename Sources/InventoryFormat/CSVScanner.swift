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
    private var position: Int
    /// The spreadsheet row of the record returned last: the header is row 1, a blank line is a
    /// row, and a record with line breaks inside quotes is one row.
    private(set) var row = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        position = bytes.count >= 3 && bytes[0] == bom[0] && bytes[1] == bom[1] && bytes[2] == bom[2] ? 3 : 0
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
