import InventoryModel
import Planner
import Testing

@Suite("Warranty claims: faulty assets under warranty are the vendor's")
struct WarrantyClaimTests {
    static let start = CalendarDate(iso: "2027-01-01")!

    /// A city with one faulty asset under warranty (to the day), one faulty out of warranty and
    /// a working server that sets the budget.
    static var inventory: Inventory {
        var inventory = Inventory()
        inventory.schools = [
            School(
                code: "S1", name: "第一小学", district: "中山区", locality: .urban, central: false, kind: .primary,
                classes: ClassCounts(primary: 12))
        ]
        inventory.assets = [
            Asset(
                assetTag: "CORE", schoolCode: nil, category: .router, model: "华为 NE40E",
                purchaseDate: CalendarDate(iso: "2025-01-01")!, purchaseCostYuan: 400_000.55,
                warrantyEnd: start, status: .faulty),
            Asset(
                assetTag: "SW", schoolCode: "S1", category: .switch, model: "H3C S5130",
                purchaseDate: CalendarDate(iso: "2022-01-01")!, purchaseCostYuan: 3000,
                warrantyEnd: start.adding(days: -1), status: .faulty),
            Asset(
                assetTag: "SRV", schoolCode: "S1", category: .server, purchaseDate: CalendarDate(iso: "2026-01-01")!,
                purchaseCostYuan: 100_000, warrantyEnd: CalendarDate(iso: "2029-01-01")!, status: .inService),
        ]
        return inventory
    }

    /// The faulty asset under warranty on 1 January is claimed, neither bought nor in the
    /// backlog; the one whose warranty ended the day before is bought; the claimed one is in
    /// service (and in the hardware value) the next year.
    @Test func claimedNotBought() {
        let schedule = RenewalPlanner(plan: Plan()).schedule(Self.inventory, startYear: 2027, years: 2)
        let first = schedule.years[0]
        #expect(first.warrantyClaims.map { schedule.asset($0).assetTag } == ["CORE"])
        #expect(first.warrantyClaims[0].valueFen == 40_000_055 && first.warrantyClaimsFen == 40_000_055)
        #expect(first.warrantyClaims[0].warrantyEnd == Self.start)
        #expect(first.replacements.map { schedule.asset($0).assetTag } == ["SW"])
        #expect(first.backlog.isEmpty)
        #expect(first.replacementBudgetFen == 1_500_000)  // 15% of the server alone
        #expect(schedule.years[1].warrantyClaims.isEmpty)
        #expect(schedule.years[1].hardwareValueFen == 10_000_000 + 40_000_055 + 300_000)
    }

    /// The claims appear in every form of the plan, with the school, category, model and
    /// warranty end, and in the declaration, apart from the budget.
    @Test func inEveryForm() {
        let schedule = RenewalPlanner(plan: Plan()).schedule(Self.inventory, startYear: 2027, years: 1)
        let table = RenewalReport.table(schedule)
        #expect(table.contains("Warranty claims") && table.contains("CORE") && table.contains("华为 NE40E"))
        let json = RenewalReport.json(schedule)
        #expect(json.contains("\"warranty_claims\": [\n    {\"asset_tag\": \"CORE\""))
        #expect(json.contains("\"model\": \"华为 NE40E\", \"warranty_end\": \"2027-01-01\", \"value_yuan\": 400000.55"))
        #expect(json.contains("\"warranty_claims_value_yuan\": 400000.55"))
        let csv = RenewalReport.csv(schedule)
        #expect(csv.contains("2027,warranty_claim,CORE,,router,faulty under warranty,400000.55,"))
        #expect(csv.contains(",city,,华为 NE40E,2027-01-01\n"))
        let markdown = RenewalReport.markdown(schedule)
        #expect(markdown.contains("| 2027 | CORE | city | city | router | 华为 NE40E | 2027-01-01 | 400000.55 |"))
        let declaration = OperationsDeclaration(
            Self.inventory, plan: Plan(), asOf: CalendarDate(iso: "2026-11-24")!, startYear: 2027,
            grouping: .school)
        #expect(declaration.markdown.contains("## Warranty claims (保修索赔)"))
        #expect(declaration.markdown.contains("| 2027 | CORE | city | city | router | 华为 NE40E | 2027-01-01 |"))
        #expect(declaration.warrantyClaimsCSV.contains("2027,CORE,city,,,router,华为 NE40E,2027-01-01,400000.55\n"))
        #expect(declaration.projects.allSatisfy { $0.quantities[.router] == nil })
    }

    /// In a generated city no claimed asset is replaced or waits in the backlog, and each is
    /// faulty with a warranty that runs to 1 January or later.
    @Test func generatedCity() {
        let city = Inventory.generated(schools: 300, seed: 4)
        let schedule = RenewalPlanner(plan: Plan()).schedule(city, startYear: 2027, years: 3)
        let claims = schedule.years[0].warrantyClaims
        #expect(!claims.isEmpty)
        let claimed = Set(claims.map(\.assetIndex))
        for year in schedule.years {
            #expect(claimed.isDisjoint(with: year.replacements.map(\.assetIndex) + year.backlog.map(\.assetIndex)))
        }
        for claim in claims {
            let asset = schedule.asset(claim)
            #expect(asset.status == .faulty && asset.warrantyEnd.map { $0 >= Self.start } == true)
        }
    }
}
