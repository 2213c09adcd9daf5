/// A least-squares straight line y = intercept + slope x, with the uncertainty of its slope.
public struct LinearFit: Hashable, Sendable {
    public var intercept: Double
    public var slope: Double
    /// Standard error of the slope; nil with fewer than three points (no residual freedom).
    public var slopeStandardError: Double?
    public var count: Int

    /// The fit of points, or nil with fewer than two points or all at one x.
    public init?(x: [Double], y: [Double]) {
        precondition(x.count == y.count, "one y per x")
        let n = Double(x.count)
        guard x.count >= 2 else { return nil }
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for (xi, yi) in zip(x, y) {
            sxx += (xi - meanX) * (xi - meanX)
            sxy += (xi - meanX) * (yi - meanY)
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = meanY - slope * meanX
        count = x.count
        if x.count >= 3 {
            var residuals = 0.0
            for (xi, yi) in zip(x, y) {
                let r = yi - (intercept + slope * xi)
                residuals += r * r
            }
            slopeStandardError = (residuals / (n - 2) / sxx).squareRoot()
        } else {
            slopeStandardError = nil
        }
    }

    /// A line given directly (a sum of fits, or an assumed trend).
    public init(intercept: Double, slope: Double, slopeStandardError: Double?, count: Int) {
        self.intercept = intercept
        self.slope = slope
        self.slopeStandardError = slopeStandardError
        self.count = count
    }

    public func value(at x: Double) -> Double { intercept + slope * x }

    /// The first x >= `from` where the line reaches `level`: `from` when it is there already, nil
    /// when it never gets there (flat or falling).
    public func reaches(_ level: Double, from: Double = 0) -> Double? {
        if value(at: from) >= level { return from }
        guard slope > 0 else { return nil }
        return (level - intercept) / slope
    }

    /// The x where the line reaches `level` with the slope at the ends of its 95% interval
    /// (slope +- 1.96 standard errors): the earliest and the latest (nil: never).
    public func reachRange(_ level: Double, from: Double = 0) -> (earliest: Double?, latest: Double?)? {
        guard let error = slopeStandardError else { return nil }
        // The line pivots on its value at `from`, so both ends start where the fit is today.
        let now = value(at: from)
        func reach(_ slope: Double) -> Double? {
            if now >= level { return from }
            guard slope > 0 else { return nil }
            return from + (level - now) / slope
        }
        return (reach(slope + 1.96 * error), reach(slope - 1.96 * error))
    }
}
