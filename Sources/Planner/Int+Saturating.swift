extension Int {
    /// A Double as an Int, toward zero, held at `Int.min` and `Int.max` instead of trapping;
    /// NaN is 0. For counts computed from measured or stated values (lines of a link offer).
    init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9_223_372_036_854_775_808.0 {  // 2^63, the first Double above Int.max
            self = .max
        } else if value < -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self = Int(value)
        }
    }
}
