import InventoryModel

/// A titled table, rendered for a terminal or as Markdown, so both forms say the same thing.
struct TextSection {
    var title: String
    var lines: [String] = []
    var header: [String]
    var rows: [[String]]

    static func terminal(_ sections: [TextSection]) -> String {
        sections.map { section in
            var out = section.title + "\n"
            for line in section.lines { out += "  " + line + "\n" }
            if !section.rows.isEmpty { out += Columns.render([section.header] + section.rows, indent: "  ") }
            return out
        }.joined(separator: "\n")
    }

    static func markdown(_ sections: [TextSection], title: String) -> String {
        var out = "# " + title + "\n"
        for section in sections {
            out += "\n## " + section.title + "\n\n"
            for line in section.lines { out += line + "\n\n" }
            guard !section.rows.isEmpty else { continue }
            out += "| " + section.header.map(Markdown.cell).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: "---|", count: section.header.count) + "\n"
            for row in section.rows { out += "| " + row.map(Markdown.cell).joined(separator: " | ") + " |\n" }
        }
        return out
    }
}

/// The forms of a capacity plan: a terminal table, Markdown, JSON, and CSV of the link upgrades.
public enum CapacityReport {
    public static func table(_ plan: CapacityPlan) -> String { TextSection.terminal(sections(plan)) }

    public static func markdown(_ plan: CapacityPlan) -> String {
        TextSection.markdown(sections(plan), title: "Capacity plan as of \(plan.asOf)")
    }

    static func sections(_ plan: CapacityPlan) -> [TextSection] {
        let egress = plan.egress
        let growth =
            egress.growthIsFitted
            ? "growth \(Text.percent(egress.yearlyGrowth)) a year, fitted on \(egress.historyDays) days of history"
                + (egress.fit?.slopeStandardError.map {
                    " (slope ±" + Text.number(1.96 * $0 * 365.25) + " Mbps a year)"
                } ?? "")
            : "growth \(Text.percent(egress.yearlyGrowth)) a year assumed (capacity.assumed_growth): "
                + "\(egress.historyDays) days of history, a fit needs \(egress.minHistoryDays)"
        let upgrades = TextSection(
            title: "Link upgrades (headroom \(Text.percent(plan.headroom)) over the measured peak)",
            lines: [
                "\(plan.upgrades.count) schools below the bandwidth standard; links in force cost "
                    + "\(wan(plan.currentYearlyYuan)) 万元 a year, the plan \(wan(plan.newYearlyYuan)) 万元 "
                    + "(+\(wan(plan.addedYearlyYuan)) 万元)"
            ],
            header: [
                "school", "district", "why", "action", "required", "peak", "needed", "contracted", "product",
                "yuan/year", "added",
            ],
            rows: plan.upgrades.map { upgrade in
                [
                    upgrade.schoolCode, upgrade.district, upgrade.rules.map(\.rawValue).joined(separator: " "),
                    upgrade.action.rawValue, mbps(upgrade.requiredMbps), upgrade.peakMbps.map(mbps) ?? "-",
                    mbps(upgrade.neededMbps), mbps(upgrade.contractedMbps), product(upgrade),
                    Text.number(upgrade.newYearlyYuan), Text.number(upgrade.addedYearlyYuan),
                ]
            })
        let egressSection = TextSection(
            title: "Metro egress",
            lines: [
                "demand \(gbps(egress.demandGbps)): p95 of the city-wide sum over \(egress.slots) five-minute slots "
                    + "from \(egress.measuredSchools) schools (\(Text.number(egress.measuredP95Mbps)) Mbps) + "
                    + "\(egress.unmeasuredSchools) schools without samples at their requirement x concurrency "
                    + "(\(Text.number(egress.unmeasuredMbps)) Mbps)",
                "capacity \(gbps(egress.capacityGbps)) in force or signed; plan target \(gbps(egress.targetGbps))",
                growth,
                "outgrows the capacity: " + (egress.outgrowsCapacityOn.map(\.description) ?? "not within a century")
                    + "; passes the target: " + (egress.outgrowsTargetOn.map(\.description) ?? "not within a century"),
            ],
            header: ["year", "demand", "capacity", "target"],
            rows: egress.yearly.map {
                [String($0.year), gbps($0.demandGbps), gbps(egress.capacityGbps), gbps(egress.targetGbps)]
            })
        let storage = TextSection(
            title: "Storage",
            header: [
                "pool", "kind", "readings", "used", "capacity", "growth a year", "full on", "95% range",
                "target", "target reached",
            ],
            rows: plan.storage.map { pool in
                [
                    pool.name, pool.kind.rawValue, String(pool.readings), tb(pool.usedTB), tb(pool.capacityTB),
                    pool.growthTBPerYear.map {
                        tb($0) + (pool.growthErrorTBPerYear.map { " ±" + Text.number($0) } ?? "")
                    }
                        ?? "needs two readings",
                    pool.fullOn.map(\.description) ?? "-",
                    (pool.fullEarliest.map(\.description) ?? "never") + " .. "
                        + (pool.fullLatest.map(\.description) ?? "never"),
                    pool.targetTB.map(tb) ?? "",
                    pool.targetTB == nil ? "" : pool.targetReachedOn.map(\.description) ?? "-",
                ]
            })
        return [upgrades, egressSection, storage]
    }

    /// The link upgrades, one row each.
    public static func csv(_ plan: CapacityPlan) -> String {
        var out =
            "school_code,school_name,district,rules,action,required_mbps,peak_mbps,needed_mbps,contracted_mbps,"
            + "offer_mbps,lines,current_yuan_per_year,new_yuan_per_year,added_yuan_per_year\n"
        for upgrade in plan.upgrades {
            let fields = [
                upgrade.schoolCode, upgrade.schoolName, upgrade.district,
                upgrade.rules.map(\.rawValue).joined(separator: " "), upgrade.action.rawValue,
                JSON.number(upgrade.requiredMbps), upgrade.peakMbps.map(JSON.number) ?? "",
                JSON.number(upgrade.neededMbps), JSON.number(upgrade.contractedMbps),
                upgrade.offer.map { JSON.number($0.mbps) } ?? "", String(upgrade.lines),
                JSON.number(upgrade.currentYearlyYuan), JSON.number(upgrade.newYearlyYuan),
                JSON.number(upgrade.addedYearlyYuan),
            ]
            out += fields.map(Markdown.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// The whole plan as JSON.
    public static func json(_ plan: CapacityPlan) -> String {
        var out = JSONWriter()
        out.raw("{\"as_of\": \"\(plan.asOf)\"")
        out.field("headroom", plan.headroom)
        out.raw(", \"link_upgrades\": {\"schools\": [")
        for (index, upgrade) in plan.upgrades.enumerated() {
            out.raw(index == 0 ? "\n    {\"code\": " : ",\n    {\"code\": ")
            out.string(upgrade.schoolCode)
            out.field("district", upgrade.district)
            out.raw(", \"rules\": [" + upgrade.rules.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + "]")
            out.field("action", upgrade.action.rawValue)
            out.field("required_mbps", upgrade.requiredMbps)
            out.field("peak_mbps", upgrade.peakMbps)
            out.field("needed_mbps", upgrade.neededMbps)
            out.field("contracted_mbps", upgrade.contractedMbps)
            out.field("offer_mbps", upgrade.offer?.mbps)
            out.field("lines", upgrade.lines)
            out.field("current_yuan_per_year", upgrade.currentYearlyYuan)
            out.field("new_yuan_per_year", upgrade.newYearlyYuan)
            out.field("added_yuan_per_year", upgrade.addedYearlyYuan)
            out.raw("}")
        }
        out.raw(plan.upgrades.isEmpty ? "]" : "\n  ]")
        out.field("current_yuan_per_year", plan.currentYearlyYuan)
        out.field("new_yuan_per_year", plan.newYearlyYuan)
        out.field("added_yuan_per_year", plan.addedYearlyYuan)
        let egress = plan.egress
        out.raw("},\n\"egress\": {\"demand_gbps\": ")
        out.number(egress.demandGbps)
        out.field("measured_p95_mbps", egress.measuredP95Mbps)
        out.field("measured_schools", egress.measuredSchools)
        out.field("unmeasured_mbps", egress.unmeasuredMbps)
        out.field("unmeasured_schools", egress.unmeasuredSchools)
        out.field("capacity_gbps", egress.capacityGbps)
        out.field("target_gbps", egress.targetGbps)
        out.field("history_days", egress.historyDays)
        out.field("yearly_growth", egress.yearlyGrowth)
        out.field("growth_fitted", egress.growthIsFitted)
        out.field("outgrows_capacity_on", egress.outgrowsCapacityOn)
        out.field("outgrows_target_on", egress.outgrowsTargetOn)
        out.raw(", \"yearly\": [")
        for (index, year) in egress.yearly.enumerated() {
            out.raw(index == 0 ? "{\"year\": " : ", {\"year\": ")
            out.integer(Int64(year.year))
            out.field("demand_gbps", year.demandGbps)
            out.raw("}")
        }
        out.raw("]},\n\"storage\": [")
        for (index, pool) in plan.storage.enumerated() {
            out.raw(index == 0 ? "\n  {\"name\": " : ",\n  {\"name\": ")
            out.string(pool.name)
            out.field("kind", pool.kind.rawValue)
            out.field("total", pool.isTotal)
            out.field("readings", pool.readings)
            out.field("used_tb", pool.usedTB)
            out.field("capacity_tb", pool.capacityTB)
            out.field("growth_tb_per_year", pool.growthTBPerYear)
            out.field("growth_error_tb_per_year", pool.growthErrorTBPerYear)
            out.field("full_on", pool.fullOn)
            out.field("full_earliest", pool.fullEarliest)
            out.field("full_latest", pool.fullLatest)
            out.field("target_tb", pool.targetTB)
            out.field("target_reached_on", pool.targetReachedOn)
            out.raw("}")
        }
        out.raw(plan.storage.isEmpty ? "]}\n" : "\n]}\n")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func product(_ upgrade: LinkUpgrade) -> String {
        guard let offer = upgrade.offer else { return upgrade.action == .enforceContract ? "(contract)" : "-" }
        return (upgrade.lines > 1 ? "\(upgrade.lines) x " : "") + Text.number(offer.mbps) + " Mbps"
    }

    static func mbps(_ value: Double) -> String { Text.number(value) }
    static func gbps(_ value: Double) -> String { Text.number(value) + " Gbps" }
    static func tb(_ value: Double) -> String { Text.number(value) + " TB" }
    static func wan(_ yuan: Double) -> String { Text.number(yuan / 10_000) }
}
