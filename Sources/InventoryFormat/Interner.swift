/// The Strings of a column that repeats a few values, found by their bytes, so that equal cells
/// share one String. Holds at most ``limit`` values: a column of mostly distinct values gains
/// nothing from it, and each part of a file has its own.
struct Interner {
    static let limit = 1024
    /// Indexes into `texts` by hash, -1 when free; empty until the first value.
    private var slots: [Int32] = []
    private var hashes: [UInt64] = []
    private var texts: [String] = []
    /// The bytes of every value, one after another, and where each value's bytes lie.
    private var arena: [UInt8] = []
    private var spans: [Range<Int>] = []

    /// The String of these bytes, when known.
    func lookup(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard !slots.isEmpty else { return nil }
        let hash = KeyHash.of(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBytes { arena in
            while slots[slot] >= 0 {
                let index = Int(slots[slot])
                let span = spans[index]
                if hashes[index] == hash, CSVReader.equal(UnsafeRawBufferPointer(rebasing: arena[span]), bytes) {
                    return texts[index]
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// Remembers the String of bytes that ``lookup(_:)`` did not know.
    mutating func insert(_ text: String, bytes: UnsafeRawBufferPointer) {
        guard texts.count < Interner.limit, bytes.count > 0 else { return }
        if slots.isEmpty { slots = Array(repeating: -1, count: Interner.limit * 2) }
        let hash = KeyHash.of(bytes)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(texts.count)
        hashes.append(hash)
        texts.append(text)
        spans.append(arena.count..<(arena.count + bytes.count))
        arena.append(contentsOf: bytes)
    }
}
