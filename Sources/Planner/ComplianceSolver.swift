import Dispatch
import Foundation
import InventoryModel

/// Judges every school and the city against the plan (standards.md), as of a day.
///
/// Pure: no I/O, the same inputs give the same report.
public struct ComplianceSolver: Sendable {
    public let plan: Plan
    public let asOf: CalendarDate
    let clock: PlanClock

    /// A solver for a plan on a day.
    public init(plan: Plan, asOf: CalendarDate) {
        self.plan = plan
        self.asOf = asOf
        clock = PlanClock(plan: plan, asOf: asOf)
    }

    /// The report of a city: every school, in inventory order, and the city's flags and metrics.
    ///
    /// - Complexity: O(rows): each link, asset and measurement is read once; schools are
    ///   judged on every core.
    public func evaluate(_ city: CityIndex) -> ComplianceReport {
        let schools = city.inventory.schools
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, schools.count / 1000))
        let reports = PartReports(parts: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var scratch = Scratch()
            let range = (schools.count * part / parts)..<(schools.count * (part + 1) / parts)
            var judged: [SchoolReport] = []
            judged.reserveCapacity(range.count)
            for index in range { judged.append(judge(school: index, in: city, scratch: &scratch)) }
            reports.set(part, judged)
        }
        let schoolReports = reports.joined
        let (cityFlags, metrics) = judgeCity(city, schools: schoolReports)
        return ComplianceReport(asOf: asOf, schools: schoolReports, cityFlags: cityFlags, metrics: metrics)
    }

    /// Buffers reused from school to school.
    struct Scratch {
        var estimates: [Double] = []
        var utilisation: [Double] = []
    }

    /// The Mbps the plan requires for a school's classes.
    public func requiredMbps(_ school: School) -> Double {
        let c = school.classes
        let lower = school.isRuralBelowCentral ? plan.perClassRuralMbps : plan.perClassCentralAndAboveMbps
        let rates: [(Int, Double)] = [
            (c.kindergarten, plan.perClassKindergartenMbps), (c.primary + c.junior, lower),
            (c.senior + c.vocational, plan.perClassHighSchoolStageMbps), (c.special, plan.perClassSpecialMbps),
        ]
        switch plan.mixedSchoolRule {
        case .perStage:
            return rates.reduce(0) { $0 + Double($1.0) * $1.1 }
        case .strictest:
            let highest = rates.filter { $0.0 > 0 }.map(\.1).max() ?? 0
            return Double(c.total) * highest
        }
    }

    /// The IT staff the plan requires: per 12 primary classes, and per 12 secondary classes.
    public func requiredITStaff(_ school: School) -> Double {
        let c = school.classes
        let primaryGroups = (c.primary + 11) / 12
        let secondaryGroups = (c.junior + c.senior + c.vocational + 11) / 12
        return Double(primaryGroups) * plan.staffPer12ClassesPrimary
            + Double(secondaryGroups) * plan.staffPer12ClassesSecondary
    }

    /// Whether an asset's expected life ended before the as-of day.
    public func isPastLife(_ asset: Asset) -> Bool {
        let life = plan.expectedLife(of: asset)
        let whole = Int(life.rounded(.down))
        let end = asset.purchaseDate.adding(years: whole).adding(days: Int(((life - Double(whole)) * 365.25).rounded()))
        return end < asOf
    }
}

/// Reports of consecutive ranges of schools, each written once by its own worker.
private final class PartReports: @unchecked Sendable {
    private var parts: [[SchoolReport]]
    private let lock = NSLock()

    init(parts: Int) {
        self.parts = Array(repeating: [], count: parts)
    }

    func set(_ part: Int, _ reports: [SchoolReport]) {
        lock.withLock { parts[part] = reports }
    }

    var joined: [SchoolReport] { lock.withLock { parts.flatMap { $0 } } }
}
