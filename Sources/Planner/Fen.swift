import InventoryModel

/// Money as whole fen (1/100 yuan, `Int64`): what the renewal plan and the declaration sum,
/// split and write, so that every total is the sum of its rows to the fen.
///
/// Prices become fen once, when an asset is read (``Asset/fen(yuan:)``); from there on money is
/// integer arithmetic. Sums saturate instead of trapping: no real city comes near 2^63 fen.
public enum Fen {
    /// `a + b`, held at the ends of `Int64` instead of overflowing.
    @inline(__always)
    public static func add(_ a: Int64, _ b: Int64) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : sum
    }

    /// The sum of amounts, saturating.
    public static func sum<S: Sequence>(_ amounts: S) -> Int64 where S.Element == Int64 {
        amounts.reduce(0, add)
    }

    /// `fen x rate` (a budget rate such as 0.15), rounded half away from zero; saturating, NaN 0.
    static func scaled(_ fen: Int64, by rate: Double) -> Int64 {
        let value = (Double(fen) * rate).rounded(.toNearestOrAwayFromZero)
        guard !value.isNaN else { return 0 }
        // 2^63 is the first Double above Int64.max.
        guard value < 9_223_372_036_854_775_808.0 else { return .max }
        guard value >= -9_223_372_036_854_775_808.0 else { return .min }
        return Int64(value)
    }

    /// floor(fen x percent / 100) for 0...100 percent, without an overflow for any `fen` >= 0.
    static func percent(_ percent: Int64, of fen: Int64) -> Int64 {
        fen / 100 * percent + fen % 100 * percent / 100
    }

    /// Yuan with exactly two decimals: `2809642.52`, `-0.05`.
    static func yuan(_ fen: Int64) -> String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return (fen < 0 ? "-" : "") + String(magnitude / 100) + (cents < 10 ? ".0" : ".") + String(cents)
    }

    /// 万元 (10,000 yuan) with at most `decimals` decimals (one unless told), as the tables show
    /// amounts: `9916.6`, `297`, `0.23`; rounded half away from zero from the fen, not from a Double.
    static func wan(_ fen: Int64, decimals: Int = 1) -> String {
        let decimals = min(max(decimals, 0), 4)
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        // A 万元 is 1,000,000 fen; a step is the smallest amount shown.
        let step = 1_000_000 / scale
        let magnitude = fen.magnitude
        let steps = magnitude / step + (magnitude % step >= step / 2 ? 1 : 0)
        let sign = fen < 0 && steps > 0 ? "-" : ""
        var fraction = steps % scale
        var digits = decimals
        while digits > 0, fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        guard digits > 0 else { return sign + String(steps / scale) }
        let text = String(fraction)
        return sign + String(steps / scale) + "." + String(repeating: "0", count: digits - text.count) + text
    }
}
