import Planner

/// Grouped bars (a group a year) with optional horizontal lines, drawn as SVG on the server.
struct BarChart {
    struct Series {
        var label: String
        var colour: String
        var values: [Double]
    }

    var id: String
    var title: String
    var groups: [String]
    var series: [Series]
    var lines: [ChartLine] = []
    var width = 720.0
    var height = 260.0

    func svg() -> String {
        let left = 56.0
        let right = 12.0
        let top = 16.0
        let bottom = 28.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let highest = (series.flatMap(\.values) + lines.map(\.value)).filter(\.isFinite).max() ?? 1
        let ceiling = ChartLine.niceCeiling(max(highest * 1.05, 1))
        func y(_ value: Double) -> Double { top + plotHeight - min(max(value, 0), ceiling) / ceiling * plotHeight }
        let groupWidth = plotWidth / Double(max(groups.count, 1))
        let barWidth = groupWidth * 0.8 / Double(max(series.count, 1))
        var out = """
            <svg id="\(id)" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" \
            role="img" aria-label="\(HTMLText.escape(title))"><title>\(HTMLText.escape(title))</title>
            """
        for step in 0...4 {
            let value = ceiling * Double(step) / 4
            out +=
                "<line x1=\"\(n(left))\" x2=\"\(n(left + plotWidth))\" y1=\"\(n(y(value)))\" y2=\"\(n(y(value)))\" stroke=\"#eceff3\"/>"
            out +=
                "<text x=\"\(n(left - 4))\" y=\"\(n(y(value) + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6573\">\(Text.number(value))</text>"
        }
        for (index, group) in groups.enumerated() {
            let x0 = left + Double(index) * groupWidth + groupWidth * 0.1
            for (place, series) in series.enumerated() where index < series.values.count {
                let value = series.values[index]
                let x = x0 + Double(place) * barWidth
                out +=
                    "<rect x=\"\(n(x))\" y=\"\(n(y(value)))\" width=\"\(n(barWidth * 0.92))\" height=\"\(n(top + plotHeight - y(value)))\" fill=\"\(series.colour)\"><title>\(HTMLText.escape(series.label)) \(HTMLText.escape(group)): \(Text.number(value))</title></rect>"
            }
            out +=
                "<text x=\"\(n(left + (Double(index) + 0.5) * groupWidth))\" y=\"\(n(height - 8))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6573\">\(HTMLText.escape(group))</text>"
        }
        for line in lines {
            out +=
                "<line x1=\"\(n(left))\" x2=\"\(n(left + plotWidth))\" y1=\"\(n(y(line.value)))\" y2=\"\(n(y(line.value)))\" stroke=\"\(line.colour)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"><title>\(HTMLText.escape(line.label)) \(Text.number(line.value))</title></line>"
        }
        return out + "</svg>"
    }

    func legend() -> String {
        ChartLine.legend(series: series.map { ($0.label, $0.colour) }, lines: lines, unit: "")
    }

    private func n(_ value: Double) -> String { Text.number(value) }
}
