import InventoryModel
import Planner
import Testing

@Suite("The past as it stood: assets count from their purchase date")
struct AsOfTests {
    /// Displays bought after the as-of day neither cover classes nor count in the hardware value
    /// or the budgets, at the school or the city level.
    @Test func laterPurchasesCountNowhere() {
        var s = Scenario()
        s.setDisplays(inService: 6)
        for index in 0..<6 {
            s.assets.append(
                Asset(
                    assetTag: "LATER\(index)", schoolCode: "S1", category: .interactiveDisplay,
                    purchaseDate: s.asOf.adding(days: 1), purchaseCostYuan: 10_000, status: .inService))
        }
        s.assets.append(
            Asset(
                assetTag: "CORE", schoolCode: nil, category: .router, purchaseDate: s.asOf.adding(years: 1),
                purchaseCostYuan: 500_000, status: .inService))
        let report = s.report
        #expect(report.schools[0].classesWithDisplay == 6)
        #expect(s.rules.contains(.displayCoverage))
        #expect(report.metrics.first { $0.name == "class_display_rate" }?.value == 0.5)
        #expect(report.metrics.first { $0.name == "hardware_value" }?.value == 60_000)
        #expect(report.metrics.first { $0.name == "replacement_budget" }?.value == 9_000)
        #expect(report.metrics.first { $0.name == "maintenance_budget" }?.value == 1_800)
    }

    /// An asset bought on the as-of day itself counts (purchase_date <= as_of).
    @Test func boughtOnTheDayCounts() {
        var s = Scenario()
        s.setDisplays(inService: 11)
        s.assets.append(
            Asset(
                assetTag: "TODAY", schoolCode: "S1", category: .interactiveDisplay, purchaseDate: s.asOf,
                purchaseCostYuan: 10_000, status: .inService))
        #expect(!s.rules.contains(.displayCoverage))
    }

    /// An asset bought later is not past its life, even with a life that would have ended.
    @Test func notPastLifeBeforePurchase() {
        var s = Scenario()
        let later = Asset(
            assetTag: "X", schoolCode: "S1", category: .switch, purchaseDate: s.asOf.adding(days: 30),
            purchaseCostYuan: 1000, expectedLifeYears: -5, status: .inService)
        s.assets.append(later)
        #expect(!s.rules.contains(.assetPastLife))
        #expect(!ComplianceSolver(plan: s.plan, asOf: s.asOf).isPastLife(later))
        #expect(!AssetLifecycle(asset: later, plan: s.plan, on: s.asOf).isPastLife)
    }

    /// The renewal plan's hardware value on 1 January counts the assets bought by then, and with
    /// an as-of day none bought after it.
    @Test func renewalValueOnFirstJanuary() {
        var inventory = Inventory()
        inventory.assets = [
            Asset(
                assetTag: "OLD", schoolCode: nil, category: .server, purchaseDate: CalendarDate(iso: "2024-05-01")!,
                purchaseCostYuan: 1000, warrantyEnd: CalendarDate(iso: "2030-01-01")!, status: .inService),
            Asset(
                assetTag: "NEW", schoolCode: nil, category: .server, purchaseDate: CalendarDate(iso: "2027-06-01")!,
                purchaseCostYuan: 3000, warrantyEnd: CalendarDate(iso: "2027-07-01")!, status: .faulty),
            Asset(
                assetTag: "NEWER", schoolCode: nil, category: .server, purchaseDate: CalendarDate(iso: "2027-06-01")!,
                purchaseCostYuan: 5000, warrantyEnd: CalendarDate(iso: "2030-06-01")!, status: .inService),
        ]
        let planner = RenewalPlanner(plan: Plan())
        let years = planner.schedule(inventory, startYear: 2027, years: 2).years
        #expect(years.map(\.hardwareValueFen) == [100_000, 600_000])
        // The faulty one is nothing in the year before it was bought, and bought new (out of
        // warranty on 1 January 2028) the year after.
        #expect(years[0].replacements.isEmpty && years[0].backlog.isEmpty && years[0].warrantyClaims.isEmpty)
        #expect(years[1].backlog.count + years[1].replacements.count == 1)
        let asOf2026 = planner.schedule(inventory, startYear: 2027, years: 2, asOf: CalendarDate(iso: "2026-01-01")!)
        #expect(asOf2026.years.map(\.hardwareValueFen) == [100_000, 100_000])
        #expect(asOf2026.years.allSatisfy { $0.backlog.isEmpty && $0.warrantyClaims.isEmpty })
    }

    /// The declaration's hardware list leaves out assets bought after the as-of day.
    @Test func declarationListsWhatExisted() {
        let city = Inventory.generated(schools: 30, seed: 3)
        let asOf = CalendarDate(iso: "2024-01-01")!
        let declaration = OperationsDeclaration(
            city, plan: Plan(), asOf: asOf, startYear: 2024, grouping: .district)
        let existed = city.assets.filter { $0.status != .retired && $0.purchaseDate <= asOf }
        #expect(existed.count < city.assets.filter { $0.status != .retired }.count)
        #expect(declaration.hardware.reduce(0) { $0 + $1.quantity } == existed.count)
        #expect(declaration.hardware.allSatisfy { $0.lastPurchase <= asOf })
    }
}
