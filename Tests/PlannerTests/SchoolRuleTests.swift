import InventoryModel
import Testing

@testable import Planner

@Suite("School rules")
struct SchoolRuleTests {
    /// The baseline scenario meets every rule, so each test below shows exactly one change.
    @Test func baselineMeetsThePlan() {
        let s = Scenario()
        #expect(s.rules.isEmpty)
        #expect(s.cityRules.isEmpty)
        #expect(s.schoolReport.requiredMbps == 120 && s.schoolReport.contractedMbps == 200)
        #expect(s.schoolReport.measuredMbps == 190)
    }

    /// Per-class rates by stage and level, and the strictest rule for mixed schools.
    @Test(arguments: [
        (Locality.urban, false, ClassCounts(kindergarten: 10), MixedSchoolRule.perStage, 50.0),
        (.village, false, ClassCounts(primary: 12), .perStage, 60),
        (.town, false, ClassCounts(primary: 12), .perStage, 60),
        (.town, true, ClassCounts(primary: 12), .perStage, 120),
        (.urbanCore, false, ClassCounts(junior: 12), .perStage, 120),
        (.countyCore, false, ClassCounts(senior: 10), .perStage, 150),
        (.urban, false, ClassCounts(vocational: 10), .perStage, 150),
        (.urban, false, ClassCounts(special: 5), .perStage, 50),
        (.village, false, ClassCounts(primary: 6, junior: 3), .perStage, 45),
        (.urban, false, ClassCounts(junior: 9, senior: 9), .perStage, 225),
        (.urban, false, ClassCounts(junior: 9, senior: 9), .strictest, 270),
        (.village, false, ClassCounts(kindergarten: 2, primary: 6), .strictest, 40),
    ])
    func requiredBandwidth(locality: Locality, central: Bool, classes: ClassCounts, rule: MixedSchoolRule, mbps: Double)
    {
        var plan = Plan()
        plan.mixedSchoolRule = rule
        let school = School(
            code: "S", name: "", district: "", locality: locality, central: central, kind: .nineYear, classes: classes)
        #expect(ComplianceSolver(plan: plan, asOf: CalendarDate(iso: "2026-11-24")!).requiredMbps(school) == mbps)
    }

    /// A contract exactly at the requirement passes; the next value below fails.
    @Test(arguments: [(120.0, false), (119.9, true), (60.0, true)])
    func contractBelowStandard(down: Double, flagged: Bool) {
        var s = Scenario()
        s.links[0].downMbps = down
        s.setTests([down, down, down])
        #expect(s.rules.contains(.contractBelowStandard) == flagged)
    }

    /// Contracts starting or ending on the as-of day are in force; a day either side is not.
    @Test(
        arguments: [
            ("2026-11-24", nil, false), (nil, "2026-11-24", false), ("2026-11-25", nil, true),
            (nil, "2026-11-23", true),
            ("2020-01-01", "2030-01-01", false),
        ] as [(String?, String?, Bool)])
    func contractDates(start: String?, end: String?, noLink: Bool) {
        var s = Scenario()
        s.links[0].contractStart = start.flatMap(CalendarDate.init(iso:))
        s.links[0].contractEnd = end.flatMap(CalendarDate.init(iso:))
        #expect(s.rules.contains(.noLink) == noLink)
        #expect(s.schoolReport.contractedMbps == (noLink ? 0 : 200))
    }

    /// With no link in force, the school is NO_LINK and not also judged on contract or tests.
    @Test func noLink() {
        var s = Scenario()
        s.links = []
        s.measurements = []
        #expect(s.rules == [.noLink])
    }

    /// A test 13 days back is in the 14-day window; one 14 days back is not.
    @Test func measurementWindow() {
        var s = Scenario()
        s.setTests([190, 190])
        s.addTests([190], daysBack: 13)
        #expect(s.schoolReport.measuredMbps == 190)
        s.setTests([190, 190])
        s.addTests([190], daysBack: 14)
        #expect(s.schoolReport.measuredMbps == nil)
        #expect(s.rules.contains(.noRecentMeasurement))
        // The window starts at 00:00 local time 13 days back.
        s.setTests([190, 190])
        s.measurements.append(
            ProbeMeasurement(
                id: "edge", schoolCode: "S1", probeID: "P1", kind: .throughputDown, startedAt: s.at(daysBack: 13, 0),
                durationSeconds: 10, mbps: 190))
        #expect(s.schoolReport.measuredMbps == 190)
        s.measurements[s.measurements.count - 1].startedAt = s.at(daysBack: 14, 23, 59)
        #expect(s.schoolReport.measuredMbps == nil)
    }

    /// Two valid tests and one invalid are too few: no measured rate, and a warning.
    @Test func invalidTestsDoNotCount() {
        var s = Scenario()
        s.setTests([190, 190])
        s.addTests([10], valid: false, daysBack: 3)
        #expect(s.schoolReport.measuredMbps == nil)
        let flag = s.schoolReport.flags.first { $0.rule == .noRecentMeasurement }
        #expect(flag?.value == 2 && flag?.threshold == 3 && flag?.severity == .warning)
    }

    /// The capacity estimate adds the cross-traffic seen during the test; the median of an even
    /// count is the mean of the middle two.
    @Test func crossTrafficAndMedian() {
        var s = Scenario()
        s.setTests([80, 90, 100], cross: 20)
        #expect(s.schoolReport.measuredMbps == 110)
        s.setTests([100, 110, 120, 130])
        #expect(s.schoolReport.measuredMbps == 115)
    }

    /// Measured goodput at exactly tolerance x required passes; just below fails.
    @Test(arguments: [(108.0, false), (107.99, true)])
    func measuredBelowStandard(measured: Double, flagged: Bool) {
        var s = Scenario()
        s.links[0].downMbps = 120
        s.setTests([measured, measured, measured])
        #expect(s.rules.contains(.measuredBelowStandard) == flagged)
        if flagged {
            let flag = s.schoolReport.flags.first { $0.rule == .measuredBelowStandard }!
            #expect(flag.threshold == 0.9 * 120 && flag.unit == "Mbps" && flag.severity == .violation)
            #expect(flag.message.contains("90% of the 120 Mbps the plan requires"))
        }
    }

    /// Measured goodput at exactly tolerance x contracted passes; just below is a warning.
    @Test(arguments: [(180.0, false), (179.9, true)])
    func underDelivering(measured: Double, flagged: Bool) {
        var s = Scenario()
        s.setTests([measured, measured, measured])
        #expect(s.rules.contains(.underDelivering) == flagged)
        #expect(!s.rules.contains(.measuredBelowStandard))
    }

    /// The nearest-rank p95 of school-hour samples against 80% of capacity; samples outside
    /// school hours (before 08:00, from 17:00, at weekends) are not counted.
    @Test func congestion() {
        var s = Scenario()
        s.setTests([100, 100, 100])  // capacity 100 Mbps, limit 80
        for slot in 0..<19 { s.addSample(10, at: s.at(daysBack: 0, 9, slot * 5)) }
        s.addSample(80, at: s.at(daysBack: 0, 16, 55))  // the 20th sample: p95 is the 19th smallest
        s.addSample(95, at: s.at(daysBack: 0, 16, 50))
        #expect(s.rules.contains(.congested) == false)  // 21 samples: rank ceil(19.95) = 20th = 80
        s.addSample(99, at: s.at(daysBack: 0, 7, 55))
        s.addSample(99, at: s.at(daysBack: 0, 17, 0))
        s.addSample(99, at: s.at(daysBack: 3, 11, 0))  // Saturday
        #expect(s.rules.contains(.congested) == false)
        s.addSample(80.5, at: s.at(daysBack: 0, 12, 0))
        s.addSample(81, at: s.at(daysBack: 0, 12, 5))
        // 23 samples: rank ceil(21.85) = 22nd smallest = 81.
        let flag = s.schoolReport.flags.first { $0.rule == .congested }
        #expect(flag?.value == 81 && flag?.threshold == 80)
    }

    /// Congestion is judged against the contract when there is no measured rate.
    @Test func congestionAgainstContract() {
        var s = Scenario()
        s.setTests([])
        for slot in 0..<20 { s.addSample(170, at: s.at(daysBack: 0, 9, slot * 5)) }
        #expect(s.rules.contains(.congested))  // 170 > 0.8 x 200
    }

    /// Faulty and spare displays are not counted; one display short fails a school.
    @Test(arguments: [(12, 0, 0, false), (11, 1, 0, true), (11, 0, 1, true), (13, 0, 0, false)])
    func displayCoverage(inService: Int, faulty: Int, spare: Int, flagged: Bool) {
        var s = Scenario()
        s.setDisplays(inService: inService, faulty: faulty, spare: spare)
        #expect(s.rules.contains(.displayCoverage) == flagged)
        #expect(s.schoolReport.classesWithDisplay == min(inService, 12))
    }

    /// Kindergartens of one star are not held to a share; two stars need 70%.
    @Test(arguments: [(1, 0, false), (2, 7, false), (2, 6, true), (nil, 0, false)] as [(Int?, Int, Bool)])
    func kindergartenDisplays(stars: Int?, displays: Int, flagged: Bool) {
        var s = Scenario()
        s.school.kind = .kindergarten
        s.school.classes = ClassCounts(kindergarten: 10)
        s.school.kindergartenStars = stars
        s.setDisplays(inService: displays)
        #expect(s.rules.contains(.displayCoverage) == flagged)
    }

    /// Full wireless in central urban districts, county cores and demonstration vocational schools only.
    @Test(arguments: [
        (Locality.urbanCore, SchoolKind.primary, VocationalDemo?.none, 100.0, false),
        (.urbanCore, .primary, nil, 99.9, true),
        (.countyCore, .primary, nil, 50, true),
        (.urban, .primary, nil, 50, false),
        (.town, .vocational, .provincial, 90, true),
        (.town, .vocational, .city, 90, false),
    ])
    func wireless(locality: Locality, kind: SchoolKind, demo: VocationalDemo?, coverage: Double, flagged: Bool) {
        var s = Scenario()
        s.school.locality = locality
        s.school.kind = kind
        s.school.vocationalDemo = demo
        s.school.wirelessCoveragePct = coverage
        #expect(s.rules.contains(.wirelessCoverage) == flagged)
    }

    /// Provincial and national demonstration vocational schools need 1000 Mbps contracted.
    @Test(arguments: [(VocationalDemo.provincial, 1000.0, false), (.national, 999, true), (.city, 200, false)])
    func vocationalDemonstration(demo: VocationalDemo, down: Double, flagged: Bool) {
        var s = Scenario()
        s.school.kind = .vocational
        s.school.classes = ClassCounts(vocational: 12)
        s.school.itStaff = 2
        s.links[0].downMbps = down
        s.setTests([down, down, down])
        s.school.vocationalDemo = demo
        #expect(s.rules.contains(.vocationalDemoAccess) == flagged)
    }

    /// One IT staff per started 12 primary classes, two per started 12 secondary classes.
    @Test(arguments: [(4, false), (3, true)])
    func itStaff(staff: Int, flagged: Bool) {
        var s = Scenario()
        s.school.kind = .nineYear
        s.school.classes = ClassCounts(primary: 13, junior: 12)  // 2 x 1 + 1 x 2 = 4
        s.school.itStaff = staff
        s.setDisplays(inService: 25)
        s.links[0].downMbps = 300
        s.setTests([280, 280, 280])
        #expect(s.rules.contains(.itStaff) == flagged)
        #expect(s.rules.count == (flagged ? 1 : 0))
    }

    /// An asset whose life ends on the as-of day is not past it; a day earlier it is. Retired
    /// assets and assets with their own life are judged accordingly.
    @Test func assetPastLife() {
        var s = Scenario()
        func router(_ bought: String, life: Double? = nil, status: AssetStatus = .inService) -> Asset {
            Asset(
                assetTag: "R" + bought, schoolCode: "S1", category: .router, purchaseDate: CalendarDate(iso: bought)!,
                purchaseCostYuan: 5000, expectedLifeYears: life, status: status)
        }
        s.assets.append(router("2018-11-24"))  // 8 years end on the as-of day
        #expect(!s.rules.contains(.assetPastLife))
        s.assets.append(router("2018-11-23"))
        s.assets.append(router("2010-01-01", status: .retired))
        s.assets.append(router("2021-11-23", life: 5))
        let flag = s.schoolReport.flags.first { $0.rule == .assetPastLife }
        #expect(flag?.value == 2 && flag?.severity == .warning)
    }
}

@Suite("Asset life cutoffs")
struct AssetLifeCutoffTests {
    /// The one-comparison cutoff gives the same verdict as adding the life to each purchase day,
    /// across leap days and fractional lives.
    @Test(arguments: ["2026-11-24", "2028-02-29", "2027-03-01", "2026-01-01"])
    func cutoffMatchesDateArithmetic(asOf: String) {
        let day = CalendarDate(iso: asOf)!
        let solver = ComplianceSolver(plan: Plan(), asOf: day)
        var cutoffs = LifeCutoffs(plan: Plan(), day: day)
        for life in [0.5, 1, 5, 5.5, 6, 8, 8.25, 10] as [Double?] + [nil] {
            for back in stride(from: Int((life ?? 8) * 365) - 400, through: Int((life ?? 8) * 365) + 400, by: 1) {
                let asset = Asset(
                    assetTag: "A", schoolCode: "S", category: .router, purchaseDate: day.adding(days: -back),
                    purchaseCostYuan: 1, expectedLifeYears: life, status: .inService)
                let fast = cutoffs.isPastLife(purchased: asset.purchaseDate, category: asset.category, life: life)
                #expect(solver.isPastLife(asset) == fast, "\(String(describing: life)) \(back)")
            }
        }
    }

    /// Median and nearest rank by selection agree with sorting, on lists short and long, with
    /// repeats and without.
    @Test func orderStatisticsAgreeWithSorting() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let count = Int.random(in: 1...120, using: &generator)
            let spread = [3, 50, 1_000_000].randomElement(using: &generator)!
            let values = (0..<count).map { _ in Double(Int.random(in: 0..<spread, using: &generator)) / 4 }
            let sorted = values.sorted()
            let middle = count / 2
            var copy = values
            #expect(
                Statistics.median(&copy)
                    == (count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2))
            for p in [0.05, 0.5, 0.95, 1] {
                copy = values
                let rank = Int((p * Double(count) - 1e-9).rounded(.up))
                #expect(Statistics.nearestRank(p, &copy) == sorted[min(max(rank, 1), count) - 1], "\(p) \(values)")
            }
        }
    }
}
