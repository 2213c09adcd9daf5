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
    /// Past-life cutoffs for the as-of day; each worker takes a copy for lives assets state.
    let lifeCutoffs: LifeCutoffs

    /// A solver for a plan on a day.
    public init(plan: Plan, asOf: CalendarDate) {
        self.plan = plan
        self.asOf = asOf
        clock = PlanClock(plan: plan, asOf: asOf)
        lifeCutoffs = LifeCutoffs(plan: plan, day: asOf)
    }

    /// The report of a city: every school, in inventory order, and the city's flags and metrics.
    ///
    /// - Complexity: O(rows): each link, asset and measurement is read once; schools are
    ///   judged on every core.
    public func evaluate(_ city: CityIndex) -> ComplianceReport {
        let count = city.inventory.schools.count
        // Several parts a core, so that a core slowed by other work does not hold up the rest.
        let parts = max(1, min(4 * ProcessInfo.processInfo.activeProcessorCount, count / 1000))
        let tallies = Slots(count: parts, initial: Tally())
        // Each part writes its own range of the reports, straight into their final place.
        let schoolReports = [SchoolReport](unsafeUninitializedCapacity: count) { buffer, initialized in
            let out = UnsafeSendablePointer(buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                var scratch = Scratch(lifeCutoffs: lifeCutoffs)
                for index in (count * part / parts)..<(count * (part + 1) / parts) {
                    let report = judge(school: index, in: city, scratch: &scratch)
                    scratch.tally.add(report)
                    (out.pointer! + index).initialize(to: report)
                }
                tallies.set(part, scratch.tally)
            }
            initialized = count
        }
        let cityWide = judgeCity(city)
        return ComplianceReport(
            asOf: asOf, schools: schoolReports, cityFlags: cityWide.flags,
            metrics: metrics(tallies.values.reduce(Tally(), +), cityWide), cityWide: cityWide)
    }

    /// A report of this solver brought up to date after the records of some schools changed:
    /// those schools judged again from `records` (every record of theirs, as the store holds
    /// them now), the others as they were, the city's metrics counted again.
    ///
    /// - Parameters:
    ///   - report: this solver's report (same plan, same as-of day) of the city before.
    ///   - codes: the schools whose records changed.
    ///   - records: the schools among `codes` that exist now, with their links, assets and
    ///     measurements.
    /// - Returns: nil when the change is not to existing schools alone (a school was added or
    ///   deleted): the city must be judged whole.
    /// - Complexity: O(records of the changed schools + schools of the city).
    public func update(_ report: ComplianceReport, changed codes: Set<String>, records: Inventory)
        -> ComplianceReport?
    {
        precondition(report.asOf == asOf, "a report is brought up to date by a solver of its own day")
        guard records.schools.count == codes.count else { return nil }
        var places: [String: Int] = [:]
        places.reserveCapacity(codes.count)
        // By index: a loop over the reports themselves would copy each (four references).
        for place in report.schools.indices where codes.contains(report.schools[place].code) {
            places[report.schools[place].code] = place
        }
        guard places.count == codes.count else { return nil }
        var updated = report
        let city = CityIndex(records)
        var scratch = Scratch(lifeCutoffs: lifeCutoffs)
        for index in records.schools.indices {
            guard let place = places[records.schools[index].code] else { return nil }
            updated.schools[place] = judge(school: index, in: city, scratch: &scratch)
        }
        var tally = Tally()
        for place in updated.schools.indices { tally.add(updated.schools[place]) }
        updated.metrics = metrics(tally, report.cityWide)
        return updated
    }

    /// Buffers reused from school to school, and the counts the city metrics need.
    struct Scratch {
        var estimates: [Double] = []
        var utilisation: [Double] = []
        var lifeCutoffs: LifeCutoffs
        var tally = Tally()
    }

    /// What the city's flags and metrics read besides the schools' reports.
    struct CityWide: Hashable, Sendable {
        var flags: [Flag] = []
        var egressGbps = 0.0
        var cloudTB = 0.0
        var libraryTB = 0.0
        /// Purchase cost of the in-service assets of no school bought by the as-of day, in fen.
        var assetsFen: Int64 = 0
    }

    /// What the city metrics count over schools, summed part by part; the pages count a
    /// district's schools with it too, so a district's rates are the city's rules applied to it.
    public struct Tally: Sendable {
        public var schools = 0
        public var connected = 0
        public var kindergartens = 0
        public var kindergartensConnected = 0
        public var bandwidthCompliant = 0
        public var compliant = 0
        /// Classes of schools that are not kindergartens (班班通 judges kindergartens apart).
        public var classes = 0
        public var classesWithDisplay = 0
        /// Purchase cost of the schools' in-service assets bought by the as-of day, in fen.
        public var hardwareValueFen: Int64 = 0

        public init() {}

        /// Counts one school's report.
        public mutating func add(_ report: SchoolReport) {
            var hasLink = true
            var bandwidthMet = true
            var violation = false
            for flag in report.flags {
                if flag.rule == .noLink { hasLink = false }
                if flag.rule == .noLink || flag.rule == .contractBelowStandard || flag.rule == .measuredBelowStandard {
                    bandwidthMet = false
                }
                if flag.rule.severity == .violation { violation = true }
            }
            schools += 1
            hardwareValueFen = Fen.add(hardwareValueFen, report.hardwareValueFen)
            if hasLink { connected += 1 }
            if report.kind == .kindergarten {
                kindergartens += 1
                if hasLink { kindergartensConnected += 1 }
            } else {
                classes += report.classes
                classesWithDisplay += report.classesWithDisplay
            }
            if bandwidthMet { bandwidthCompliant += 1 }
            if !violation { compliant += 1 }
        }

        static func + (a: Tally, b: Tally) -> Tally {
            var sum = a
            sum.schools += b.schools
            sum.connected += b.connected
            sum.kindergartens += b.kindergartens
            sum.kindergartensConnected += b.kindergartensConnected
            sum.bandwidthCompliant += b.bandwidthCompliant
            sum.compliant += b.compliant
            sum.classes += b.classes
            sum.classesWithDisplay += b.classesWithDisplay
            sum.hardwareValueFen = Fen.add(sum.hardwareValueFen, b.hardwareValueFen)
            return sum
        }
    }

    /// The instants (milliseconds since the epoch) whose measurements a report of a day reads:
    /// the plan's measurement window up to the end of the day, in the plan's time zone.
    public static func measurementWindow(plan: Plan, asOf: CalendarDate) -> Range<Int64> {
        let clock = PlanClock(plan: plan, asOf: asOf)
        return min(clock.windowStartMs, clock.windowEndMs)..<clock.windowEndMs
    }

    /// The Mbps the plan requires for a school's classes.
    public func requiredMbps(_ school: School) -> Double {
        let c = school.classes
        let lower = school.isRuralBelowCentral ? plan.perClassRuralMbps : plan.perClassCentralAndAboveMbps
        switch plan.mixedSchoolRule {
        case .perStage:
            return Double(c.kindergarten) * plan.perClassKindergartenMbps + Double(c.primary + c.junior) * lower
                + Double(c.senior + c.vocational) * plan.perClassHighSchoolStageMbps
                + Double(c.special) * plan.perClassSpecialMbps
        case .strictest:
            var highest = 0.0
            if c.kindergarten > 0 { highest = max(highest, plan.perClassKindergartenMbps) }
            if c.primary + c.junior > 0 { highest = max(highest, lower) }
            if c.senior + c.vocational > 0 { highest = max(highest, plan.perClassHighSchoolStageMbps) }
            if c.special > 0 { highest = max(highest, plan.perClassSpecialMbps) }
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

    /// Whether an asset's expected life ended before the as-of day: its purchase day plus its
    /// whole years, plus the fraction of a year in days. An asset bought after the as-of day
    /// is not past its life: it did not exist yet.
    public func isPastLife(_ asset: Asset) -> Bool {
        asset.exists(on: asOf)
            && LifeCutoffs.lifeEnd(CivilDays.of(asset.purchaseDate), life: plan.expectedLife(of: asset))
                < CivilDays.of(asOf)
    }
}

/// A pointer handed to workers that write disjoint ranges behind it.
private struct UnsafeSendablePointer<Pointee>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Pointee>?
    init(_ pointer: UnsafeMutablePointer<Pointee>?) { self.pointer = pointer }
}
