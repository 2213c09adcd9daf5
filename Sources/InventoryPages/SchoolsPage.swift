import InventoryModel
import Planner

/// `/schools`: the schools below standard (or at risk), filtered, sorted and paged, and the
/// same list as CSV for Excel.
public struct SchoolsPage {
    public static let pageSize = 50
    static let sorts = ["code", "name", "district", "gap", "classes"]

    /// The filters of the address; each is nil when absent or empty.
    public struct Filter: Sendable {
        public var district: String?
        public var rule: Rule?
        /// `violation`, `warning`, or `all` (every school, flagged or not); nil: any flag.
        public var severity: String?
        public var kind: SchoolKind?
        public var locality: Locality?
        public var text: String?
        public var sort = "code"

        /// The filters of a page's query, or the name of the first one that holds a value it
        /// does not know.
        public init(_ context: PageContext) throws(PageError) {
            func value(_ name: String) -> String? {
                guard let text = context.query(name), !text.isEmpty else { return nil }
                return text
            }
            district = value("district")
            text = value("q")
            if let text = value("rule") {
                guard let rule = Rule(rawValue: text) else { throw PageError.badChoice("rule", text) }
                self.rule = rule
            }
            if let text = value("severity") {
                guard ["violation", "warning", "all"].contains(text) else {
                    throw PageError.badChoice("severity", text)
                }
                severity = text
            }
            if let text = value("kind") {
                guard let kind = SchoolKind(rawValue: text) else { throw PageError.badChoice("kind", text) }
                self.kind = kind
            }
            if let text = value("locality") {
                guard let locality = Locality(rawValue: text) else { throw PageError.badChoice("locality", text) }
                self.locality = locality
            }
            if let text = value("sort") {
                guard SchoolsPage.sorts.contains(text) else { throw PageError.badChoice("sort", text) }
                sort = text
            }
        }

        /// The query items of the filters, for links and the CSV.
        var items: [(String, String)] {
            [
                ("district", district ?? ""), ("rule", rule?.rawValue ?? ""), ("severity", severity ?? ""),
                ("kind", kind?.rawValue ?? ""), ("locality", locality?.rawValue ?? ""), ("q", text ?? ""),
                ("sort", sort == "code" ? "" : sort),
            ].filter { !$0.1.isEmpty }
        }

        func admits(_ school: SchoolReport, directory: CityDirectory) -> Bool {
            if let district, school.district != district { return false }
            if let kind, school.kind != kind { return false }
            switch severity {
            case nil: if school.flags.isEmpty { return false }
            case "violation": if !school.hasViolation { return false }
            case "warning": if !school.flags.contains(where: { $0.severity == .warning }) { return false }
            default: break
            }
            if let rule, !school.flags.contains(where: { $0.rule == rule }) { return false }
            if let locality, directory.school(school.code)?.locality != locality { return false }
            if let text, !school.code.localizedCaseInsensitiveContains(text), !school.name.contains(text) {
                return false
            }
            return true
        }
    }

    /// The schools a filter admits, in its order.
    ///
    /// - Complexity: O(n log n) in the schools of the report.
    public static func rows(_ report: ComplianceReport, filter: Filter, directory: CityDirectory) -> [SchoolReport] {
        let rows = report.schools.filter { filter.admits($0, directory: directory) }
        func gap(_ school: SchoolReport) -> Double {
            school.requiredMbps - (school.measuredMbps ?? school.contractedMbps)
        }
        switch filter.sort {
        case "name": return rows.sorted { ($0.name, $0.code) < ($1.name, $1.code) }
        case "district": return rows.sorted { ($0.district, $0.code) < ($1.district, $1.code) }
        case "gap": return rows.sorted { (-gap($0), $0.code) < (-gap($1), $1.code) }
        case "classes": return rows.sorted { (-$0.classes, $0.code) < (-$1.classes, $1.code) }
        default: return rows.sorted { $0.code < $1.code }
        }
    }

    /// One page of the schools a filter admits, with the filters as a form.
    public static func html(
        _ report: ComplianceReport, filter: Filter, page: Int, directory: CityDirectory, context: PageContext
    ) -> String {
        let language = context.language
        let rows = rows(report, filter: filter, directory: directory)
        let pager = Pager(asked: page, rows: rows.count, size: pageSize)
        let schools = rows[pager.range].map { school -> [String: Any] in
            [
                "code": school.code, "name": school.name, "district": school.district,
                "href": context.link("/schools/" + URLText.encode(school.code)),
                "kind": school.kind.words(language), "classes": school.classes,
                "required": Text.number(school.requiredMbps), "contracted": Text.number(school.contractedMbps),
                "measured": school.measuredMbps.map(Text.number) ?? "—",
                "flags": school.flags.map { flag -> [String: Any] in
                    [
                        "severity": flag.severity.rawValue, "rule": flag.rule.rawValue,
                        "words": flag.rule.words(language), "text": flag.message(in: language),
                    ]
                },
            ]
        }
        let districts = Set(report.schools.map(\.district)).sorted()
        func options(_ values: [(String, String)], selected: String?) -> [[String: Any]] {
            values.map { ["value": $0.0, "text": $0.1, "selected": $0.0 == (selected ?? "")] }
        }
        let filterItems = filter.items
        var data: [String: Any] = [
            "count": rows.count, "schools": schools, "none": rows.isEmpty, "q": filter.text ?? "",
            "districts": options(districts.map { ($0, $0) }, selected: filter.district),
            "rules": options(
                Rule.allCases.filter(\.isSchoolRule).map { ($0.rawValue, $0.words(language)) },
                selected: filter.rule?.rawValue),
            "severities": options(
                [
                    ("violation", Severity.violation.words(language)), ("warning", Severity.warning.words(language)),
                    ("all", language == .zh ? "全部学校（含已达标）" : "every school (met too)"),
                ], selected: filter.severity),
            "kinds": options(
                SchoolKind.allCases.map { ($0.rawValue, $0.words(language)) }, selected: filter.kind?.rawValue),
            "localities": options(
                Locality.allCases.map { ($0.rawValue, $0.words(language)) }, selected: filter.locality?.rawValue),
            "sorts": options(sorts.map { ($0, PageWords.label("sort_" + $0, language)) }, selected: filter.sort),
            "csv": context.link("/schools.csv", filterItems), "xlsx": context.link("/schools.xlsx", filterItems),
            "lang": language.rawValue,
            "asOf": context.explicitDay ? context.day.description : "",
        ]
        pager.add(to: &data, language: language) { context.link("/schools", filterItems + [("page", String($0))]) }
        return PageRenderer.page(
            "schools", title: PageWords.label("schools_title", language), data: data, context: context,
            navKey: "nav_schools")
    }

    /// Text a spreadsheet would take for a formula (`=`, `+`, `-`, `@` first) with a `'` before
    /// it, as OWASP advises for CSV meant for Excel: a school named `=HYPERLINK(...)` stays text.
    static func spreadsheetSafe(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// The filtered schools as CSV, every page of them: UTF-8 with a byte-order mark so that
    /// Excel on Chinese Windows reads it as UTF-8, headers in the page's language.
    public static func csv(
        _ report: ComplianceReport, filter: Filter, directory: CityDirectory, language: Language
    ) -> String {
        let header = [
            "code", "name", "district", "kind", "locality", "classes", "required_mbps", "contracted_mbps",
            "measured_mbps", "findings",
        ].map { PageWords.label($0, language) }
        var out = ExcelCSV.byteOrderMark + header.map(CSVField.text).joined(separator: ",") + "\r\n"
        for school in rows(report, filter: filter, directory: directory) {
            let fields = [
                school.code, school.name, school.district, school.kind.words(language),
                directory.school(school.code)?.locality.words(language) ?? "", String(school.classes),
                Text.number(school.requiredMbps), Text.number(school.contractedMbps),
                school.measuredMbps.map(Text.number) ?? "",
                school.flags.map { $0.message(in: language) }.joined(separator: language == .zh ? "；" : "; "),
            ]
            out += fields.map { CSVField.text(spreadsheetSafe($0)) }.joined(separator: ",") + "\r\n"
        }
        return out
    }
}
