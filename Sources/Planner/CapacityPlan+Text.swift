import InventoryModel

/// The forms of a capacity plan: a terminal table, Markdown, JSON, and CSV of the link upgrades.
public enum CapacityReport {
    /// The terminal form: link upgrades, metro egress and storage.
    ///
    /// - Parameter language: The language of the titles, labels and lines. Money is yuan in
    ///   English and 万元 in Chinese.
    public static func table(_ plan: CapacityPlan, language: Language = .en) -> String {
        TextSection.terminal(sections(plan, language: language))
    }

    /// The Markdown form, with the English labels, and the codes of rules, actions and pool kinds
    /// as the JSON and CSV give them.
    public static func markdown(_ plan: CapacityPlan) -> String {
        TextSection.markdown(sections(plan, language: .en, codes: true), title: "Capacity plan as of \(plan.asOf)")
    }

    /// The sections of a form; with `codes`, rules, actions and pool kinds by their codes
    /// (`CONGESTED`, `new_link`, `cloud_storage`) instead of their words.
    static func sections(_ plan: CapacityPlan, language: Language, codes: Bool = false) -> [TextSection] {
        let zh = language == .zh
        let egress = plan.egress
        let slope = egress.fit?.slopeStandardError.map { Text.number(1.96 * $0 * 365.25) }
        let growth: String
        switch (zh, egress.growthIsFitted) {
        case (true, true):
            growth =
                "年增长率\(Text.percent(egress.yearlyGrowth))，按\(egress.historyDays)天历史数据拟合"
                + (slope.map { "（斜率±\($0) Mbps/年）" } ?? "")
        case (true, false):
            growth =
                "年增长率按假定值\(Text.percent(egress.yearlyGrowth))测算（capacity.assumed_growth）："
                + "历史数据\(egress.historyDays)天，拟合至少需要\(egress.minHistoryDays)天"
        case (false, true):
            growth =
                "growth \(Text.percent(egress.yearlyGrowth)) a year, fitted on \(egress.historyDays) days of history"
                + (slope.map { " (slope ±\($0) Mbps a year)" } ?? "")
        case (false, false):
            growth =
                "growth \(Text.percent(egress.yearlyGrowth)) a year assumed (capacity.assumed_growth): "
                + "\(egress.historyDays) days of history, a fit needs \(egress.minHistoryDays)"
        }
        let day = { (date: CalendarDate?) in
            date.map { Text.date($0, in: language) } ?? ReportWords.notWithinCentury(language)
        }
        // Money: yuan in English, as before; 万元 in Chinese, as a Chinese table gives it.
        let money = { (yuan: Double) in zh ? wan(yuan, decimals: 2) : Text.number(yuan) }
        let upgrades = TextSection(
            title: zh
                ? "学校接入链路扩容（在实测峰值基础上预留\(Text.percent(plan.headroom))余量）"
                : "Link upgrades (headroom \(Text.percent(plan.headroom)) over the measured peak)",
            lines: [
                zh
                    ? "带宽未达标学校\(plan.upgrades.count)所；合同期内链路年费\(wan(plan.currentYearlyYuan))万元，"
                        + "按本方案调整后\(wan(plan.newYearlyYuan))万元（增加\(wan(plan.addedYearlyYuan))万元）"
                    : "\(plan.upgrades.count) schools below the bandwidth standard; links in force cost "
                        + "\(wan(plan.currentYearlyYuan)) 万元 a year, the plan \(wan(plan.newYearlyYuan)) 万元 "
                        + "(+\(wan(plan.addedYearlyYuan)) 万元)"
            ],
            header: [
                ReportWords.school, ReportWords.district, ReportWords.why, ReportWords.action, ReportWords.required,
                ReportWords.peak, ReportWords.needed, ReportWords.contracted, ReportWords.product,
                ReportWords.yearlyCost, ReportWords.added,
            ].map { $0(language) },
            rows: plan.upgrades.map { upgrade in
                [
                    upgrade.schoolCode, upgrade.district,
                    codes
                        ? upgrade.rules.map(\.rawValue).joined(separator: " ")
                        : upgrade.rules.map { $0.words(language) }.joined(separator: zh ? "、" : "; "),
                    codes ? upgrade.action.rawValue : upgrade.action.words(language), mbps(upgrade.requiredMbps),
                    upgrade.peakMbps.map(mbps) ?? "-",
                    mbps(upgrade.neededMbps), mbps(upgrade.contractedMbps), product(upgrade, language: language),
                    money(upgrade.newYearlyYuan), money(upgrade.addedYearlyYuan),
                ]
            })
        let demandLine =
            zh
            ? "需求\(gbps(egress.demandGbps))：有采样的\(egress.measuredSchools)所学校全市合计下行流量在"
                + "\(egress.slots)个5分钟时段上的95%分位值（\(Text.number(egress.measuredP95Mbps)) Mbps），"
                + "加上无采样的\(egress.unmeasuredSchools)所学校按规划要求带宽×并发系数估算"
                + "（\(Text.number(egress.unmeasuredMbps)) Mbps）"
            : "demand \(gbps(egress.demandGbps)): p95 of the city-wide sum over \(egress.slots) five-minute slots "
                + "from \(egress.measuredSchools) schools (\(Text.number(egress.measuredP95Mbps)) Mbps) + "
                + "\(egress.unmeasuredSchools) schools without samples at their requirement x concurrency "
                + "(\(Text.number(egress.unmeasuredMbps)) Mbps)"
        let egressSection = TextSection(
            title: zh ? "城域网出口" : "Metro egress",
            lines: [
                demandLine,
                zh
                    ? "在用及已签约出口带宽\(gbps(egress.capacityGbps))；规划目标\(gbps(egress.targetGbps))"
                    : "capacity \(gbps(egress.capacityGbps)) in force or signed; plan target \(gbps(egress.targetGbps))",
                growth,
                zh
                    ? "需求超过现有出口带宽：\(day(egress.outgrowsCapacityOn))；超过规划目标：\(day(egress.outgrowsTargetOn))"
                    : "outgrows the capacity: \(day(egress.outgrowsCapacityOn)); passes the target: "
                        + day(egress.outgrowsTargetOn),
            ],
            header: [ReportWords.year, ReportWords.demand, ReportWords.egressCapacity, ReportWords.target].map {
                $0(language)
            },
            rows: egress.yearly.map {
                [String($0.year), gbps($0.demandGbps), gbps(egress.capacityGbps), gbps(egress.targetGbps)]
            })
        let never = ReportWords.never(language)
        let storage = TextSection(
            title: zh ? "存储容量" : "Storage",
            header: [
                ReportWords.pool, ReportWords.poolKind, ReportWords.readings, ReportWords.used,
                ReportWords.storageCapacity, ReportWords.growthPerYear, ReportWords.fullOn, ReportWords.range95,
                ReportWords.target, ReportWords.targetReached,
            ].map { $0(language) },
            rows: plan.storage.map { pool in
                [
                    pool.isTotal && !codes
                        ? pool.kind.words(language) + (zh ? "" : " ") + ReportWords.total(language) : pool.name,
                    codes ? pool.kind.rawValue : pool.kind.words(language), String(pool.readings), tb(pool.usedTB),
                    tb(pool.capacityTB),
                    pool.growthTBPerYear.map {
                        tb($0) + (pool.growthErrorTBPerYear.map { " ±" + Text.number($0) } ?? "")
                    }
                        ?? ReportWords.needsTwoReadings(language),
                    pool.fullOn.map(\.description) ?? "-",
                    (pool.fullEarliest.map(\.description) ?? never) + " .. "
                        + (pool.fullLatest.map(\.description) ?? never),
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

    static func product(_ upgrade: LinkUpgrade, language: Language) -> String {
        guard let offer = upgrade.offer else {
            return upgrade.action == .enforceContract ? ReportWords.contractAsIs(language) : "-"
        }
        let lines =
            upgrade.lines > 1 ? (language == .zh ? "\(upgrade.lines)条" : "\(upgrade.lines) x ") : ""
        return lines + Text.number(offer.mbps) + " Mbps"
    }

    static func mbps(_ value: Double) -> String { Text.number(value) }
    static func gbps(_ value: Double) -> String { Text.number(value) + " Gbps" }
    static func tb(_ value: Double) -> String { Text.number(value) + " TB" }
    /// Yuan as 万元, with at most one decimal unless told (two for one school's yearly fee).
    static func wan(_ yuan: Double, decimals: Int = 1) -> String {
        // Whole fen: past 2^53 yuan (no real budget) Double has no fen left to round.
        guard yuan.isFinite, abs(yuan) < 9e13 else { return Text.number(yuan / 10_000) }
        return Fen.wan(Int64((yuan * 100).rounded(.toNearestOrAwayFromZero)), decimals: decimals)
    }
}
