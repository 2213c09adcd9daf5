/// The order statistics standards.md names.
enum Statistics {
    /// The median; an even count takes the mean of the two middle values. Sorts in place.
    ///
    /// - Complexity: O(n log n); n is a school's tests in the window, a few dozen.
    static func median(_ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        let middle = values.count / 2
        return values.count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2
    }

    /// The nearest-rank percentile: the ceil(p x n)-th smallest value. Sorts in place.
    ///
    /// - Complexity: O(n log n).
    static func nearestRank(_ p: Double, _ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        // ceil(p n) computed on integers for p with two decimals (0.95 x 20 = 19, not 19.000000000000004).
        let rank = Int((p * Double(values.count) - 1e-9).rounded(.up))
        return values[min(max(rank, 1), values.count) - 1]
    }
}
