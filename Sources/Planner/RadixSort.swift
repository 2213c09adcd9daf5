/// A stable least-significant-digit radix sort of 64-bit keys on their upper bits.
enum RadixSort {
    /// Sorts `keys` by bits `fromBit..<64`, keeping the present order of keys equal on those bits.
    ///
    /// - Complexity: O(n) per pass of up to 16 bits.
    static func sort(_ keys: inout [UInt64], fromBit: Int) {
        let count = keys.count
        guard count > 1 else { return }
        guard count > 256 else {
            // Small inputs: a comparison sort is cheaper than the counting arrays.
            keys = keys.enumerated().sorted { ($0.element >> fromBit, $0.offset) < ($1.element >> fromBit, $1.offset) }
                .map(\.element)
            return
        }
        var scratch = [UInt64](repeating: 0, count: count)
        var shift = fromBit
        while shift < 64 {
            let width = min(16, 64 - shift)
            let mask = (UInt64(1) << width) - 1
            var counts = [Int](repeating: 0, count: (1 << width) + 1)
            keys.withUnsafeBufferPointer { source in
                for key in source { counts[Int((key >> shift) & mask) + 1] += 1 }
            }
            // A pass where every key has the same digit changes nothing.
            if counts.contains(count) {
                shift += width
                continue
            }
            for digit in 1..<counts.count { counts[digit] += counts[digit - 1] }
            keys.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    for key in source {
                        let digit = Int((key >> shift) & mask)
                        target[counts[digit]] = key
                        counts[digit] += 1
                    }
                }
            }
            swap(&keys, &scratch)
            shift += width
        }
    }
}
