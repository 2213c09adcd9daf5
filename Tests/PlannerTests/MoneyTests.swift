import InventoryModel
import Planner
import Testing

/// Yuan with exactly two decimals as whole fen; nil for any other text.
func fen(_ text: some StringProtocol) -> Int64? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[1].count == 2, let yuan = Int64(parts[0]), let cents = Int64(parts[1]) else {
        return nil
    }
    return yuan * 100 + (text.hasPrefix("-") ? -cents : cents)
}

/// The cells of a Markdown table row.
func cells(_ row: Substring) -> [String] {
    row.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
        .map { $0.trimmingCharacters(in: .whitespaces) }
}

extension Inventory {
    /// A generated city whose prices have fen: 2260 becomes 2260.35 and so on.
    static func withFen(schools: Int, seed: UInt64) -> Inventory {
        var city = Inventory.generated(schools: schools, seed: seed)
        for index in city.assets.indices { city.assets[index].purchaseCostYuan += Double(index % 100 + 1) / 100 }
        return city
    }
}

@Suite("Money in fen: every total is the sum of its rows")
struct MoneyTests {
    static let city = Inventory.withFen(schools: 80, seed: 7)
    static let asOf = CalendarDate(iso: "2026-11-24")!
    static let schedule = RenewalPlanner(plan: Plan()).schedule(city, startYear: 2027, years: 3, asOf: asOf)

    /// Yuan become fen once, rounded half away from zero, saturating instead of trapping.
    @Test func yuanToFen() {
        #expect(Asset.fen(yuan: 2260.35) == 226_035)
        #expect(Asset.fen(yuan: 0.005) == 1 && Asset.fen(yuan: -0.005) == -1)
        #expect(Asset.fen(yuan: 1999.99) == 199_999)
        #expect(Asset.fen(yuan: .nan) == 0)
        #expect(Asset.fen(yuan: 1e300) == Asset.maxFen && Asset.fen(yuan: -.infinity) == -Asset.maxFen)
    }

    /// The renewal CSV's replace rows add up to each year's spent_yuan to the fen, and every
    /// amount has exactly two decimals.
    @Test func renewalCSVAddsUp() {
        let csv = RenewalReport.csv(Self.schedule)
        var spent: [Substring: Int64] = [:]
        var stated: [Substring: Int64] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(fen(fields[6]) != nil && fen(fields[9]) != nil && fen(fields[10]) != nil, "\(line)")
            if fields[1] == "replace" { spent[fields[0], default: 0] += fen(fields[6]) ?? 0 }
            stated[fields[0]] = fen(fields[10])
        }
        for year in Self.schedule.years {
            let key = Substring(String(year.year))
            #expect(spent[key] == stated[key] && stated[key] == year.spentFen)
        }
        #expect(Self.schedule.years.allSatisfy { $0.spentFen % 100 != 0 })  // fen exist to be summed
    }

    /// The renewal Markdown's replace rows add up to the year's stated spending, the backlog rows
    /// to its backlog, to the fen.
    @Test func renewalMarkdownAddsUp() {
        let markdown = RenewalReport.markdown(Self.schedule)
        let sections = markdown.components(separatedBy: "\n## ").dropFirst()
        #expect(sections.count == Self.schedule.years.count)
        for (section, year) in zip(sections, Self.schedule.years) {
            var sums: [String: Int64] = [:]
            for row in section.split(separator: "\n") where row.hasPrefix("| replace ") || row.hasPrefix("| backlog ") {
                let row = cells(row)
                sums[row[0], default: 0] += fen(row.last!) ?? 0
            }
            #expect(section.contains("spent \(yuan(sums["replace"] ?? 0)) 元 on"))
            #expect(section.contains("assets, \(yuan(sums["backlog"] ?? 0)) 元;"))
            #expect(sums["replace"] == year.spentFen)
        }
    }

    /// The declaration's CSV: each project's instalments add up to its cost, each year's projects
    /// to the year's spending; the hardware lines to the Markdown total.
    @Test func declarationCSVAddsUp() throws {
        let declaration = OperationsDeclaration(
            Self.city, plan: Plan(), asOf: Self.asOf, startYear: 2027, grouping: .district)
        var cost: [String: Int64] = [:]
        var paid: [String: Int64] = [:]
        var byYear: [String: Int64] = [:]
        for line in declaration.projectsCSV.split(separator: "\n").dropFirst() {
            // The replaces column is quoted and holds commas; the figures are at fixed places from the end.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let id = String(fields[0])
            let projectCost = try #require(fen(fields[fields.count - 7]), "\(line)")
            if cost[id] == nil { byYear[String(fields[1]), default: 0] += projectCost }
            cost[id] = projectCost
            paid[id, default: 0] += try #require(fen(fields[fields.count - 2]), "\(line)")
        }
        #expect(!cost.isEmpty && cost == paid)
        for year in declaration.schedule.years { #expect(byYear[String(year.year)] == year.spentFen) }
        let hardware = declaration.hardwareCSV.split(separator: "\n").dropFirst().map {
            fen($0.split(separator: ",", omittingEmptySubsequences: false)[14]) ?? -1
        }
        let total = hardware.reduce(0, +)
        #expect(hardware.allSatisfy { $0 >= 0 } && declaration.markdown.contains("\(yuan(total)) 元 ("))
    }

    /// The declaration's Markdown: hardware rows add up to the total row, projects to each
    /// year's total row, payments to their project, all to the fen.
    @Test(arguments: OperationsDeclaration.Grouping.allCases)
    func declarationMarkdownAddsUp(grouping: OperationsDeclaration.Grouping) throws {
        let markdown = OperationsDeclaration(
            Self.city, plan: Plan(), asOf: Self.asOf, startYear: 2027, grouping: grouping
        ).markdown
        // No float noise such as 2809642.5199999996: no number with three decimals or more.
        #expect(markdown.firstMatch(of: try Regex("[0-9]\\.[0-9]{3,}")) == nil)
        let sections = Dictionary(
            uniqueKeysWithValues: markdown.components(separatedBy: "\n## ").dropFirst().map {
                (String($0.prefix { $0 != "\n" }), $0.split(separator: "\n").filter { $0.hasPrefix("| ") }.dropFirst())
            })
        let hardware = try #require(sections["Hardware list (硬件清单)"])
        let lines = hardware.filter { !$0.hasPrefix("| total ") }.map { fen(cells($0).last!) ?? -1 }
        #expect(hardware.last.map { fen(cells($0).last!) } == lines.reduce(0, +))
        let projects = try #require(sections["Renewal projects (三年滚动项目库)"])
        var perYear: [String: Int64] = [:]
        var projectCost: [String: Int64] = [:]
        for row in projects.map(cells) {
            if row[0].hasPrefix("total ") {
                #expect(fen(row.last!) == perYear[row[1]], "\(row)")
            } else {
                perYear[row[1], default: 0] += try #require(fen(row.last!))
                projectCost[row[0]] = fen(row.last!)
            }
        }
        var paid: [String: Int64] = [:]
        for row in try #require(sections["Payment schedules (付款计划)"]).map(cells) {
            paid[row[0], default: 0] += try #require(fen(row[4]))
        }
        #expect(!paid.isEmpty && paid == projectCost)
    }

    func yuan(_ fen: Int64) -> String {
        String(fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + String(fen % 100)
    }
}
