/// Eight bytes tested at once, as the lanes of a 64-bit word.
enum Lanes {
    /// The top bit of every lane of `word` that holds `byte`, exactly (no borrow crosses lanes).
    @inline(__always)
    static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// How many lanes `equal` marked. A multiplication sums the marks into the top byte (a
    /// popcount instruction is not in the baseline x86-64 set).
    @inline(__always)
    static func count(_ marks: UInt64) -> Int {
        Int(((marks >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }

    /// The lanes that hold a field's end: a comma, a LF or a CR.
    @inline(__always)
    static func delimiters(_ word: UInt64) -> UInt64 {
        equal(word, 0x2C) | equal(word, 0x0A) | equal(word, 0x0D)
    }
}
