import Foundation
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

    public static func html(
        _ report: ComplianceReport, directory: CityDirectory, plan: Plan, page: Int, context: PageContext
    ) -> String {
        let language = context.language
        let endMs = plan.localMidnightMs(context.day.adding(days: 1))
        let probes = directory.probes.compactMap { probe -> ProbeRow? in
            let last = probe.last(before: endMs)
            return last.result.map {
                ProbeRow(schoolCode: probe.schoolCode, probeID: probe.probeID, lastResult: $0, lastTest: last.test)
            }
        }
        // Silent: nothing for more than a day before now (or before the end of a past as-of day).
        let nowMs = min(Int64(Date().timeIntervalSince1970 * 1000), endMs)
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
        let pages = max(1, (rows.count + pageSize - 1) / pageSize)
        let page = min(max(page, 1), pages)
        let offset = Double(plan.utcOffsetSeconds(atMs: endMs))
        let shown = rows.dropFirst((page - 1) * pageSize).prefix(pageSize).map { row -> [String: Any] in
            let silentDays = Double(nowMs - row.lastResult) / 86_400_000
            return [
                "code": row.schoolCode, "name": directory.school(row.schoolCode)?.name ?? "", "probe": row.probeID,
                "href": context.link("/schools/" + URLText.encode(row.schoolCode)),
                "lastResult": SchoolPage.localTime(
                    Timestamp(millisecondsSinceEpoch: row.lastResult), offsetSeconds: offset),
                "lastTest": row.lastTest.map {
                    SchoolPage.localTime(Timestamp(millisecondsSinceEpoch: $0), offsetSeconds: offset)
                }
                    ?? PageWords.label("never", language),
                "silent": row.lastResult < silentBeforeMs,
                "silentDays": Text.number(silentDays),
            ]
        }
        let silentCount = rows.filter { $0.lastResult < silentBeforeMs }.count
        var data: [String: Any] = [
            "probes": shown, "count": rows.count, "silentCount": silentCount, "without": without,
            "page": page, "pages": pages,
        ]
        if page > 1 { data["previous"] = context.relink([("page", String(page - 1))]) }
        if page < pages { data["next"] = context.relink([("page", String(page + 1))]) }
        return PageRenderer.page(
            "probes", title: PageWords.label("probes_title", language), data: data, context: context,
            navKey: "nav_probes")
    }
}
