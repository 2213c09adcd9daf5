import InventoryModel
import SampleCity
import Testing

@testable import Planner

@Suite("Capacity: link upgrades, egress and storage forecasts")
struct CapacityPlannerTests {
    static let offers = Plan().linkOffers

    /// The cheapest offer at least as fast as the need: at a speed exactly, just above it, with a
    /// faster offer cheaper than a slower one, beyond the fastest, and with no offers.
    @Test(arguments: [
        (100.0, 100.0, 1), (100.01, 200, 1), (20, 20, 1), (0, 20, 1), (1000, 1000, 1), (1000.5, 1000, 2),
        (2500, 1000, 3),
    ])
    func cheapestOffer(needed: Double, mbps: Double, lines: Int) throws {
        let (offer, count) = try #require(CapacityPlanner.cheapestOffer(for: needed, in: Self.offers))
        #expect(offer.mbps == mbps && count == lines)
    }

    @Test func cheapestOfferByPriceNotSpeed() {
        let offers = [
            LinkOffer(mbps: 100, monthlyYuan: 1500), LinkOffer(mbps: 200, monthlyYuan: 1200),
            LinkOffer(mbps: 300, monthlyYuan: 1200),
        ]
        #expect(CapacityPlanner.cheapestOffer(for: 90, in: offers)?.0 == offers[1])  // cheaper, and the slower on a tie
        #expect(CapacityPlanner.cheapestOffer(for: 90, in: []) == nil)
    }

    /// A school whose contract is below its requirement gets the cheapest product meeting it; a
    /// measured peak with headroom above the requirement raises the need.
    @Test func upgradeMeetsRequirementAndHeadroom() throws {
        var s = Scenario()
        s.links[0].downMbps = 100  // required: 12 classes x 10 = 120
        s.links[0].monthlyCostYuan = 1300
        s.setTests([95, 95, 95])
        var upgrade = try #require(plan(s).upgrades.first)
        #expect(upgrade.action == .upgrade && upgrade.neededMbps == 120 && upgrade.offer?.mbps == 200)
        #expect(
            upgrade.currentYearlyYuan == 15_600 && upgrade.newYearlyYuan == 24_000 && upgrade.addedYearlyYuan == 8400)

        s.addSample(180, at: s.at(daysBack: 1, 10))  // 180 x 1.3 = 234: needs 300
        upgrade = try #require(plan(s).upgrades.first)
        #expect(upgrade.peakMbps == 180 && abs(upgrade.neededMbps - 234) < 1e-9 && upgrade.offer?.mbps == 300)

        s.plan.capacityHeadroom = 0.1  // 198: 200 is enough
        #expect(plan(s).upgrades.first?.offer?.mbps == 200)
    }

    /// A link that delivers less than its contract, where the contract covers the need: hold the
    /// carrier to it instead of buying more; a school that meets the standard is not listed.
    @Test func enforceContractAndCompliantSchools() {
        var s = Scenario()
        #expect(plan(s).upgrades.isEmpty)
        s.setTests([90, 90, 90])  // measured 90 < 0.9 x 120
        let upgrade = plan(s).upgrades.first
        #expect(upgrade?.action == .enforceContract && upgrade?.offer == nil && upgrade?.addedYearlyYuan == 0)
        s.links = []
        #expect(plan(s).upgrades.first?.action == .newLink)
    }

    /// Over the sample city, every upgrade is the cheapest offer that meets its need.
    @Test func sampleCityUpgradesAreCheapest() {
        var generator = SampleCityGenerator(options: .init())
        let city = generator.generate()
        let asOf = SampleCityGenerator.Options().asOf
        let report = ComplianceSolver(plan: city.plan, asOf: asOf).evaluate(CityIndex(city))
        let plan = CapacityPlanner(plan: city.plan, asOf: asOf).plan(city, report: report, years: 5)
        #expect(!plan.upgrades.isEmpty)
        for upgrade in plan.upgrades where upgrade.action != .enforceContract {
            let offer = upgrade.offer!
            #expect(offer.mbps * Double(upgrade.lines) >= upgrade.neededMbps)
            #expect(upgrade.neededMbps >= upgrade.requiredMbps)
            if upgrade.lines == 1 {
                #expect(
                    !city.plan.linkOffers.contains {
                        $0.mbps >= upgrade.neededMbps && $0.monthlyYuan < offer.monthlyYuan
                    })
            }
        }
    }

    /// Storage readings growing on a line with noise: the fit recovers the slope within 5% and the
    /// day the pool is full within the 95% range.
    @Test func storageForecastRecoversSlope() throws {
        var s = Scenario()
        var random = SeededGenerator(seed: 7)
        let start = s.asOf.adding(days: -360)
        s.storage = (0...36).map { step in
            let day = start.adding(days: step * 10)
            let used = 100 + 0.2 * Double(step * 10) + random.double(-2, 2)
            return StorageReading(pool: "C", kind: .cloudStorage, capacityTB: 300, usedTB: used, asOf: day)
        }
        let pool = try #require(plan(s).storage.first { $0.name == "C" })
        let growth = try #require(pool.growthTBPerYear)
        #expect(abs(growth - 0.2 * 365.25) / (0.2 * 365.25) < 0.05)
        // Used today is about 172: full (300) about 640 days on.
        let full = try #require(pool.fullOn)
        let expected = s.asOf.adding(days: 640)
        #expect(abs(Int(full.daysSinceEpoch - expected.daysSinceEpoch)) < 32)
        #expect(pool.fullEarliest! <= full && full <= pool.fullLatest!)
        let total = try #require(plan(s).storage.first { $0.name == "cloud_storage total" })
        #expect(total.targetTB == 500 && total.targetReachedOn! > full)
        #expect(total.growthTBPerYear == growth)
    }

    /// Utilisation growing linearly over 60 days at ten schools: the daily p95 line's slope is
    /// within 5% of the generated one, and growth is fitted rather than assumed.
    @Test func egressForecastRecoversSlope() throws {
        var s = Scenario()
        var random = SeededGenerator(seed: 3)
        var inventory = s.inventory
        inventory.measurements = []
        inventory.schools = (0..<10).map { index in
            var school = s.school
            school.code = "S\(index)"
            return school
        }
        // Each school: 50 Mbps plus 0.5 Mbps a day, +-3% noise, every 5 minutes 08:00-17:00.
        for back in 0..<60 {
            for index in 0..<10 {
                for slot in 0..<108 {
                    let rate = (50 + 0.5 * Double(60 - back)) * random.double(0.97, 1.03)
                    let time = s.at(daysBack: back, 8, slot * 5)
                    inventory.measurements.append(
                        ProbeMeasurement(
                            id: "U\(back)-\(index)-\(slot)", schoolCode: "S\(index)", probeID: "P",
                            kind: .utilisationDown, startedAt: time, durationSeconds: 300, mbps: rate))
                }
            }
        }
        s.plan.capacityMinHistoryDays = 28
        let report = ComplianceSolver(plan: s.plan, asOf: s.asOf).evaluate(CityIndex(inventory))
        let egress = CapacityPlanner(plan: s.plan, asOf: s.asOf).plan(inventory, report: report, years: 5).egress
        #expect(egress.growthIsFitted && egress.historyDays == 60 && egress.unmeasuredSchools == 0)
        let slope = try #require(egress.fit?.slope)
        #expect(abs(slope - 5) / 5 < 0.05, "fitted \(slope) Mbps a day, generated 5")
        #expect(egress.yearly.count == 5 && egress.yearly[1].demandGbps > egress.yearly[0].demandGbps)

        // Too short a history: the plan's assumed growth, compounded.
        s.plan.capacityMinHistoryDays = 61
        let assumed = CapacityPlanner(plan: s.plan, asOf: s.asOf).plan(inventory, report: report, years: 2).egress
        #expect(!assumed.growthIsFitted && assumed.yearlyGrowth == 0.2)
    }

    /// Egress demand: the p95 of the city-wide slot sums plus unmeasured schools at concurrency.
    @Test func egressDemand() {
        var s = Scenario()
        for slot in 0..<20 { s.addSample(Double(slot + 1) * 10, at: s.at(daysBack: 1, 9, slot * 5)) }
        var plan = plan(s).egress
        #expect(plan.measuredP95Mbps == 190 && plan.unmeasuredSchools == 0 && plan.slots == 20)
        s.measurements.removeAll { $0.kind == .utilisationDown }
        plan = self.plan(s).egress
        #expect(plan.unmeasuredMbps == 120 * 0.5 && abs(plan.demandGbps - 0.06) < 1e-12)
        #expect(plan.capacityGbps == 30 && plan.outgrowsTargetOn != nil)
    }

    func plan(_ s: Scenario) -> CapacityPlan {
        CapacityPlanner(plan: s.plan, asOf: s.asOf).plan(s.inventory, report: s.report, years: 5)
    }
}

@Suite("Operations declaration and payment schedules")
struct DeclarationTests {
    static let city = Inventory.generated(schools: 200, seed: 1)

    /// Every schedule has at least three instalments, the first at most 30%, at most 70% before
    /// final acceptance, and adds up to the total in fen.
    @Test(arguments: [Int64(0), 1, 100, 3333, 9_999_999, 123_456_789, 280_964_252, 100_000_000_000, .max])
    func paymentRules(total: Int64) {
        let payments = PaymentRules.schedule(totalFen: total, year: 2027)
        #expect(PaymentRules.violations(payments, totalFen: total).isEmpty)
        #expect(payments.reduce(Int64(0)) { $0 + $1.amountFen } == total)
        #expect(payments.count >= 3 && payments.last?.beforeAcceptance == false)
    }

    /// The check itself catches schedules that break the rules.
    @Test func paymentRulesCatchBreaches() {
        var payments = PaymentRules.schedule(totalFen: 100_000, year: 2027)
        payments[0].amountFen = 40_000
        payments[1].amountFen = 30_000
        #expect(PaymentRules.violations(payments, totalFen: 100_000) == ["first instalment above 30%"])
        payments[1].amountFen = 40_000
        payments[2].amountFen = 20_000
        #expect(PaymentRules.violations(payments, totalFen: 100_000).contains("more than 70% before final acceptance"))
        #expect(
            PaymentRules.violations(Array(payments.prefix(2)), totalFen: 70_000).contains("fewer than 3 instalments"))
        payments[2].amountFen = 20_001
        #expect(PaymentRules.violations(payments, totalFen: 100_000).contains { $0.hasPrefix("instalments add up to") })
    }

    /// The hardware list holds every asset not retired once; projects are the renewal plan's
    /// first three years, their payments within the rules.
    @Test(arguments: OperationsDeclaration.Grouping.allCases)
    func declaration(grouping: OperationsDeclaration.Grouping) {
        let asOf = CalendarDate(iso: "2026-11-24")!
        let declaration = OperationsDeclaration(
            Self.city, plan: Plan(), asOf: asOf, startYear: 2027, grouping: grouping)
        let listed = Self.city.assets.filter { $0.status != .retired }
        #expect(declaration.hardware.reduce(0) { $0 + $1.quantity } == listed.count)
        #expect(declaration.hardware.reduce(0) { $0 + $1.faulty } == listed.filter { $0.status == .faulty }.count)
        #expect(
            declaration.hardware.allSatisfy { ($0.schoolCode != nil) == (grouping == .school) || $0.district == "city" }
        )
        let schedule = RenewalPlanner(plan: Plan()).schedule(Self.city, startYear: 2027, years: 3)
        #expect(Set(declaration.projects.map(\.year)) == [2027, 2028, 2029])
        for year in schedule.years {
            let projects = declaration.projects.filter { $0.year == year.year }
            #expect(projects.reduce(Int64(0)) { $0 + $1.costFen } == year.spentFen)
            #expect(projects.reduce(0) { $0 + $1.quantities.values.reduce(0, +) } == year.replacements.count)
        }
        for project in declaration.projects {
            #expect(PaymentRules.violations(project.payments, totalFen: project.costFen).isEmpty, "\(project.id)")
        }
        #expect(declaration.projectsCSV.split(separator: "\n").count == 1 + 3 * declaration.projects.count)
        #expect(declaration.markdown.contains("## Payment schedules"))
    }
}

@Suite("Radix sort")
struct RadixSortTests {
    /// Sorting on the upper bits equals a stable comparison sort on them, small and large.
    @Test(arguments: [0, 1, 5, 300, 100_000])
    func matchesStableSort(count: Int) {
        var random = SeededGenerator(seed: UInt64(count))
        let keys = (0..<count).map { index in UInt64(random.int(0...50)) << 40 | UInt64(index) }
        var sorted = keys
        RadixSort.sort(&sorted, fromBit: 40)
        #expect(sorted == keys.sorted())  // low bits ascend with the index, so stable = fully sorted
        var shuffled = keys.map { $0 & ~UInt64(0xFF_FFFF_FFFF) | UInt64(random.int(0...1000)) }
        let expected = shuffled.enumerated().sorted { ($0.element >> 40, $0.offset) < ($1.element >> 40, $1.offset) }
            .map(\.element)
        RadixSort.sort(&shuffled, fromBit: 40)
        #expect(shuffled == expected)
    }
}
