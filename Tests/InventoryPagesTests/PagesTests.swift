import Foundation
import InventoryModel
import Planner
import SampleCity
import Testing

@testable import InventoryPages

/// The pages as functions of their data: what they show, in both languages, escaped.
@Suite struct PagesTests {
    static let city: Inventory = {
        var generator = SampleCityGenerator(options: .init())
        return generator.generate()
    }()
    static let day = CalendarDate(year: 2026, month: 11, day: 24)!
    static let report = ComplianceSolver(plan: city.plan, asOf: day).evaluate(CityIndex(city))

    static func context(
        _ language: Language, _ query: [(String, String)] = [], path: String = "/", day: CalendarDate = day
    ) -> PageContext {
        PageContext(
            language: language, day: day, explicitDay: true, path: path,
            query: query.map { (name: $0.0, value: $0.1) }, csrf: "c5rf")
    }

    /// Every label exists in both languages and reads differently in each, so switching the
    /// language changes every label a page marks with `data-label`.
    @Test func everyLabelInBothLanguages() {
        for (key, phrase) in PageWords.table {
            #expect(!phrase.zh.isEmpty && !phrase.en.isEmpty, "\(key)")
            #expect(phrase.zh != phrase.en, "\(key)")
        }
        let html = OverviewPage.html(Self.report, summary: CitySummary(Self.report), context: Self.context(.zh))
        for key in Self.labelKeys(html) { #expect(PageWords.table[key] != nil, "\(key) is not a label") }
    }

    static func labelKeys(_ html: String) -> Set<String> {
        var keys: Set<String> = []
        var rest = html[...]
        while let range = rest.range(of: "data-label=\"") {
            let key = rest[range.upperBound...].prefix { $0 != "\"" }
            keys.insert(String(key))
            rest = rest[range.upperBound...]
        }
        return keys
    }

    /// The overview carries every metric with the value and target the API's JSON gives, and
    /// every rule with its count of schools.
    @Test func overviewCarriesTheReportsFigures() throws {
        let html = OverviewPage.html(Self.report, summary: CitySummary(Self.report), context: Self.context(.en))
        for metric in Self.report.metrics {
            let value = metric.value.map(JSON.number) ?? ""
            let target = metric.target.map(JSON.number) ?? ""
            #expect(
                html.contains(
                    "data-metric=\"\(metric.name)\" data-value=\"\(value)\" data-target=\"\(target)\""),
                "\(metric.name)")
        }
        for (rule, schools) in Self.report.schoolsByRule {
            let count = Self.report.schools.filter { $0.flags.contains { $0.rule == rule } }.count
            #expect(schools == count)
            #expect(html.contains("data-rule=\"\(rule.rawValue)\" data-schools=\"\(count)\""))
        }
        #expect(html.contains("<html lang=\"en\">"))
        #expect(
            OverviewPage.html(Self.report, summary: CitySummary(Self.report), context: Self.context(.zh)).contains(
                "校校通"))
    }

    /// A school whose name is markup shows as text on every page that names it.
    @Test func namesAreEscaped() throws {
        var city = Self.city
        let hostile = "<script>alert(1)</script>\"'&"
        city.schools[0].name = hostile
        let code = city.schools[0].code
        let report = ComplianceSolver(plan: city.plan, asOf: Self.day).evaluate(CityIndex(city))
        let directory = CityDirectory(city)
        let school = try #require(report.schools.first { $0.code == code })
        let pages = [
            SchoolPage.html(school, directory: directory, plan: city.plan, context: Self.context(.zh)),
            SchoolsPage.html(
                report, filter: try SchoolsPage.Filter(Self.context(.en, [("q", code), ("severity", "all")])), page: 1,
                directory: directory, context: Self.context(.en)),
            MapPage.html(report, directory: directory, box: nil, context: Self.context(.en)),
        ]
        for html in pages {
            #expect(!html.contains("<script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    /// Filters admit only their schools; the CSV holds every page of them, after a BOM.
    @Test func filtersAndTheirCSV() throws {
        let directory = CityDirectory(Self.city)
        let context = Self.context(.zh, [("district", "中山区"), ("rule", "NO_RECENT_MEASUREMENT")])
        let filter = try SchoolsPage.Filter(context)
        let rows = SchoolsPage.rows(Self.report, filter: filter, directory: directory)
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.district == "中山区" && $0.flags.contains { $0.rule == .noRecentMeasurement } })
        let csv = SchoolsPage.csv(Self.report, filter: filter, directory: directory, language: .zh)
        #expect(csv.hasPrefix("\u{FEFF}"))
        let lines = csv.split(separator: "\r\n")
        #expect(lines.count == rows.count + 1)
        #expect(lines.dropFirst().map { String($0.prefix { $0 != "," }) } == rows.map(\.code))
        for bad in [("rule", "NOPE"), ("severity", "x"), ("kind", "castle"), ("locality", "moon"), ("sort", "x")] {
            #expect(throws: PageError.self) { try SchoolsPage.Filter(Self.context(.en, [bad])) }
        }
    }

    /// The map of 100,000 placed schools counts them in squares and stays under 1 MB; a
    /// close view draws each school as a link to its page.
    @Test func mapStaysSmall() throws {
        var city = Inventory()
        var random = SeededGenerator(seed: 7)
        for index in 0..<100_000 {
            city.schools.append(
                School(
                    code: "S\(index)", name: "学校\(index)", district: "区\(index % 10)", locality: .urban,
                    central: false, kind: .primary, classes: ClassCounts(primary: 12),
                    latitude: 38.8 + Double.random(in: 0..<1.4, using: &random),
                    longitude: 121 + Double.random(in: 0..<2.2, using: &random)))
        }
        let report = ComplianceSolver(plan: city.plan, asOf: Self.day).evaluate(CityIndex(city))
        let directory = CityDirectory(city)
        let whole = MapPage.html(report, directory: directory, box: nil, context: Self.context(.zh))
        #expect(whole.utf8.count < 1_000_000)
        #expect(whole.contains("<rect x="))
        let close = MapPage.html(
            report, directory: directory, box: MapPage.Box(query: "121.0,38.8,121.05,38.85"),
            context: Self.context(.zh))
        #expect(close.utf8.count < 1_000_000)
        #expect(close.contains("<circle"))
        #expect(close.contains("/schools/S"))
        let box = try #require(MapPage.Box(query: "121.123456,38.8,121.123457,38.800001"))
        #expect(MapPage.Box(query: box.query) == box)
        #expect(MapPage.Box(query: "1,2,3") == nil)
        #expect(MapPage.Box(query: "5,2,3,4") == nil)
        #expect(MapPage.Box(query: "nan,2,3,4") == nil)
    }

    /// A school's page shows its findings with value and threshold and draws both charts.
    @Test func schoolPage() throws {
        let directory = CityDirectory(Self.city)
        let school = try #require(Self.report.schools.first { !$0.flags.isEmpty })
        let html = SchoolPage.html(school, directory: directory, plan: Self.city.plan, context: Self.context(.zh))
        #expect(html.contains("<h1 id=\"school-name\">\(HTMLText.escape(school.name))</h1>"))
        #expect(html.contains("<svg id=\"chart-throughput\""))
        #expect(html.contains("<svg id=\"chart-utilisation\""))
        for flag in school.flags { #expect(html.contains("data-rule=\"\(flag.rule.rawValue)\"")) }
    }

    /// Renewals, capacity and probes render in both languages with nothing left of a template.
    @Test func planPagesRender() {
        let directory = CityDirectory(Self.city)
        let schedule = RenewalPlanner(plan: Self.city.plan).schedule(
            Self.city, startYear: 2027, years: 5, asOf: Self.day)
        let capacity = CapacityPlanner(plan: Self.city.plan, asOf: Self.day).plan(
            Self.city, report: Self.report, years: 5)
        for language in Language.allCases {
            let context = Self.context(language)
            for html in [
                RenewalsPage.html(schedule, context: context), CapacityPage.html(capacity, context: context),
                ProbesPage.html(
                    Self.report, directory: directory, plan: Self.city.plan, page: 1,
                    nowMs: Self.city.plan.localMidnightMs(Self.day), context: context),
            ] {
                #expect(html.contains("<h1>"))
                #expect(html.contains("name=\"csrf\" value=\"c5rf\""))
                // A label missing from the table would render empty: every marked label is one.
                for key in Self.labelKeys(html) { #expect(PageWords.table[key] != nil, "\(key) is not a label") }
            }
        }
    }

    /// Query parts decode as browsers send them: `+` a space, `%2B` a plus, UTF-8 escapes as
    /// characters, broken escapes kept as written.
    @Test func queriesDecodeAsBrowsersSendThem() {
        let items = URLText.items("q=No+1%2B2&district=%E4%B8%AD%E5%B1%B1%E5%8C%BA&bad=%zz%4&empty=&flag")
        #expect(items.map(\.name) == ["q", "district", "bad", "empty", "flag"])
        #expect(items.map(\.value) == ["No 1+2", "中山区", "%zz%4", "", ""])
        #expect(URLText.query([("q", "a b&c=中")]) == "q=a%20b%26c%3D%E4%B8%AD")
    }

    /// A probe is silent when nothing came for more than a day before now; silent probes
    /// come first, the longest silent at the top.
    @Test func silentProbesFirst() throws {
        let directory = CityDirectory(Self.city)
        let latest = try #require(directory.probes.compactMap { $0.resultTimesMs.last }.max())
        let plan = Self.city.plan
        // A day well after the last result, so that "now" is not held at the end of the as-of day.
        let later = CalendarDate(year: 2026, month: 12, day: 31)!
        func silentCount(nowMs: Int64) -> Int? {
            let html = ProbesPage.html(
                Self.report, directory: directory, plan: plan, page: 1, nowMs: nowMs,
                context: Self.context(.en, day: later))
            guard let range = html.range(of: "id=\"silent-count\">") else { return nil }
            return Int(html[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(silentCount(nowMs: latest + 3_600_000) ?? -1 < directory.probes.count)
        #expect(silentCount(nowMs: latest + 2 * 86_400_000) == directory.probes.count)
        let rows = ProbesPage.html(
            Self.report, directory: directory, plan: plan, page: 1, nowMs: latest + 2 * 86_400_000,
            context: Self.context(.en, day: later))
        #expect(rows.contains("class=\"silent\""))
    }

    /// A school named like a formula stays text in the CSV a spreadsheet opens.
    @Test func csvNamesAreNotFormulas() throws {
        var city = Self.city
        city.schools[0].name = "=HYPERLINK(\"http://x\",\"y\")"
        let code = city.schools[0].code
        let report = ComplianceSolver(plan: city.plan, asOf: Self.day).evaluate(CityIndex(city))
        let filter = try SchoolsPage.Filter(Self.context(.en, [("q", code), ("severity", "all")]))
        let csv = SchoolsPage.csv(report, filter: filter, directory: CityDirectory(city), language: .en)
        #expect(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","))
        #expect(!csv.contains(",=HYPERLINK"))
    }

    /// Pages hold their rows: the last page the rest, a page past the end the last one; the
    /// schools sort by the gap between what they need and what they have, largest first.
    @Test func pagingAndSorting() throws {
        let pager = Pager(asked: 3, rows: 120, size: 50)
        #expect(pager.range == 100..<120)
        #expect(Pager(asked: 9, rows: 120, size: 50).page == 3)
        #expect(Pager(asked: -1, rows: 0, size: 50).range == 0..<0)
        let directory = CityDirectory(Self.city)
        let rows = SchoolsPage.rows(
            Self.report, filter: try SchoolsPage.Filter(Self.context(.en, [("sort", "gap")])), directory: directory)
        let gaps = rows.map { $0.requiredMbps - ($0.measuredMbps ?? $0.contractedMbps) }
        #expect(gaps == gaps.sorted(by: >))
    }
}
