import Planner

/// A horizontal line across a chart at a value (a required rate, a capacity, a target), and the
/// legends of the charts.
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
}
