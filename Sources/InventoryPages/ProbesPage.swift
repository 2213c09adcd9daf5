import InventoryModel
import Planner

/// `/probes`: every school's probe with its last result and last test, probes silent for more
/// than a day first: the list IT staff and planners chase.
public enum ProbesPage {
    static let pageSize = 100

    struct ProbeRow {
        var schoolCode: String
        var probeID: String
        var lastResult: Int64
        var lastTest: Int64?
    }

    /// The page of probes as of the context's day; `nowMs` is the present (a probe is silent
    /// when nothing came for a day before it, or before the end of a past as-of day).
    public static func html(
        _ report: ComplianceReport, directory: CityDirectory, plan: Plan, page: Int, nowMs: Int64,
        context: PageContext
    ) -> String {
        let language = context.language
        let endMs = plan.localMidnightMs(context.day.adding(days: 1))
        let probes = directory.probes.compactMap { probe -> ProbeRow? in
            let last = probe.last(before: endMs)
            return last.result.map {
                ProbeRow(schoolCode: probe.schoolCode, probeID: probe.probeID, lastResult: $0, lastTest: last.test)
            }
        }
        let nowMs = min(nowMs, endMs)
        let silentBeforeMs = nowMs - 86_400_000
        let rows = probes.sorted { a, b in
            let aSilent = a.lastResult < silentBeforeMs
            let bSilent = b.lastResult < silentBeforeMs
            if aSilent != bSilent { return aSilent }
            if aSilent, a.lastResult != b.lastResult { return a.lastResult < b.lastResult }
            return (a.schoolCode, a.probeID) < (b.schoolCode, b.probeID)
        }
        let withProbe = Set(rows.map(\.schoolCode))
        let without = max(report.schools.count - withProbe.count, 0)
        let pager = Pager(asked: page, rows: rows.count, size: pageSize)
        let shown = rows[pager.range].map { row -> [String: Any] in
            let silentDays = Double(nowMs - row.lastResult) / 86_400_000
            return [
                "code": row.schoolCode, "name": directory.school(row.schoolCode)?.name ?? "", "probe": row.probeID,
                "href": context.link("/schools/" + URLText.encode(row.schoolCode)),
                "lastResult": SchoolPage.localTime(row.lastResult, plan: plan),
                "lastTest": row.lastTest.map { SchoolPage.localTime($0, plan: plan) }
                    ?? PageWords.label("never_tested", language),
                "silent": row.lastResult < silentBeforeMs,
                "silentDays": Text.number(silentDays),
            ]
        }
        let silentCount = rows.filter { $0.lastResult < silentBeforeMs }.count
        var data: [String: Any] = [
            "probes": shown, "count": rows.count, "silentCount": silentCount, "without": without,
        ]
        pager.add(to: &data, language: language) { context.relink([("page", String($0))]) }
        return PageRenderer.page(
            "probes", title: PageWords.label("probes_title", language), data: data, context: context,
            navKey: "nav_probes")
    }
}
