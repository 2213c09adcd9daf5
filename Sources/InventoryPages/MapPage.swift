import Foundation
import InventoryModel
import Planner

/// `/map`: every school placed by its latitude and longitude, coloured by its worst finding,
/// drawn as SVG on the server. Zoomed out over more schools than can be drawn one by one, the
/// schools are counted in squares that link to a closer view, so the page stays small at any
/// city size.
public enum MapPage {
    /// At most this many schools are drawn as dots; more are counted in squares.
    static let maxDots = 1500
    static let columns = 40
    static let width = 960.0

    /// A view of the map: longitudes and latitudes from its south-west to its north-east corner.
    public struct Box: Sendable, Equatable {
        var west: Double, south: Double, east: Double, north: Double

        /// The box of `box=west,south,east,north`, or nil when it is not four numbers in range.
        public init?(query: String?) {
            guard let parts = query?.split(separator: ",").compactMap({ Double($0) }), parts.count == 4 else {
                return nil
            }
            guard parts.allSatisfy(\.isFinite), parts[0] < parts[2], parts[1] < parts[3], parts[0] >= -180,
                parts[2] <= 180, parts[1] >= -90, parts[3] <= 90
            else { return nil }
            (west, south, east, north) = (parts[0], parts[1], parts[2], parts[3])
        }

        init(west: Double, south: Double, east: Double, north: Double) {
            (self.west, self.south, self.east, self.north) = (west, south, east, north)
        }

        var query: String { [west, south, east, north].map(format6).joined(separator: ",") }

        func contains(_ longitude: Double, _ latitude: Double) -> Bool {
            longitude >= west && longitude <= east && latitude >= south && latitude <= north
        }
    }

    /// The map of a report's schools in a view (nil: the whole city).
    public static func html(
        _ report: ComplianceReport, directory: CityDirectory, box asked: Box?, context: PageContext
    ) -> String {
        let language = context.language
        var placed: [(code: String, name: String, district: String, longitude: Double, latitude: Double, worst: Int)] =
            []
        var unplaced = 0
        for (index, school) in report.schools.enumerated() {
            guard let place = directory.school(school.code, at: index), let latitude = place.latitude,
                let longitude = place.longitude
            else {
                unplaced += 1
                continue
            }
            let worst = school.hasViolation ? 2 : school.flags.isEmpty ? 0 : 1
            placed.append((school.code, school.name, school.district, longitude, latitude, worst))
        }
        let whole = bounds(placed.map { ($0.longitude, $0.latitude) })
        let box = asked ?? whole
        let inView = placed.filter { box.contains($0.longitude, $0.latitude) }
        // Equirectangular, with longitudes shrunk by the cosine of the middle latitude.
        let middle = (box.south + box.north) / 2 * .pi / 180
        let spanX = (box.east - box.west) * max(cos(middle), 0.1)
        let spanY = box.north - box.south
        let height = min(max(width * spanY / spanX, 240), 1400)
        func x(_ longitude: Double) -> Double { (longitude - box.west) / (box.east - box.west) * width }
        func y(_ latitude: Double) -> Double { (box.north - latitude) / spanY * height }
        let colours = ["#2e7d32", "#ef8f00", "#c62828"]
        var svg = """
            <svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" \
            role="img" aria-label="\(HTMLText.escape(PageWords.label("map_title", language)))">\
            <rect width="\(Int(width))" height="\(Int(height))" fill="#f4f6f9"/>
            """
        // A view narrower than about 100 m draws its schools whatever their number (no square
        // could be split further): the worst first among the first `maxDots`.
        let tiny = box.east - box.west < 0.001 || spanY < 0.001
        if inView.count <= maxDots || tiny {
            // The worst drawn last, on top.
            let drawn = inView.count <= maxDots ? inView : Array(inView.sorted { $0.worst > $1.worst }.prefix(maxDots))
            for school in drawn.sorted(by: { $0.worst < $1.worst }) {
                let href = HTMLText.escape(context.link("/schools/" + URLText.encode(school.code)))
                svg +=
                    "<a href=\"\(href)\"><circle cx=\"\(n(x(school.longitude)))\" cy=\"\(n(y(school.latitude)))\" r=\"4\" fill=\"\(colours[school.worst])\" stroke=\"#fff\" stroke-width=\"0.5\"><title>\(HTMLText.escape(school.name)) \(HTMLText.escape(school.code))</title></circle></a>"
            }
        } else {
            let cell = width / Double(columns)
            let rows = max(Int((height / cell).rounded(.up)), 1)
            var counts = Array(repeating: (total: 0, violating: 0, warning: 0), count: columns * rows)
            for school in inView {
                let column = min(Int(x(school.longitude) / cell), columns - 1)
                let row = min(Int(y(school.latitude) / cell), rows - 1)
                counts[row * columns + column].total += 1
                if school.worst == 2 { counts[row * columns + column].violating += 1 }
                if school.worst == 1 { counts[row * columns + column].warning += 1 }
            }
            for (index, count) in counts.enumerated() where count.total > 0 {
                let column = index % columns
                let row = index / columns
                // Coloured by the worst school in it, as a dot would be.
                let colour = count.violating > 0 ? colours[2] : count.warning > 0 ? colours[1] : colours[0]
                let west = box.west + Double(column) * cell / width * (box.east - box.west)
                let east = box.west + Double(column + 1) * cell / width * (box.east - box.west)
                let north = box.north - Double(row) * cell / height * spanY
                let south = box.north - Double(row + 1) * cell / height * spanY
                let zoom = Box(west: west, south: south, east: east, north: north)
                let href = HTMLText.escape(context.relink([("box", zoom.query)]))
                let side = cell * (0.45 + 0.5 * min(Double(count.total) / 200, 1))
                let cx = (Double(column) + 0.5) * cell
                let cy = (Double(row) + 0.5) * cell
                let label =
                    language == .zh
                    ? "\(count.total) 所学校，\(count.violating) 所未达标"
                    : "\(count.total) schools, \(count.violating) below standard"
                svg +=
                    "<a href=\"\(href)\"><rect x=\"\(n(cx - side / 2))\" y=\"\(n(cy - side / 2))\" width=\"\(n(side))\" height=\"\(n(side))\" fill=\"\(colour)\" fill-opacity=\"0.8\"><title>\(label)</title></rect></a>"
            }
        }
        // Each district's name at the middle of its schools in view, for bearings without a base map.
        var middles: [String: (longitude: Double, latitude: Double, count: Double)] = [:]
        for school in inView {
            var middle = middles[school.district] ?? (0, 0, 0)
            middle.longitude += school.longitude
            middle.latitude += school.latitude
            middle.count += 1
            middles[school.district] = middle
        }
        for (district, middle) in middles.sorted(by: { $0.key < $1.key }) {
            let cx = x(middle.longitude / middle.count)
            let cy = y(middle.latitude / middle.count)
            svg +=
                "<text x=\"\(n(cx))\" y=\"\(n(cy))\" font-size=\"15\" font-weight=\"600\" text-anchor=\"middle\" fill=\"#1c2430\" fill-opacity=\"0.55\" pointer-events=\"none\">\(HTMLText.escape(district))</text>"
        }
        svg += "</svg>"
        var data: [String: Any] = [
            "svg": svg, "inView": inView.count, "unplaced": unplaced, "hasUnplaced": unplaced > 0,
            "zoomed": asked != nil, "whole": context.relink([("box", "")]),
        ]
        data["summary"] =
            language == .zh ? "图中 \(inView.count) 所学校" : "\(inView.count) schools in view"
        return PageRenderer.page(
            "map", title: PageWords.label("map_title", language), data: data, context: context, navKey: "nav_map")
    }

    /// The smallest box around some places, padded by a twentieth (a default when there are none).
    static func bounds(_ places: [(Double, Double)]) -> Box {
        guard let first = places.first else { return Box(west: 121, south: 38.7, east: 123.3, north: 40.2) }
        var box = Box(west: first.0, south: first.1, east: first.0, north: first.1)
        for (longitude, latitude) in places {
            box.west = min(box.west, longitude)
            box.east = max(box.east, longitude)
            box.south = min(box.south, latitude)
            box.north = max(box.north, latitude)
        }
        let padX = max((box.east - box.west) / 20, 0.01)
        let padY = max((box.north - box.south) / 20, 0.01)
        return Box(west: box.west - padX, south: box.south - padY, east: box.east + padX, north: box.north + padY)
    }

    private static func n(_ value: Double) -> String { Text.number(value) }
}

/// A coordinate with six decimals (about 0.1 m), as the map's addresses carry them.
private func format6(_ value: Double) -> String {
    let scaled = (value * 1_000_000).rounded()
    let sign = scaled < 0 ? "-" : ""
    let magnitude = Int64(abs(scaled))
    let fraction = String(magnitude % 1_000_000)
    return sign + String(magnitude / 1_000_000) + "." + String(repeating: "0", count: 6 - fraction.count) + fraction
}
