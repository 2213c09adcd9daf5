/// A 64-bit hash of a key's bytes, for the tables that find keys and the check of unique keys.
///
/// Eight bytes a step (a key of 20 bytes is three multiplications, where a byte at a time took
/// twenty), and a final mix so that both the top bits (which part a key goes to in
/// ``DuplicateKeys``) and the low bits (its slot in a table) spread. Not a defence against
/// keys made to collide: every use compares the bytes of keys whose hashes agree.
enum KeyHash {
    @inline(__always)
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
        var i = 0
        while i + 8 <= count {
            h = step(h, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < count {
            // The last 1-7 bytes: the 8 bytes that end the key when it has that many (some of
            // them hashed already, which is harmless), else the bytes one by one.
            var tail: UInt64 = 0
            if count >= 8 {
                tail = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            } else {
                for j in 0..<count { tail |= UInt64(bytes[j]) << (8 * UInt64(j)) }
            }
            h = step(h, tail)
        }
        // MurmurHash3's finaliser: every input bit reaches every output bit.
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        return h ^ (h >> 33)
    }

    @inline(__always)
    private static func step(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (h ^ word) &* 0x87C3_7B91_1142_53D5
        return (mixed << 31 | mixed >> 33) &* 0x4CF5_AD43_2745_937F
    }
}
