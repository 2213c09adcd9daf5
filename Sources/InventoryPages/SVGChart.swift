import InventoryModel
import Planner

/// A time chart drawn as SVG on the server: points or a line of values over days, with
/// horizontal reference lines (the required and contracted rates). No script draws it, so it
/// prints and works with JavaScript off.
struct SVGChart {
    struct Series {
        var label: String
        var colour: String
        /// (seconds since the epoch, value).
        var points: [(Double, Double)]
        /// Dots for tests; a line for samples.
        var dots: Bool
    }

    var id: String
    var title: String
    var start: Double
    var end: Double
    var series: [Series]
    var references: [ChartLine]
    var width = 720.0
    var height = 260.0
    /// The time zone offset the day ticks are drawn in, in seconds.
    var utcOffsetSeconds = 8 * 3600.0

    private let left = 48.0, right = 12.0, top = 16.0, bottom = 28.0

    func svg() -> String {
        let values = series.flatMap { $0.points.map(\.1) } + references.map(\.value)
        let top = ChartLine.niceCeiling(max(values.max() ?? 1, 1) * 1.08)
        let plotWidth = width - left - right
        let plotHeight = height - self.top - bottom
        func x(_ time: Double) -> Double { left + (time - start) / max(end - start, 1) * plotWidth }
        func y(_ value: Double) -> Double { self.top + plotHeight - min(max(value, 0), top) / top * plotHeight }
        var out = """
            <svg id="\(id)" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" \
            role="img" aria-label="\(HTMLText.escape(title))"><title>\(HTMLText.escape(title))</title>
            """
        out +=
            "<rect x=\"\(f(left))\" y=\"\(f(self.top))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"#fafbfc\" stroke=\"#d9dee5\"/>"
        for step in 0...4 {
            let value = top * Double(step) / 4
            out +=
                "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y(value)))\" y2=\"\(f(y(value)))\" stroke=\"#eceff3\"/>"
            out +=
                "<text x=\"\(f(left - 4))\" y=\"\(f(y(value) + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#5b6573\">\(Text.number(value))</text>"
        }
        // A tick at each local midnight, labelled every other day.
        let day = 86_400.0
        var tick = ((start + utcOffsetSeconds) / day).rounded(.up) * day - utcOffsetSeconds
        var index = 0
        while tick <= end {
            out +=
                "<line x1=\"\(f(x(tick)))\" x2=\"\(f(x(tick)))\" y1=\"\(f(self.top))\" y2=\"\(f(self.top + plotHeight))\" stroke=\"#eceff3\"/>"
            if index % 2 == 0 {
                let date = CalendarDate(daysSinceEpoch: Int32(((tick + utcOffsetSeconds) / day).rounded()))
                let parts = date.parts
                out +=
                    "<text x=\"\(f(x(tick)))\" y=\"\(f(height - 8))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#5b6573\">\(parts.month)/\(parts.day)</text>"
            }
            tick += day
            index += 1
        }
        for reference in references {
            out +=
                "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y(reference.value)))\" y2=\"\(f(y(reference.value)))\" stroke=\"\(reference.colour)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"><title>\(HTMLText.escape(reference.label)) \(Text.number(reference.value))</title></line>"
        }
        for series in series {
            if series.dots {
                for (time, value) in series.points {
                    out +=
                        "<circle cx=\"\(f(x(time)))\" cy=\"\(f(y(value)))\" r=\"3\" fill=\"\(series.colour)\"><title>\(Text.number(value))</title></circle>"
                }
            } else if !series.points.isEmpty {
                let path = series.points.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
                out += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(series.colour)\" stroke-width=\"1\"/>"
            }
        }
        out += "</svg>"
        return out
    }

    /// The legend of the chart's series and lines, as HTML.
    func legend() -> String {
        ChartLine.legend(series: series.map { ($0.label, $0.colour) }, lines: references, unit: " Mbps")
    }

    private func f(_ value: Double) -> String { Text.number(value) }
}
