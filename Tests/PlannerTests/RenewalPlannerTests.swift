import InventoryModel
import Planner
import SampleCity
import Testing

@Suite("Asset lifecycle and renewals")
struct RenewalPlannerTests {
    static let city = Inventory.generated(schools: 400, seed: 11)

    static let years = RenewalPlanner(plan: Plan()).schedule(city, startYear: 2027, years: 6).years

    /// Age, expected life, warranty and straight-line book value on a day.
    @Test func lifecycle() {
        let asset = Asset(
            assetTag: "A", schoolCode: "S", category: .switch, purchaseDate: CalendarDate(iso: "2020-01-01")!,
            purchaseCostYuan: 8000, warrantyEnd: CalendarDate(iso: "2023-01-01")!, status: .inService)
        let onWarrantyEnd = AssetLifecycle(asset: asset, plan: Plan(), on: CalendarDate(iso: "2023-01-01")!)
        #expect(onWarrantyEnd.underWarranty)
        #expect(!AssetLifecycle(asset: asset, plan: Plan(), on: CalendarDate(iso: "2023-01-02")!).underWarranty)
        let twoYears = AssetLifecycle(asset: asset, plan: Plan(), on: CalendarDate(iso: "2022-01-01")!)
        #expect(abs(twoYears.ageYears - 2) < 0.01 && abs(twoYears.bookValueYuan - 6000) < 5)
        #expect(twoYears.expectedLifeYears == 8 && twoYears.lifeEnd.description == "2028-01-01")
        let old = AssetLifecycle(asset: asset, plan: Plan(), on: CalendarDate(iso: "2029-06-01")!)
        #expect(old.isPastLife && old.bookValueYuan == 0)
    }

    /// No year spends more than its budget, and the budget follows the hardware value.
    @Test func withinBudget() {
        for year in Self.years {
            #expect(year.spentFen <= year.replacementBudgetFen)
            #expect(abs(Double(year.replacementBudgetFen) - 0.15 * Double(year.hardwareValueFen)) <= 0.5)
            #expect(abs(Double(year.maintenanceBudgetFen) - 0.03 * Double(year.hardwareValueFen)) <= 0.5)
        }
        #expect(Self.years.allSatisfy { !$0.replacements.isEmpty })
    }

    /// An asset replaced once starts a new life and is not replaced again within it.
    @Test func neverTwiceWithinLife() {
        var replaced: [Int: Int] = [:]
        for year in Self.years {
            for item in year.replacements {
                if let last = replaced[item.assetIndex] {
                    let life = Plan().expectedLife(of: Self.city.assets[item.assetIndex])
                    #expect(
                        Double(year.year - last) >= life.rounded(.down), "\(Self.city.assets[item.assetIndex].assetTag)"
                    )
                }
                replaced[item.assetIndex] = year.year
            }
        }
    }

    /// Every faulty asset and every asset whose life ends in the year is scheduled, in the
    /// backlog or (faulty under warranty) claimed from its vendor.
    @Test func everyDueAssetAccountedFor() {
        let first = Self.years[0]
        let start = CalendarDate(iso: "2027-01-01")!
        let end = CalendarDate(iso: "2027-12-31")!
        let listed = Set(
            first.replacements.map(\.assetIndex) + first.backlog.map(\.assetIndex)
                + first.warrantyClaims.map(\.assetIndex))
        for (index, asset) in Self.city.assets.enumerated() where asset.status == .inService || asset.status == .faulty
        {
            let due = asset.status == .faulty || AssetLifecycle(asset: asset, plan: Plan(), on: start).lifeEnd <= end
            if due { #expect(listed.contains(index), "\(asset.assetTag)") }
        }
        #expect(!first.backlog.isEmpty)  // the sample city's backlog is larger than one year's budget
    }

    /// A riskier asset is never left in the backlog while a less risky one of the same cost is funded.
    @Test func riskOrder() {
        for year in Self.years {
            let funded = Dictionary(grouping: year.replacements, by: \.costFen)
            for waiting in year.backlog {
                for chosen in funded[waiting.costFen] ?? [] {
                    #expect((waiting.reason, waiting.criticality) <= (chosen.reason, chosen.criticality))
                }
            }
        }
    }

    /// With money for one of two equally old assets, a school's only router goes before a display.
    @Test func onlyRouterFirst() {
        let bought = CalendarDate(iso: "2015-01-01")!
        var inventory = Inventory()
        inventory.assets = [
            Asset(
                assetTag: "D", schoolCode: "S", category: .interactiveDisplay, purchaseDate: bought,
                purchaseCostYuan: 10_000, status: .inService),
            Asset(
                assetTag: "R", schoolCode: "S", category: .router, purchaseDate: bought, purchaseCostYuan: 10_000,
                status: .inService),
            Asset(
                assetTag: "X", schoolCode: "S", category: .server, purchaseDate: CalendarDate(iso: "2026-06-01")!,
                purchaseCostYuan: 50_000, warrantyEnd: CalendarDate(iso: "2029-06-01")!, status: .inService),
        ]
        // Budget: 15% of 70,000 = 10,500: one of the two.
        let schedule = RenewalPlanner(plan: Plan()).schedule(inventory, startYear: 2027, years: 1)
        #expect(schedule.years[0].replacements.map { schedule.asset($0).assetTag } == ["R"])
        #expect(schedule.years[0].backlog.map { schedule.asset($0).assetTag } == ["D"])
    }
}
