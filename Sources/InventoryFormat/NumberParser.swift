/// Parses numbers straight from bytes, without making a String first.
enum NumberParser {
    /// An optionally signed decimal integer; nil for anything else or on overflow.
    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < bytes.count, bytes.count - i <= 18 else { return nil }
        var value = 0
        while i < bytes.count {
            let digit = Int(bytes[i]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
            i += 1
        }
        return negative ? -value : value
    }

    /// 10^0 ... 10^22, every one exact in a Double; a literal, laid out when the program is
    /// built rather than on first use.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// A decimal number (`12`, `-0.5`, `1e3`); nil for anything else, for NaN and infinities.
    ///
    /// Uses the exact fast path (mantissa below 2^53, power of ten up to 22) and falls back to
    /// the standard library's correctly rounded conversion for the rest.
    static func double(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var i = 0
        let count = bytes.count
        var negative = false
        if i < count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        var sawDigit = false
        while i < count, bytes[i] &- 48 <= 9 {
            if digits < 19 {
                mantissa = mantissa * 10 + UInt64(bytes[i] &- 48)
                if mantissa != 0 { digits += 1 }
            } else {
                scale += 1
            }
            sawDigit = true
            i += 1
        }
        if i < count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < count, bytes[i] &- 48 <= 9 {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(bytes[i] &- 48)
                    if mantissa != 0 { digits += 1 }
                    scale -= 1
                }
                sawDigit = true
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < count {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            return slowDouble(bytes)
        }
        if mantissa < (1 << 53), digits < 19, scale >= -22, scale <= 22 {
            var value = Double(mantissa)
            value = scale < 0 ? value / powersOfTen[-scale] : value * powersOfTen[scale]
            return negative ? -value : value
        }
        return slowDouble(bytes)
    }

    private static func slowDouble(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}
