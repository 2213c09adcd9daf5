import InventoryModel

/// Where each school's rows are in a city: its record, links, assets and measurements, by
/// position. Built once per city (the service keeps it beside the city), so a school's page
/// costs what the school has, not what the city has.
public struct CityDirectory: Sendable {
    public let city: Inventory
    private let schoolPlaces: [String: Int]
    private let assetPlaces: [String: [Int]]
    private let linkPlaces: [String: [Int]]
    private let measurementPlaces: [String: [Int]]
    /// Every probe's result times, for the probes page.
    public let probes: [ProbeHistory]

    /// - Complexity: O(rows of the city).
    public init(_ city: Inventory) {
        self.city = city
        var schools: [String: Int] = [:]
        schools.reserveCapacity(city.schools.count)
        for (place, school) in city.schools.enumerated() { schools[school.code] = place }
        schoolPlaces = schools
        assetPlaces = Self.places(city.assets, \.schoolCode)
        linkPlaces = Self.places(city.links) { Optional($0.schoolCode) }
        measurementPlaces = Self.places(city.measurements) { Optional($0.schoolCode) }
        var probes: [ProbeHistory] = []
        for (code, places) in measurementPlaces {
            var byProbe: [String: ProbeHistory] = [:]
            for place in places {
                let measurement = city.measurements[place]
                let time = measurement.startedAt.millisecondsSinceEpoch
                byProbe[measurement.probeID, default: ProbeHistory(schoolCode: code, probeID: measurement.probeID)]
                    .add(time, isTest: measurement.kind == .throughputDown || measurement.kind == .throughputUp)
            }
            for var probe in byProbe.values {
                probe.resultTimesMs.sort()
                probe.testTimesMs.sort()
                probes.append(probe)
            }
        }
        self.probes = probes
    }

    private static func places<Row>(_ rows: [Row], _ key: (Row) -> String?) -> [String: [Int]] {
        var places: [String: [Int]] = [:]
        for (place, row) in rows.enumerated() {
            guard let code = key(row) else { continue }
            places[code, default: []].append(place)
        }
        return places
    }

    public func school(_ code: String) -> School? {
        schoolPlaces[code].map { city.schools[$0] }
    }

    /// The school of a code, looked for first at a place (the report keeps the city's order).
    func school(_ code: String, at place: Int) -> School? {
        if place < city.schools.count, city.schools[place].code == code { return city.schools[place] }
        return school(code)
    }

    public func assets(of code: String) -> [Asset] { (assetPlaces[code] ?? []).map { city.assets[$0] } }
    public func links(of code: String) -> [SchoolLink] { (linkPlaces[code] ?? []).map { city.links[$0] } }
    public func measurements(of code: String) -> [ProbeMeasurement] {
        (measurementPlaces[code] ?? []).map { city.measurements[$0] }
    }

    /// The codes of schools that have measurements.
    public var measuredSchools: Dictionary<String, [Int]>.Keys { measurementPlaces.keys }
}
