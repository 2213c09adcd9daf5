import InventoryModel
import Planner

/// `/schools/{code}`: one school's classes, links and hardware, every finding with its value
/// and threshold, and the last 14 days of its probe's tests and utilisation against the
/// required and contracted rates.
public enum SchoolPage {
    static let chartDays = 14

    /// The page of one school's report, with what the directory holds of it.
    public static func html(
        _ report: SchoolReport, directory: CityDirectory, plan: Plan, context: PageContext
    ) -> String {
        let language = context.language
        let zh = language == .zh
        let school = directory.school(report.code)
        let day = context.day
        let links = directory.links(of: report.code).sorted { $0.linkID < $1.linkID }.map { link -> [String: Any] in
            [
                "id": link.linkID, "provider": link.provider,
                "rates": "\(Text.number(link.downMbps)) / \(Text.number(link.upMbps))",
                "contract": "\(link.contractStart?.description ?? "…") – \(link.contractEnd?.description ?? "…")",
                "cost": link.monthlyCostYuan.map(Text.number) ?? "—",
                "inForce": PageWords.label(link.isInForce(on: day) ? "yes" : "no", language),
            ]
        }
        var groups: [String: (category: AssetCategory, status: AssetStatus, count: Int, fen: Int64)] = [:]
        for asset in directory.assets(of: report.code) where asset.exists(on: day) {
            let key = "\(asset.category.ordinal)-\(asset.status.rawValue)"
            var group = groups[key] ?? (asset.category, asset.status, 0, 0)
            group.count += 1
            group.fen = Fen.add(group.fen, asset.purchaseCostFen)
            groups[key] = group
        }
        let assets = groups.sorted { $0.key < $1.key }.map { _, group -> [String: Any] in
            [
                "category": group.category.words(language), "status": group.status.words(language),
                "count": group.count, "value": MetricText.wan(fen: group.fen),
            ]
        }
        let flags = report.flags.map { flag -> [String: Any] in
            [
                "rule": flag.rule.rawValue, "severity": flag.severity.rawValue, "words": flag.rule.words(language),
                "text": flag.message(in: language),
                "value": MetricText.flagFigure(flag.value, unit: flag.unit, language: language),
                "threshold": MetricText.flagFigure(flag.threshold, unit: flag.unit, language: language),
            ]
        }
        let end = Double(plan.localMidnightMs(day.adding(days: 1))) / 1000
        let start = end - Double(chartDays) * 86_400
        var tests: [(Double, Double)] = []
        var samples: [(Double, Double)] = []
        var lastReport: Timestamp?
        for measurement in directory.measurements(of: report.code) {
            let time = measurement.startedAt.secondsSinceEpoch
            if time < end, lastReport.map({ $0 < measurement.startedAt }) ?? true { lastReport = measurement.startedAt }
            guard time >= start, time < end else { continue }
            switch measurement.kind {
            case .throughputDown where measurement.valid: tests.append((time, measurement.mbps))
            case .utilisationDown: samples.append((time, measurement.mbps))
            default: break
            }
        }
        samples.sort { $0.0 < $1.0 }
        let offset = Double(plan.utcOffsetSeconds(atMs: Int64(end * 1000)))
        let references = [
            ChartLine(
                label: PageWords.label("legend_required", language), colour: "#c62828", value: report.requiredMbps),
            ChartLine(
                label: PageWords.label("legend_contracted", language), colour: "#1565c0", value: report.contractedMbps),
        ]
        let testChart = SVGChart(
            id: "chart-throughput", title: PageWords.label("throughput_chart", language), start: start, end: end,
            series: [
                .init(label: PageWords.label("legend_measured", language), colour: "#2e7d32", points: tests, dots: true)
            ], references: references, utcOffsetSeconds: offset)
        let utilisationChart = SVGChart(
            id: "chart-utilisation", title: PageWords.label("utilisation_chart", language), start: start, end: end,
            series: [
                .init(
                    label: PageWords.label("legend_measured", language), colour: "#6a1b9a", points: samples, dots: false
                )
            ], references: references, utcOffsetSeconds: offset)
        var facts: [[String: Any]] = [
            ["key": "district", "value": report.district],
            ["key": "kind", "value": report.kind.words(language)],
            ["key": "classes", "value": String(report.classes)],
            ["key": "required_mbps", "value": Text.number(report.requiredMbps)],
            ["key": "contracted_mbps", "value": Text.number(report.contractedMbps)],
            ["key": "measured_mbps", "value": report.measuredMbps.map(Text.number) ?? "—"],
        ]
        if let school {
            facts.insert(["key": "locality", "value": school.locality.words(language)], at: 2)
            if let students = school.students { facts.append(["key": "students", "value": String(students)]) }
            if let staff = school.itStaff { facts.append(["key": "it_staff", "value": String(staff)]) }
            if let wireless = school.wirelessCoveragePct {
                facts.append(["key": "wireless", "value": Text.number(wireless) + "%"])
            }
        }
        let words = PageWords.labels(language)
        let data: [String: Any] = [
            "code": report.code, "name": report.name,
            "facts": facts.map { fact in fact.merging(["label": words[fact["key"] as! String] ?? ""]) { a, _ in a } },
            "flags": flags, "hasFlags": !flags.isEmpty, "links": links, "hasLinks": !links.isEmpty,
            "assets": assets, "hasAssets": !assets.isEmpty,
            "throughputChart": testChart.svg(), "throughputLegend": testChart.legend(), "noTests": tests.isEmpty,
            "utilisationChart": utilisationChart.svg(), "utilisationLegend": utilisationChart.legend(),
            "noSamples": samples.isEmpty,
            "lastReported": lastReport.map { localTime($0.millisecondsSinceEpoch, plan: plan) }
                ?? PageWords.label("never", language),
            "back": context.link("/schools", [("district", report.district)]),
            "classesText": zh ? "\(report.classes) 个班" : "\(report.classes) classes",
        ]
        return PageRenderer.page("school", title: report.name, data: data, context: context, navKey: "nav_schools")
    }

    /// A time in the plan's zone as a planner reads it: `2026-11-24 09:05`.
    static func localTime(_ milliseconds: Int64, plan: Plan) -> String {
        let local = Double(milliseconds) / 1000 + Double(plan.utcOffsetSeconds(atMs: milliseconds))
        let day = CalendarDate(daysSinceEpoch: Int32((local / 86_400).rounded(.down)))
        let minutes = Int((local - Double(day.daysSinceEpoch) * 86_400) / 60)
        let hh = minutes / 60
        let mm = minutes % 60
        return "\(day) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}
