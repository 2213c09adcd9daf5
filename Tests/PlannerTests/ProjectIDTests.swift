import InventoryModel
import Planner
import Testing

@Suite("Project ids depend on the district and the year")
struct ProjectIDTests {
    static let city = Inventory.generated(schools: 200, seed: 1)
    static let asOf = CalendarDate(iso: "2026-11-24")!

    /// City-level hardware is 01, the districts follow in name order, whatever the year.
    @Test func numberedByName() {
        let declaration = OperationsDeclaration(
            Self.city, plan: Plan(), asOf: Self.asOf, startYear: 2027, grouping: .district)
        let names = Set(Self.city.schools.map(\.district) + Self.city.districts.map(\.name)).sorted()
        for project in declaration.projects {
            let number = project.district == "city" ? 1 : names.firstIndex(of: project.district)! + 2
            #expect(project.id == "R\(project.year)-" + (number < 10 ? "0" : "") + String(number))
        }
        #expect(declaration.projects.contains { $0.id.hasSuffix("-01") && $0.district == "city" })
    }

    /// A district keeps its id when the city-level hardware has no project, and in a
    /// declaration of that district alone numbered by the city's districts.
    @Test func sameIdWithoutOthers() {
        let whole = OperationsDeclaration(
            Self.city, plan: Plan(), asOf: Self.asOf, startYear: 2027, grouping: .district)
        var noCity = Self.city
        noCity.assets.removeAll { $0.schoolCode == nil }
        let withoutCity = OperationsDeclaration(
            noCity, plan: Plan(), asOf: Self.asOf, startYear: 2027, grouping: .district)
        #expect(!withoutCity.projects.contains { $0.district == "city" })
        let ids = Dictionary(uniqueKeysWithValues: whole.projects.map { ("\($0.year) \($0.district)", $0.id) })
        for project in withoutCity.projects { #expect(ids["\(project.year) \(project.district)"] == project.id) }

        let district = Self.city.schools.last!.district
        let alone = OperationsDeclaration(
            Self.city.restricted(toDistrict: district), plan: Plan(), asOf: Self.asOf, startYear: 2027,
            grouping: .district, districts: Self.city.schools.map(\.district))
        #expect(!alone.projects.isEmpty)
        for project in alone.projects { #expect(ids["\(project.year) \(project.district)"] == project.id) }
    }

    /// The same inventory gives the same declaration and plan, byte for byte, and the CSV rows
    /// name each replacement's project, district and school.
    @Test func sameOutputAndCSVPlaces() {
        let a = OperationsDeclaration(Self.city, plan: Plan(), asOf: Self.asOf, startYear: 2027, grouping: .school)
        let b = OperationsDeclaration(Self.city, plan: Plan(), asOf: Self.asOf, startYear: 2027, grouping: .school)
        #expect(a.markdown == b.markdown && a.projectsCSV == b.projectsCSV)
        let schedule = RenewalPlanner(plan: Plan()).schedule(Self.city, startYear: 2027, years: 3)
        #expect(RenewalReport.table(schedule) == RenewalReport.table(schedule))
        let projects = Set(a.projects.map { "\($0.id) \($0.district)" })
        let schools = Dictionary(uniqueKeysWithValues: Self.city.schools.map { ($0.code, $0) })
        let csv = RenewalReport.csv(schedule)
        #expect(
            csv.hasPrefix(
                "year,action,asset_tag,school_code,category,reason,cost_yuan,criticality,purchase_date,budget_yuan,"
                    + "spent_yuan,project_id,district,school_name,model,warranty_end\n"))
        var rows = 0
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let school = schools[fields[3]]
            #expect(fields[12] == school?.district ?? "city" && fields[13] == school?.name ?? "", "\(line)")
            if fields[1] == "replace" {
                #expect(projects.contains("\(fields[11]) \(fields[12])"), "\(line)")
                rows += 1
            } else {
                #expect(fields[11].isEmpty)
            }
        }
        #expect(rows == schedule.years.reduce(0) { $0 + $1.replacements.count })
    }
}
