/// Columns aligned for a terminal, padded by how many cells each character takes.
enum Columns {
    /// The rows as lines of aligned columns, two spaces apart; the last column is not padded
    /// and no line ends in spaces.
    static func render(_ rows: [[String]], indent: String) -> String {
        let block = Block(rows)
        return String(decoding: block.lines(widths: block.widths, indent: indent), as: UTF8.self)
    }

    /// Rows whose cells were measured once, to be aligned under widths that may be wider than
    /// their own: the rows of one table made in parts (on several cores) take the widest of
    /// every part's widths.
    struct Block {
        let rows: [[String]]
        /// The cells each cell takes, row after row.
        private let cellWidths: [Int]
        /// The widest cell of each column.
        let widths: [Int]

        init(_ rows: [[String]]) {
            self.rows = rows
            var cellWidths: [Int] = []
            cellWidths.reserveCapacity(rows.count * (rows.first?.count ?? 0))
            var widths: [Int] = []
            for row in rows {
                if row.count > widths.count { widths += Array(repeating: 0, count: row.count - widths.count) }
                for (index, cell) in row.enumerated() {
                    let width = Columns.width(cell)
                    cellWidths.append(width)
                    widths[index] = max(widths[index], width)
                }
            }
            self.cellWidths = cellWidths
            self.widths = widths
        }

        /// The widest of each column of several blocks' widths.
        static func widest(_ widths: [[Int]]) -> [Int] {
            var widest: [Int] = []
            for some in widths {
                if some.count > widest.count { widest += Array(repeating: 0, count: some.count - widest.count) }
                for (index, width) in some.enumerated() { widest[index] = max(widest[index], width) }
            }
            return widest
        }

        /// The rows as lines (see ``Columns/render(_:indent:)``), each column as wide as
        /// `widths` says (at least as wide as this block's own).
        func lines(widths: [Int], indent: String) -> [UInt8] {
            var out: [UInt8] = []
            var cell = 0
            for row in rows {
                out += indent.utf8
                for (index, text) in row.enumerated() {
                    out += text.utf8
                    if index < row.count - 1 {
                        precondition(widths[index] >= cellWidths[cell], "a column narrower than its cell")
                        out += repeatElement(0x20, count: widths[index] - cellWidths[cell] + 2)
                    }
                    cell += 1
                }
                // No line ends in spaces, its last cell's own included (nor a line of none but
                // the indent): back to the line's last other byte.
                var end = out.count
                while end > 0, out[end - 1] == 0x20 { end -= 1 }
                out.removeSubrange(end...)
                out.append(0x0A)
            }
            return out
        }
    }

    /// The cells a terminal gives the text: 2 for East Asian Wide and Fullwidth characters (Han,
    /// kana, Hangul, fullwidth punctuation such as `（）：，`, the CJK extension planes that rare
    /// characters of names are in, emoji), 0 for combining marks, joiners and variation selectors,
    /// 1 for the rest.
    static func width(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var total = 0
            var i = 0
            while i < bytes.count {
                let lead = bytes[i]
                if lead < 0x80 {
                    total += 1
                    i += 1
                } else if lead >= 0xE5, lead <= 0xE9 {
                    // U+5000 to U+9FFF, Han throughout: most of Chinese text, from its first byte.
                    total += 2
                    i += 3
                } else {
                    // Any other character, decoded (the bytes are well-formed: a String's).
                    let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                    total += Unicode.Scalar(value).map(width) ?? 1
                    i += length
                }
            }
            return total
        }
    }

    static func width(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return 1 }
        // Most of Chinese text: Han, without asking for the general category.
        if (0x4E00...0x9FFF).contains(v) { return 2 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        let wide =
            (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xA960...0xA97F).contains(v) || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE10...0xFE19).contains(v) || (0xFE30...0xFE6F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x2FFFD).contains(v) || (0x30000...0x3FFFD).contains(v)
        return wide ? 2 : 1
    }
}
