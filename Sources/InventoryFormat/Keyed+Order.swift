extension Keyed {
    /// Puts the records (with their rows) in increasing byte order of a text of each, as a
    /// file in key order has them; nothing moves when they are in that order already.
    ///
    /// What the city's schools go through when `schools.csv` is not in code order: every list
    /// and report made from them then comes out the same whatever the order of the file's rows.
    ///
    /// - Complexity: O(n log n) comparisons of the texts' first 16 bytes, held as two integers;
    ///   texts alike in those are compared in full.
    mutating func sortByBytes(of text: (Record) -> String) {
        let prefixes = records.map { record in
            var text = text(record)
            return text.withUTF8 { bytes in (Self.bigEndianWord(bytes, from: 0), Self.bigEndianWord(bytes, from: 8)) }
        }
        var order = Array(records.indices)
        order.sort { a, b in
            if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
            return text(records[a]).utf8.lexicographicallyPrecedes(text(records[b]).utf8)
        }
        guard order != Array(records.indices) else { return }
        records = order.map { records[$0] }
        rows = order.map { rows[$0] }
    }

    /// Eight bytes from `offset` as one integer that orders as the bytes do (zeros past the end).
    private static func bigEndianWord(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> UInt64 {
        var word: UInt64 = 0
        for i in offset..<(offset + 8) { word = word << 8 | UInt64(i < bytes.count ? bytes[i] : 0) }
        return word
    }
}
