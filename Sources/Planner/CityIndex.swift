import Dispatch
import Foundation
import InventoryModel

/// The city grouped by school, built once so that every evaluation reads each school's links,
/// assets and measurements as contiguous runs.
///
/// Assets and measurements are kept as compact facts (the few fields the rules read), in school
/// order: the rules then stream through a few bytes a row instead of whole records.
///
/// - Complexity: O(rows) to build: links by one code lookup per row (rows of one school usually
///   follow each other, and a repeated code is not looked up again); facts already in school
///   order (as a folder SchoolNet exports has them) are taken as they are, others are put in
///   order by a counting sort.
public struct CityIndex: Sendable {
    public let inventory: Inventory
    let links: Groups
    let assets: SchoolOrder<AssetFact>
    let measurements: SchoolOrder<MeasurementFact>

    /// Rows of a list grouped by school: school `i` owns `rows[start[i]..<start[i + 1]]`.
    struct Groups: Sendable {
        var start: [Int32]
        var rows: [Int32]

        @inline(__always)
        func range(_ school: Int) -> Range<Int> { Int(start[school])..<Int(start[school + 1]) }
    }

    /// Groups a whole inventory. Rows naming an unknown school (which a checked folder never
    /// has) are left out of every school.
    public init(_ inventory: Inventory) {
        self.init(CityFacts(inventory))
    }

    /// Groups a city read as facts.
    public init(_ city: CityFacts) {
        let inventory = city.inventory
        self.inventory = inventory
        let count = inventory.schools.count
        let links = Slots(count: 1, initial: Groups(start: [], rows: []))
        let assets = Slots<SchoolOrder<AssetFact>?>(count: 1, initial: nil)
        let measurements = Slots<SchoolOrder<MeasurementFact>?>(count: 1, initial: nil)
        // The three lists are grouped at once, one a core.
        DispatchQueue.concurrentPerform(iterations: 3) { list in
            switch list {
            case 0: links.set(0, CityIndex.group(inventory.links, schools: inventory.schools))
            case 1: assets.set(0, SchoolOrder(city.assets, schools: count))
            default: measurements.set(0, SchoolOrder(city.measurements, schools: count))
            }
        }
        self.links = links.values[0]
        self.assets = assets.values[0]!
        self.measurements = measurements.values[0]!
    }

    /// Groups links by the school they name; rows are read in place, not copied out.
    private static func group(_ rows: [SchoolLink], schools: [School]) -> Groups {
        var places = SchoolPlaces(schools)
        var owner = [Int32](repeating: -1, count: rows.count)
        var counts = [Int32](repeating: 0, count: schools.count + 1)
        rows.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                let place = places.place(of: buffer[index].schoolCode) ?? -1
                owner[index] = place
                if place >= 0 { counts[Int(place) + 1] += 1 }
            }
        }
        for i in 0..<schools.count { counts[i + 1] += counts[i] }
        var next = counts
        var grouped = [Int32](repeating: 0, count: Int(counts[schools.count]))
        for (index, school) in owner.enumerated() where school >= 0 {
            grouped[Int(next[Int(school)])] = Int32(index)
            next[Int(school)] += 1
        }
        return Groups(start: counts, rows: grouped)
    }
}

/// Facts grouped by school: each school's facts lie together, in the order they came.
///
/// Facts already grouped (as a folder SchoolNet exports has them, sorted by tags and ids that
/// begin with the school's code) are taken as they are; others are put in school order by a
/// stable counting sort.
struct SchoolOrder<Fact: SchoolFact>: Sendable {
    let facts: [Fact]
    /// School `i`'s facts are `facts[start[i]..<start[i] + count[i]]`.
    private let start: [Int32]
    private let count: [Int32]
    /// The facts of no school (the city's own).
    let ofNoSchool: [Fact]

    /// - Precondition: every fact's school is -1 or less than `schools`.
    init(_ facts: [Fact], schools: Int) {
        var start = [Int32](repeating: 0, count: schools)
        var count = [Int32](repeating: 0, count: schools)
        var ofNoSchool: [Fact] = []
        // Grouped: the schools never go back, and no fact of another school (or of none) lies
        // between two facts of one school.
        var grouped = true
        facts.withUnsafeBufferPointer { facts in
            var last: Int32 = -1
            var otherSinceLast = false
            for (index, fact) in facts.enumerated() {
                let school = fact.school
                precondition(school >= -1 && Int(school) < schools, "a fact names no school of the city")
                guard school >= 0 else {
                    ofNoSchool.append(fact)
                    otherSinceLast = true
                    continue
                }
                if school != last {
                    if school < last { grouped = false }
                    start[Int(school)] = Int32(index)
                } else if otherSinceLast {
                    grouped = false
                }
                count[Int(school)] += 1
                last = school
                otherSinceLast = false
            }
        }
        self.ofNoSchool = ofNoSchool
        self.count = count
        guard !grouped else {
            self.facts = facts
            self.start = start
            return
        }
        // A stable counting sort: each fact goes to the next free place of its school.
        var sum: Int32 = 0
        for school in 0..<schools {
            start[school] = sum
            sum += count[school]
        }
        self.start = start
        var next = start
        self.facts = [Fact](unsafeUninitializedCapacity: Int(sum)) { buffer, initialized in
            for fact in facts where fact.school >= 0 {
                (buffer.baseAddress! + Int(next[Int(fact.school)])).initialize(to: fact)
                next[Int(fact.school)] += 1
            }
            initialized = Int(sum)
        }
    }

    /// Where school `school`'s facts lie in `facts`.
    @inline(__always)
    func range(_ school: Int) -> Range<Int> { Int(start[school])..<Int(start[school] + count[school]) }
}
