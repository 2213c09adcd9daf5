import InventoryModel
import Planner

/// What the overview counts over the schools of a report, once per report: the city's tally
/// and each district's.
public struct CitySummary: Sendable {
    public let tally: ComplianceSolver.Tally
    let districts: [DistrictRow]
    /// Schools with a flag of each rule that flags any.
    let rules: [(rule: Rule, schools: Int)]

    /// - Complexity: O(schools and their flags).
    public init(_ report: ComplianceReport) {
        var tally = ComplianceSolver.Tally()
        var districts: [String: DistrictRow] = [:]
        for school in report.schools {
            tally.add(school)
            districts[school.district, default: DistrictRow(name: school.district)].add(school)
        }
        self.tally = tally
        self.districts = districts.values.sorted { $0.name < $1.name }
        rules = report.schoolsByRule
    }
}

/// A district's counts, and the shares the table shows and sorts by.
struct DistrictRow: Sendable {
    var name: String
    var tally = ComplianceSolver.Tally()
    var violating = 0

    init(name: String) {
        self.name = name
    }

    mutating func add(_ school: SchoolReport) {
        tally.add(school)
        if school.hasViolation { violating += 1 }
    }

    var connected: Double? { Share.of(tally.connected, tally.schools) }
    var bandwidth: Double? { Share.of(tally.bandwidthCompliant, tally.schools) }
    var display: Double? { Share.of(tally.classesWithDisplay, tally.classes) }
    var compliant: Double? { Share.of(tally.compliant, tally.schools) }

    /// Name ascending; counts descending; shares ascending (the worst first), ties by name.
    func sorts(before other: DistrictRow, by key: String) -> Bool {
        func byShare(_ a: Double?, _ b: Double?) -> Bool {
            (a ?? 2) != (b ?? 2) ? (a ?? 2) < (b ?? 2) : name < other.name
        }
        switch key {
        case "schools":
            return tally.schools != other.tally.schools ? tally.schools > other.tally.schools : name < other.name
        case "violating": return violating != other.violating ? violating > other.violating : name < other.name
        case "connected": return byShare(connected, other.connected)
        case "bandwidth": return byShare(bandwidth, other.bandwidth)
        case "display": return byShare(display, other.display)
        case "compliant": return byShare(compliant, other.compliant)
        default: return name < other.name
        }
    }
}

/// Shares as the tables show them.
enum Share {
    static func of(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
    static func text(_ share: Double?) -> String { share.map(Text.percent) ?? "—" }
    static func below(_ share: Double?) -> Bool { share.map { Compare.below($0, 1) } ?? false }
}
