import InventoryModel
import Planner
import Testing

@Suite("The planners take any value their input types hold, without a trap")
struct ExtremeValueTests {
    static let lastDay = CalendarDate(year: 9999, month: 12, day: 31)!

    /// A school with assets whose lives, prices and dates are at the ends of what the types
    /// hold, and utilisation samples of 1e25 Mbps.
    static var scenario: Scenario {
        var s = Scenario()
        let lives: [Double?] = [1e19, -1e19, .infinity, -.infinity, .nan, 1e300, 0, 100, nil]
        let days: [CalendarDate] = [
            CalendarDate(daysSinceEpoch: .min), CalendarDate(daysSinceEpoch: .max), lastDay,
            CalendarDate(year: 1, month: 1, day: 1)!, s.asOf,
        ]
        let prices = [1e300, -1e300, .nan, .infinity, 2260.35]
        for (index, life) in lives.enumerated() {
            for (dayIndex, day) in days.enumerated() {
                s.assets.append(
                    Asset(
                        assetTag: "X\(index)-\(dayIndex)", schoolCode: index % 2 == 0 ? "S1" : nil, category: .router,
                        purchaseDate: day, purchaseCostYuan: prices[(index + dayIndex) % prices.count],
                        warrantyEnd: days[(dayIndex + 1) % days.count], expectedLifeYears: life,
                        status: dayIndex % 2 == 0 ? .inService : .faulty))
            }
        }
        for slot in 0..<4 { s.addSample(1e25, at: s.at(daysBack: 1, 10, slot * 5)) }
        s.addTests([1e25, 1e25, 1e25])
        s.plan.linkOffers = [LinkOffer(mbps: 1000, monthlyYuan: 1000)]
        return s
    }

    /// The compliance solver, the capacity planner, the renewal planner and the declaration
    /// give a result for extreme assets and samples, as of 9999-12-31 and an ordinary day.
    @Test(arguments: [lastDay, CalendarDate(iso: "2026-11-24")!, CalendarDate(daysSinceEpoch: .max)])
    func everyPlanner(asOf: CalendarDate) {
        var s = Self.scenario
        s.asOf = asOf
        let report = s.report
        #expect(report.schools.count == 1)
        let capacity = CapacityPlanner(plan: s.plan, asOf: asOf).plan(s.inventory, report: report, years: 5)
        #expect(capacity.egress.yearly.count == 5)
        #expect(capacity.upgrades.allSatisfy { $0.lines >= 0 })
        #expect(!CapacityReport.json(capacity).isEmpty && !CapacityReport.markdown(capacity).isEmpty)
        let planner = RenewalPlanner(plan: s.plan)
        for (start, years) in [(asOf.year + 1, 3), (9999, 3), (Int.max, Int.max), (Int.min, 5), (2027, -4), (1, 0)] {
            let schedule = planner.schedule(s.inventory, startYear: start, years: years, asOf: asOf)
            #expect(schedule.years.allSatisfy { (1...9999).contains($0.year) })
            for text in [
                RenewalReport.csv(schedule), RenewalReport.json(schedule), RenewalReport.markdown(schedule),
                RenewalReport.table(schedule),
            ] {
                #expect(!text.isEmpty)
            }
        }
        for start in [2027, 9999, 10_000] {
            let declaration = OperationsDeclaration(
                s.inventory, plan: s.plan, asOf: asOf, startYear: start, grouping: .school)
            #expect(!declaration.markdown.isEmpty && !declaration.projectsCSV.isEmpty)
        }
    }

    /// A life of 1e19 years never ends, a NaN or negative one ends at purchase; a day count at
    /// the end of the type holds.
    @Test func lifecycleAtTheEnds() {
        let asset = Asset(
            assetTag: "A", schoolCode: nil, category: .server, purchaseDate: CalendarDate(iso: "2020-01-01")!,
            purchaseCostYuan: 1000, expectedLifeYears: 1e19, status: .inService)
        let lifecycle = AssetLifecycle(asset: asset, plan: Plan(), on: Self.lastDay)
        #expect(!lifecycle.isPastLife && lifecycle.lifeEnd == CalendarDate(daysSinceEpoch: .max))
        var short = asset
        short.expectedLifeYears = -1e19
        #expect(AssetLifecycle(asset: short, plan: Plan(), on: Self.lastDay).isPastLife)
        #expect(ComplianceSolver(plan: Plan(), asOf: Self.lastDay).isPastLife(short))
        let far = AssetLifecycle(asset: asset, plan: Plan(), on: CalendarDate(daysSinceEpoch: .max))
        #expect(far.ageYears > 5_000_000)
    }

    /// The cheapest offer for 1e25 Mbps is a count of lines held at Int.max, not a trap.
    @Test func offerForAnyRate() {
        let offers = [LinkOffer(mbps: 1000, monthlyYuan: 1000)]
        #expect(CapacityPlanner.cheapestOffer(for: 1e25, in: offers)?.1 == Int.max)
        #expect(CapacityPlanner.cheapestOffer(for: .infinity, in: offers)?.1 == Int.max)
        #expect(CapacityPlanner.cheapestOffer(for: 2500, in: offers)?.1 == 3)
    }

    /// Payment schedules of projects in years past 9999 have due days, and add up.
    @Test func paymentsAfterYear9999() {
        let payments = PaymentRules.schedule(totalFen: 1_000_001, year: 10_000)
        #expect(payments.count == 3 && payments.reduce(Int64(0)) { $0 + $1.amountFen } == 1_000_001)
        #expect(PaymentRules.violations(payments, totalFen: 1_000_001).isEmpty)
    }
}
