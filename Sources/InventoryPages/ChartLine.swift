import Planner

/// A horizontal line across a chart at a value (a required rate, a capacity, a target), and what
/// the charts share: their legends and the round top of their scales.
struct ChartLine {
    var label: String
    var colour: String
    var value: Double

    /// A legend: a swatch and a label for each series, then each line with its value.
    static func legend(series: [(label: String, colour: String)], lines: [ChartLine], unit: String) -> String {
        let items =
            series.map {
                "<span><i class=\"swatch\" style=\"background:\($0.colour)\"></i> \(HTMLText.escape($0.label))</span>"
            }
            + lines.map {
                "<span><i class=\"swatch\" style=\"background:\($0.colour)\"></i> "
                    + "\(HTMLText.escape($0.label)) \(Text.number($0.value))\(unit)</span>"
            }
        return "<p class=\"legend\">" + items.joined() + "</p>"
    }

    /// 1, 2 or 5 times a power of ten at or above a value, so the axis reads in round numbers.
    static func niceCeiling(_ value: Double) -> Double {
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        while power > value { power /= 10 }
        for step in [1.0, 2, 2.5, 5, 10] where step * power >= value { return step * power }
        return value
    }
}
