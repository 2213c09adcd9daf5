import Foundation
import InventoryModel
import Planner
import SampleCity
import Testing

@Suite("City rules, metrics and the plan file")
struct CityRuleTests {
    /// Numbers in sentences: one decimal at most, and a value no link could have (a typo of
    /// 1e300) is written as it is instead of stopping the report.
    @Test func sentenceNumbers() {
        #expect(Text.number(240) == "240")
        #expect(Text.number(187.54) == "187.5")
        #expect(Text.number(-2.25) == "-2.3")
        #expect(Text.number(-0.5) == "-0.5")
        #expect(Text.number(-0.04) == "0")
        #expect(Text.number(0.05) == "0.1")
        #expect(Text.number(1e300) == "1e+300")
        #expect(Text.number(-1e20) == "-1e+20")
    }

    /// Egress in force at exactly the target passes; less fails; a lapsed contract does not count.
    @Test func egress() {
        var s = Scenario()
        s.egress = [
            EgressLink(linkID: "A", provider: "p", capacityGbps: 20),
            EgressLink(linkID: "B", provider: "p", capacityGbps: 10, contractEnd: CalendarDate(iso: "2026-11-24")),
        ]
        #expect(s.cityRules.isEmpty)
        s.egress[1].contractEnd = CalendarDate(iso: "2026-11-23")
        #expect(s.cityRules == [.egressBelowTarget])
        #expect(s.report.metric("egress_gbps")?.value == 20)
    }

    /// A pool's capacity is its latest reading on or before the as-of day.
    @Test func storageLatestReading() {
        var s = Scenario()
        s.storage.append(
            StorageReading(
                pool: "C", kind: .cloudStorage, capacityTB: 400, usedTB: 1, asOf: CalendarDate(iso: "2026-11-24")!))
        #expect(s.cityRules == [.cloudStorageBelowTarget])
        s.storage[s.storage.count - 1].asOf = CalendarDate(iso: "2026-11-25")!
        #expect(s.cityRules.isEmpty)
        s.storage[1].capacityTB = 1999
        #expect(s.cityRules == [.resourceLibraryBelowTarget])
    }

    /// District centres need 10 staff, a small district 6.
    @Test(arguments: [(10, false, false), (9, false, true), (6, true, false), (5, true, true)])
    func districtStaff(staff: Int, small: Bool, flagged: Bool) {
        var s = Scenario()
        s.districts = [District(name: "长海县", infoCenterStaff: staff, smallDistrict: small)]
        #expect(s.cityRules == (flagged ? [.districtStaff] : []))
        if flagged { #expect(s.report.cityFlags[0].district == "长海县") }
    }

    /// The metrics count what standards.md says, over the right schools.
    @Test func metrics() {
        var s = Scenario()
        let kindergarten = School(
            code: "K1", name: "幼儿园", district: "中山区", locality: .urban, central: false, kind: .kindergarten,
            classes: ClassCounts(kindergarten: 4))
        var inventory = s.inventory
        inventory.schools.append(kindergarten)
        s.setDisplays(inService: 9)
        inventory.assets = s.assets
        let report = ComplianceSolver(plan: s.plan, asOf: s.asOf).evaluate(CityIndex(inventory))
        #expect(report.metric("school_connectivity_rate")?.value == 0.5)
        #expect(report.metric("kindergarten_connectivity_rate")?.value == 0)
        #expect(report.metric("class_display_rate")?.value == 0.75)  // kindergartens left out
        #expect(report.metric("bandwidth_compliance_rate")?.value == 0.5)
        #expect(report.metric("hardware_value")?.value == 90_000)
        #expect(report.metric("maintenance_budget")?.value == 2_700)
        #expect(report.metric("replacement_budget")?.value == 13_500)
        #expect(report.metric("school_connectivity_rate")?.meetsTarget == false)
    }

    /// Changing each threshold in the plan changes the verdict on the same inventory.
    @Test(arguments: [
        ("bandwidth.per_class.central_and_above", PlanValue.number(20), Rule.contractBelowStandard),
        ("measurement.tolerance", .number(0.99), .underDelivering),
        ("measurement.min_tests", .number(4), .noRecentMeasurement),
        ("measurement.window_days", .number(1), .noRecentMeasurement),
        ("displays.required_share.school", .number(1), .displayCoverage),
        ("staff.per_12_classes.primary", .number(2), .itStaff),
        ("egress.min_gbps", .number(31), .egressBelowTarget),
        ("storage.cloud_min_tb", .number(501), .cloudStorageBelowTarget),
        ("storage.resource_library_min_tb", .number(2001), .resourceLibraryBelowTarget),
        ("staff.district_center_min", .number(11), .districtStaff),
        ("assets.expected_life_years.interactive_display", .number(0.5), .assetPastLife),
        ("bandwidth.mixed_school_rule", .text("strictest"), .contractBelowStandard),
        ("wireless.required_pct", .number(95), .wirelessCoverage),
        ("bandwidth.per_class.kindergarten", .number(10), .contractBelowStandard),
        ("bandwidth.per_class.central_and_above", .number(11.5), .measuredBelowStandard),
        ("staff.per_12_classes.primary", .number(1.5), .itStaff),
        ("assets.expected_life_years.router", .number(1), .assetPastLife),
    ])
    func planChangesVerdict(key: String, value: PlanValue, rule: Rule) throws {
        var s = Scenario()
        s.school.locality = .urbanCore
        s.school.wirelessCoveragePct = 90
        s.plan.wirelessRequiredPct = 90
        s.setDisplays(inService: 11, spare: 1)
        s.plan.displaysRequiredShareSchool = 0.9
        s.school.classes = ClassCounts(kindergarten: 2, primary: 10)  // 110 Mbps per stage, 120 strictest
        s.links[0].downMbps = 115
        s.setTests([110, 110, 110])
        s.plan.measurementTolerance = 0.9
        s.assets.append(
            Asset(
                assetTag: "R1", schoolCode: "S1", category: .router, purchaseDate: s.asOf.adding(years: -2),
                purchaseCostYuan: 8000, status: .inService))
        let before = s.rules.union(s.cityRules)
        #expect(!before.contains(rule), "\(rule) fires before the change")
        let field = try #require(Plan.fields.first { $0.key == key })
        #expect(field.apply(value, to: &s.plan))
        #expect(s.rules.union(s.cityRules).contains(rule), "\(key) did not change the verdict")
    }

    /// The JSON form has the shape of standards.md section 3: every school, flags or not.
    @Test func jsonShape() throws {
        var s = Scenario()
        s.links[0].downMbps = 100
        s.setTests([95, 95, 95])
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(s.report.json().utf8)) as? [String: Any])
        #expect(json["as_of"] as? String == "2026-11-24")
        let schools = try #require(json["schools"] as? [[String: Any]])
        #expect(schools.count == 1 && schools[0]["code"] as? String == "S1")
        #expect(schools[0]["required_mbps"] as? Double == 120 && schools[0]["contracted_mbps"] as? Double == 100)
        let flags = try #require(schools[0]["flags"] as? [[String: Any]])
        #expect(
            flags[0]["rule"] as? String == "CONTRACT_BELOW_STANDARD" && flags[0]["severity"] as? String == "violation")
        #expect(flags[0]["value"] as? Double == 100 && flags[0]["threshold"] as? Double == 120)
        #expect(
            flags[0]["message"] as? String == "100 Mbps contracted, below the 120 Mbps the plan requires for 12 classes"
        )
        #expect(flags[0]["message_zh"] as? String == "合同带宽100 Mbps，低于按12个班核定的规划要求120 Mbps")
        let city = try #require(json["city"] as? [String: Any])
        #expect((city["flags"] as? [Any])?.isEmpty == true)
        #expect((city["metrics"] as? [String: Any])?["school_connectivity_rate"] as? Double == 1)
        s.measurements = []
        let untested = try #require(JSONSerialization.jsonObject(with: Data(s.report.json().utf8)) as? [String: Any])
        #expect((untested["schools"] as? [[String: Any]])?[0]["measured_mbps"] is NSNull)
    }

    /// Filters keep every school and only the flags asked for.
    @Test func filters() {
        var s = Scenario()
        s.links[0].downMbps = 100
        s.setTests([95, 95, 95])
        s.school.itStaff = 0
        let report = s.report
        #expect(Set(report.schools[0].flags.map(\.rule)) == [.contractBelowStandard, .measuredBelowStandard, .itStaff])
        #expect(report.filtered(ReportFilter(severity: .warning)).schools[0].flags.map(\.rule) == [.itStaff])
        #expect(report.filtered(ReportFilter(rule: .noLink)).schools.count == 1)
    }

    /// Thresholds that need a school of another kind: each changes the verdict too.
    @Test func planChangesVerdictForOtherSchools() throws {
        // Rural rate: a village school with 12 classes needs 60 Mbps by default, 96 at 8 Mbps a class.
        var village = Scenario()
        village.school.locality = .village
        village.links[0].downMbps = 80
        village.setTests([75, 75, 75])
        #expect(!village.rules.contains(.contractBelowStandard))
        village.plan.perClassRuralMbps = 8
        #expect(village.rules.contains(.contractBelowStandard))

        // High-school stage and special-education rates.
        var senior = Scenario()
        senior.school.kind = .senior
        senior.school.classes = ClassCounts(senior: 10, special: 2)  // 150 + 20 = 170
        senior.school.itStaff = 2
        senior.setDisplays(inService: 12)
        senior.links[0].downMbps = 180
        senior.setTests([170, 170, 170])
        #expect(senior.rules.isEmpty)
        senior.plan.perClassHighSchoolStageMbps = 17
        #expect(senior.rules.contains(.contractBelowStandard))
        senior.plan.perClassHighSchoolStageMbps = 15
        senior.plan.perClassSpecialMbps = 20
        #expect(senior.rules.contains(.contractBelowStandard))

        // Secondary IT staff per 12 classes.
        senior.plan.perClassSpecialMbps = 10
        senior.plan.staffPer12ClassesSecondary = 3
        #expect(senior.rules.contains(.itStaff))

        // Demonstration vocational access.
        var vocational = Scenario()
        vocational.school.kind = .vocational
        vocational.school.vocationalDemo = .provincial
        vocational.school.classes = ClassCounts(vocational: 12)
        vocational.school.itStaff = 2
        #expect(vocational.rules.contains(.vocationalDemoAccess))
        vocational.plan.vocationalDemoAccessMbps = 200
        #expect(!vocational.rules.contains(.vocationalDemoAccess))

        // The kindergarten share and the stars it starts from.
        var kindergarten = Scenario()
        kindergarten.school.kind = .kindergarten
        kindergarten.school.classes = ClassCounts(kindergarten: 10)
        kindergarten.school.kindergartenStars = 2
        kindergarten.setDisplays(inService: 7)
        #expect(!kindergarten.rules.contains(.displayCoverage))
        kindergarten.plan.displaysRequiredShareKindergarten = 0.8
        #expect(kindergarten.rules.contains(.displayCoverage))
        kindergarten.plan.displaysKindergartenMinStars = 3
        #expect(!kindergarten.rules.contains(.displayCoverage))

        // Congestion share and school hours.
        var busy = Scenario()
        for slot in 0..<20 { busy.addSample(150, at: busy.at(daysBack: 0, 9, slot * 5)) }  // 150 of 190 measured
        #expect(!busy.rules.contains(.congested))
        busy.plan.congestionUtilisation = 0.7
        #expect(busy.rules.contains(.congested))
        busy.plan.schoolHoursStartMinute = 11 * 60
        #expect(!busy.rules.contains(.congested))

        // The small district minimum.
        var small = Scenario()
        small.districts = [District(name: "长海县", infoCenterStaff: 6, smallDistrict: true)]
        #expect(small.cityRules.isEmpty)
        small.plan.staffDistrictCenterMinSmall = 7
        #expect(small.cityRules == [.districtStaff])
    }

    /// The sample city, however its assets and measurements are ordered (grouped by school as
    /// an export has them, or mixed, with the city's own assets anywhere), and whether it is
    /// grouped from records or from facts, gives one report; so does a district of it.
    @Test func reportIgnoresRowOrder() {
        var generator = SampleCityGenerator(options: .init())
        let city = generator.generate()
        let asOf = SampleCityGenerator.Options().asOf
        let solver = ComplianceSolver(plan: city.plan, asOf: asOf)
        let expected = solver.evaluate(CityIndex(city))
        #expect(expected.metrics.contains { $0.name == "hardware_value" && ($0.value ?? 0) > 0 })

        var random = SystemRandomNumberGenerator()
        var mixed = city
        mixed.assets.shuffle(using: &random)
        mixed.measurements.shuffle(using: &random)
        #expect(solver.evaluate(CityIndex(mixed)) == expected)
        #expect(solver.evaluate(CityIndex(CityFacts(mixed))) == expected)

        let district = city.schools[city.schools.count / 2].district
        let part = solver.evaluate(CityIndex(city.restricted(toDistrict: district)))
        #expect(part.schools.count < expected.schools.count)
        #expect(solver.evaluate(CityIndex(CityFacts(mixed).restricted(toDistrict: district))) == part)
    }
}
