/// Checks that bytes are well-formed UTF-8 (no overlong forms, no surrogates), once per file,
/// so that cells can become Strings without checking each again.
enum UTF8Check {
    /// The offset of the first byte that is not part of well-formed UTF-8, or nil.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < count {
            // ASCII eight bytes at a time; in a word that is not all ASCII, straight to its first
            // byte that is not.
            if i + 8 <= count {
                let high = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                if high == 0 {
                    i += 8
                    continue
                }
                i += high.trailingZeroBitCount >> 3
            }
            let lead = base[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            // The common case in Chinese text: a three-byte character outside the surrogates.
            if lead >= 0xE1, lead != 0xED, lead <= 0xEF, i + 2 < count, base[i + 1] & 0xC0 == 0x80,
                base[i + 2] & 0xC0 == 0x80
            {
                i += 3
                continue
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
            default: return i
            }
            guard i + length <= count, (lower...upper).contains(base[i + 1]) else { return i }
            for k in 2..<length where !(0x80...0xBF).contains(base[i + k]) { return i }
            i += length
        }
        return nil
    }
}
