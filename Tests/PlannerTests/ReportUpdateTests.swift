import InventoryModel
import Planner
import SampleCity
import Testing

/// A report brought up to date after some schools changed is the report of the changed city,
/// figure for figure and byte for byte in its JSON.
@Suite("Report brought up to date")
struct ReportUpdateTests {
    static let asOf = SampleCityGenerator.Options().asOf

    /// A city of more schools than one JSON piece holds, so that pieces are kept and rewritten.
    static func city() -> Inventory {
        var options = SampleCityGenerator.Options()
        options.schools = 4_500
        options.seed = 11
        var generator = SampleCityGenerator(options: options)
        return generator.generate().canonical
    }

    /// The records of some schools, as a store answers what changed.
    static func records(of codes: Set<String>, in city: Inventory) -> Inventory {
        var records = Inventory()
        records.schools = city.schools.filter { codes.contains($0.code) }
        records.links = city.links.filter { codes.contains($0.schoolCode) }
        records.assets = city.assets.filter { $0.schoolCode.map(codes.contains) ?? false }
        records.measurements = city.measurements.filter { codes.contains($0.schoolCode) }
        return records
    }

    /// Schools changed in four ways, in four pieces of the JSON: the update is the whole
    /// judgement of the changed city, and its rewritten pieces are the whole report's bytes.
    @Test func changedSchoolsJudgedAgain() throws {
        var city = Self.city()
        let solver = ComplianceSolver(plan: city.plan, asOf: Self.asOf)
        let before = solver.evaluate(CityIndex(city))
        let pieces = before.jsonPieces()
        #expect(pieces.joined().elementsEqual(before.jsonBytes()))

        // One school's link cut, another's tests slow, a third's displays retired, a fourth
        // renamed and moved to another district, across different pieces of the JSON.
        let first = city.schools[10].code
        let second = city.schools[2_100].code
        let third = city.schools[4_400].code
        let fourth = city.schools[3_000].code
        city.links.removeAll { $0.schoolCode == first }
        for index in city.measurements.indices where city.measurements[index].schoolCode == second {
            city.measurements[index].mbps = 0.5
            city.measurements[index].crossTrafficMbps = 0
        }
        for index in city.assets.indices where city.assets[index].schoolCode == third {
            city.assets[index].status = .retired
        }
        city.schools[3_000].name = "新名字学校"
        city.schools[3_000].district = city.schools[0].district
        let changed: Set = [first, second, third, fourth]

        let full = solver.evaluate(CityIndex(city))
        let updated = try #require(
            solver.update(before, changed: changed, records: Self.records(of: changed, in: city)))
        #expect(updated != before)
        #expect(updated == full)
        var updatedPieces = pieces
        for (place, piece) in updated.jsonPieces(changed: changed) { updatedPieces[place] = piece }
        #expect(updatedPieces.joined().elementsEqual(full.jsonBytes()))
        // The four schools lie in four different pieces; with the city's, five are written again.
        #expect(updated.jsonPieces(changed: changed).count == 5)
    }

    /// A school added or deleted changes the city's list itself: the city is judged whole.
    @Test func addedOrDeletedSchoolsAreNotUpdates() {
        var city = Self.city()
        let solver = ComplianceSolver(plan: city.plan, asOf: Self.asOf)
        let before = solver.evaluate(CityIndex(city))
        let gone = city.schools[5].code
        #expect(solver.update(before, changed: [gone], records: Inventory()) == nil)
        var added = city.schools[5]
        added.code = "NEW-1"
        city.schools.append(added)
        #expect(solver.update(before, changed: ["NEW-1"], records: Self.records(of: ["NEW-1"], in: city)) == nil)
        // Nothing changed: the same report.
        #expect(solver.update(before, changed: [], records: Inventory()) == before)
    }
}
