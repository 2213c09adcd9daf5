/// Checks that bytes are text a cell may hold, once per file, so that cells can become Strings
/// without checking each again: well-formed UTF-8 (no overlong forms, no surrogates) with no NUL
/// byte. A NUL is refused because the stores cannot keep it: SQLite reads a text up to its first
/// NUL (a district `\0abc` read back empty), PostgreSQL refuses it in text.
enum UTF8Check {
    /// The offset of the first byte that is not part of well-formed UTF-8, or is NUL; nil when
    /// there is none.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < count {
            // ASCII eight bytes at a time; in a word that is not all ASCII without NUL, straight
            // to its first byte that is not.
            if i + 8 <= count {
                let odd = unusual(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if odd == 0 {
                    i += 8
                    continue
                }
                i += odd.trailingZeroBitCount >> 3
            }
            if base[i] < 0x80 {
                if base[i] == 0 { return i }
                i += 1
                continue
            }
            guard let length = characterLength(base, at: i, count: count) else { return i }
            i += length
        }
        return nil
    }

    /// What one pass over a part of a file tells of it: its line feeds, and whether it is all
    /// UTF-8 without NUL (counting stops at the first byte that is not). Nil when the part holds a quote, or
    /// a CR that no LF follows: then a line break may sit inside a quoted field, or lines end
    /// in a lone CR, and only a scan from the start of the file can tell rows.
    ///
    /// One pass instead of one for each question: the part's bytes come from memory once.
    static func plainLines(_ bytes: UnsafeBufferPointer<UInt8>) -> (lineFeeds: Int, isUTF8: Bool)? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return (0, true) }
        var lineFeeds = 0
        var i = 0
        while i < count {
            if i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if Lanes.equal(word, 0x22) | Lanes.equal(word, 0x0D) == 0 {
                    let odd = unusual(word)
                    if odd == 0 {
                        lineFeeds += Lanes.count(Lanes.equal(word, 0x0A))
                        i += 8
                        continue
                    }
                    // The ASCII bytes before the first that is not (or is NUL), at once; then
                    // that character.
                    let ascii = odd.trailingZeroBitCount & ~7
                    if ascii > 0 {
                        lineFeeds += Lanes.count(Lanes.equal(word, 0x0A) & ((1 << ascii) - 1))
                        i += ascii >> 3
                    }
                    if base[i] == 0 { return (lineFeeds, false) }
                    guard let length = characterLength(base, at: i, count: count) else { return (lineFeeds, false) }
                    i += length
                    continue
                }
            }
            // A word with a quote or a CR, or the last bytes: a byte or a character at a time.
            let byte = base[i]
            if byte < 0x80 {
                switch byte {
                case 0x00: return (lineFeeds, false)
                case 0x0A: lineFeeds += 1
                case 0x22: return nil
                case 0x0D where i + 1 < count && base[i + 1] != 0x0A: return nil
                default: break
                }
                i += 1
                continue
            }
            guard let length = characterLength(base, at: i, count: count) else { return (lineFeeds, false) }
            i += length
        }
        return (lineFeeds, true)
    }

    /// How many bytes belong to well-formed UTF-8 characters of three or four bytes (Chinese in
    /// UTF-8), and how many are not UTF-8. GB18030 text has few of the first (its two-byte
    /// characters often read as two-byte UTF-8 ones, seldom as longer), UTF-8 text with a bad
    /// byte has many.
    static func nonASCIIBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (utf8: Int, other: Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        var utf8 = 0
        var other = 0
        var i = 0
        while i < bytes.count {
            if base[i] < 0x80 {
                i += 1
            } else if let length = characterLength(base, at: i, count: bytes.count) {
                if length >= 3 { utf8 += length }
                i += length
            } else {
                other += 1
                i += 1
            }
        }
        return (utf8, other)
    }

    /// The top bit of the lanes of `word` that hold a byte that is not ASCII or a NUL, and maybe
    /// of lanes above a NUL (its borrow); the lowest marked lane is always the first such byte.
    @inline(__always)
    private static func unusual(_ word: UInt64) -> UInt64 {
        (word | (word &- 0x0101_0101_0101_0101)) & 0x8080_8080_8080_8080
    }

    /// The length of the well-formed character whose first byte (not ASCII) is at `i`, or nil.
    @inline(__always)
    private static func characterLength(_ base: UnsafePointer<UInt8>, at i: Int, count: Int) -> Int? {
        let lead = base[i]
        // The common case in Chinese text: a three-byte character outside the surrogates.
        if lead >= 0xE1, lead != 0xED, lead <= 0xEF, i + 2 < count, base[i + 1] & 0xC0 == 0x80,
            base[i + 2] & 0xC0 == 0x80
        {
            return 3
        }
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            upper = 0x9F
        case 0xF0:
            length = 4
            lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            upper = 0x8F
        default: return nil
        }
        guard i + length <= count, (lower...upper).contains(base[i + 1]) else { return nil }
        for k in 2..<length where !(0x80...0xBF).contains(base[i + k]) { return nil }
        return length
    }
}
