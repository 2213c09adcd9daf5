import InventoryModel
import Planner

/// `/`: every plan target beside the city's value and the gap, the schools by finding, the
/// city-wide findings and the districts side by side.
public enum OverviewPage {
    /// The ways the districts table sorts (`dsort=`), each a column.
    static let districtSorts = ["name", "schools", "connected", "bandwidth", "display", "compliant", "violating"]

    /// The overview of a report, with its counts made once (``CitySummary``).
    public static func html(_ report: ComplianceReport, summary: CitySummary, context: PageContext) -> String {
        let language = context.language
        let tally = summary.tally
        let targets = report.metrics.map { metric in targetRow(metric, tally: tally, language: language) }
        let rules = summary.rules.map { rule, count -> [String: Any] in
            [
                "rule": rule.rawValue, "words": rule.words(language), "severity": rule.severity.rawValue,
                "severityWords": rule.severity.words(language), "schools": count,
                "href": context.link("/schools", [("rule", rule.rawValue)]),
            ]
        }
        let cityFlags = report.cityFlags.map { flag -> [String: Any] in
            [
                "severity": flag.severity.rawValue, "words": flag.rule.words(language),
                "text": flag.message(in: language),
            ]
        }
        let sort = context.query("dsort").flatMap { districtSorts.contains($0) ? $0 : nil } ?? "name"
        let rows = summary.districts.sorted { a, b in a.sorts(before: b, by: sort) }
        let districtRows = rows.map { row -> [String: Any] in
            [
                "name": row.name, "schools": row.tally.schools,
                "href": context.link("/schools", [("district", row.name)]),
                "connected": Share.text(row.connected), "bandwidth": Share.text(row.bandwidth),
                "display": Share.text(row.display), "compliant": Share.text(row.compliant),
                "violating": row.violating, "connectedBelow": Share.below(row.connected),
                "bandwidthBelow": Share.below(row.bandwidth), "displayBelow": Share.below(row.display),
            ]
        }
        let sortLinks = Dictionary(
            uniqueKeysWithValues: districtSorts.map { ("sort_" + $0, context.relink([("dsort", $0)])) })
        let data: [String: Any] = [
            "asOf": report.asOf.description, "schools": report.schools.count, "targets": targets,
            "rules": rules, "hasRules": !rules.isEmpty, "cityFlags": cityFlags, "hasCityFlags": !cityFlags.isEmpty,
            "districts": districtRows, "sorts": sortLinks, "schoolsHref": context.link("/schools"),
        ]
        return PageRenderer.page(
            "overview", title: PageWords.label("overview_title", language), data: data, context: context,
            navKey: "nav_overview")
    }

    /// A target's row: the value and target as the API gives them (for a check against the
    /// report), the same as a planner reads them, the gap in words and the bar of the gap.
    static func targetRow(_ metric: Metric, tally: ComplianceSolver.Tally, language: Language) -> [String: Any] {
        var row: [String: Any] = [
            "name": metric.name, "words": metric.words(language),
            "dataValue": metric.value.map(JSON.number) ?? "", "dataTarget": metric.target.map(JSON.number) ?? "",
            "value": MetricText.show(metric.value, unit: metric.unit, language: language),
            "target": metric.target.map { MetricText.show($0, unit: metric.unit, language: language) } ?? "",
            "below": !metric.meetsTarget,
            "note": metric.name == "class_display_rate" ? PageWords.label("kindergartens_apart", language) : "",
        ]
        row["gap"] = MetricText.gap(metric, tally: tally, language: language)
        if let value = metric.value, let target = metric.target, target > 0 {
            row["bar"] = Text.number(min(max(value / target, 0), 1) * 100)
        }
        return row
    }
}
