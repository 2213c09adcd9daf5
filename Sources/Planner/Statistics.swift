/// The order statistics standards.md names.
enum Statistics {
    /// The median; an even count takes the mean of the two middle values. Reorders the values.
    ///
    /// - Complexity: O(n) on average: the middle values are selected, not the whole list sorted.
    static func median(_ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let middle = values.count / 2
        return values.withUnsafeMutableBufferPointer { v in
            let upper = select(middle, in: v)
            guard v.count % 2 == 0 else { return upper }
            // Everything before the middle is no greater than it: the largest of them is the other.
            return (v[..<middle].max()! + upper) / 2
        }
    }

    /// The nearest-rank percentile: the ceil(p x n)-th smallest value. Reorders the values.
    ///
    /// - Complexity: O(n) on average.
    static func nearestRank(_ p: Double, _ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        // ceil(p n) computed on integers for p with two decimals (0.95 x 20 = 19, not 19.000000000000004).
        let rank = Int((p * Double(values.count) - 1e-9).rounded(.up))
        return values.withUnsafeMutableBufferPointer { select(min(max(rank, 1), $0.count) - 1, in: $0) }
    }

    /// The value that would be at `k` were the values sorted; afterwards it is there, with no
    /// greater value before it and no smaller one after it (Hoare's selection, the middle of
    /// three as pivot; short ranges sorted by insertion).
    static func select(_ k: Int, in v: UnsafeMutableBufferPointer<Double>) -> Double {
        var low = 0
        var high = v.count - 1
        while high - low > 16 {
            // The middle of three, at `middle`, with v[low] <= v[middle] <= v[high].
            let middle = low + (high - low) / 2
            if v[middle] < v[low] { v.swapAt(middle, low) }
            if v[high] < v[low] { v.swapAt(high, low) }
            if v[high] < v[middle] { v.swapAt(high, middle) }
            let pivot = v[middle]
            var i = low
            var j = high
            while i <= j {
                while v[i] < pivot { i += 1 }
                while pivot < v[j] { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now v[low...j] <= pivot <= v[i...high], and anything between equals the pivot.
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return v[k]
            }
        }
        for a in (low + 1)..<(high + 1) {
            let value = v[a]
            var b = a
            while b > low, value < v[b - 1] {
                v[b] = v[b - 1]
                b -= 1
            }
            v[b] = value
        }
        return v[k]
    }
}
