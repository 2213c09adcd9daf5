import InventoryModel
import Planner

/// `/renewals`: the years' budgets, what the plan spends and what waits, with the declaration
/// and the renewal list to download.
public enum RenewalsPage {
    /// The page of a renewal schedule.
    public static func html(_ schedule: RenewalSchedule, context: PageContext) -> String {
        let language = context.language
        let wan = MetricText.wan(fen:)
        let years = schedule.years.map { year -> [String: Any] in
            [
                "year": year.year, "value": wan(year.hardwareValueFen), "budget": wan(year.replacementBudgetFen),
                "maintenance": wan(year.maintenanceBudgetFen), "spent": wan(year.spentFen),
                "backlog": wan(year.backlogFen), "claims": wan(year.warrantyClaimsFen),
                "replacements": year.replacements.count, "overBudget": year.spentFen > year.replacementBudgetFen,
            ]
        }
        let chart = BarChart(
            id: "chart-renewals", title: PageWords.label("renewals_title", language),
            groups: schedule.years.map { String($0.year) },
            series: [
                .init(
                    label: PageWords.label("replacement_budget", language), colour: "#90a4ae",
                    values: schedule.years.map { MetricText.wanValue(fen: $0.replacementBudgetFen) }),
                .init(
                    label: PageWords.label("spent", language), colour: "#2e7d32",
                    values: schedule.years.map { MetricText.wanValue(fen: $0.spentFen) }),
                .init(
                    label: PageWords.label("backlog", language), colour: "#c62828",
                    values: schedule.years.map { MetricText.wanValue(fen: $0.backlogFen) }),
            ])
        let data: [String: Any] = [
            "years": years, "chart": chart.svg(), "legend": chart.legend(),
            "declaration": context.link("/renewals/declaration.md"), "csv": context.link("/renewals.csv"),
            "declarationXlsx": context.link("/renewals/declaration.xlsx"),
        ]
        return PageRenderer.page(
            "renewals", title: PageWords.label("renewals_title", language), data: data, context: context,
            navKey: "nav_renewals")
    }
}

/// `/capacity`: links to upgrade, the egress forecast against capacity and target, and when
/// each storage pool fills.
public enum CapacityPage {
    static let upgradesShown = 100

    /// The page of a capacity plan.
    public static func html(_ plan: CapacityPlan, context: PageContext) -> String {
        let language = context.language
        let zh = language == .zh
        let upgrades = plan.upgrades.prefix(upgradesShown).map { upgrade -> [String: Any] in
            [
                "code": upgrade.schoolCode, "name": upgrade.schoolName, "district": upgrade.district,
                "href": context.link("/schools/" + URLText.encode(upgrade.schoolCode)),
                "rules": upgrade.rules.map { $0.words(language) }.joined(separator: zh ? "、" : ", "),
                "action": actionWords(upgrade.action, language), "required": Text.number(upgrade.requiredMbps),
                "needed": Text.number(upgrade.neededMbps), "contracted": Text.number(upgrade.contractedMbps),
                "added": Text.number(upgrade.addedYearlyYuan),
            ]
        }
        let egress = plan.egress
        let groups = [String(plan.asOf.year)] + egress.yearly.map { String($0.year) }
        let demand = [egress.demandGbps] + egress.yearly.map(\.demandGbps)
        let chart = BarChart(
            id: "chart-egress", title: PageWords.label("egress_title", language), groups: groups,
            series: [.init(label: PageWords.label("legend_demand", language), colour: "#1565c0", values: demand)],
            lines: [
                .init(
                    label: PageWords.label("legend_capacity", language), colour: "#2e7d32", value: egress.capacityGbps),
                .init(label: PageWords.label("legend_target", language), colour: "#c62828", value: egress.targetGbps),
            ])
        // Each pool's use now and its capacity, beside the plan's target for its kind.
        let pools = plan.storage.filter { !$0.isTotal }
        let storageChart = BarChart(
            id: "chart-storage", title: PageWords.label("storage_title", language), groups: pools.map(\.name),
            series: [
                .init(label: PageWords.label("used_tb", language), colour: "#6a1b9a", values: pools.map(\.usedTB)),
                .init(
                    label: PageWords.label("capacity_tb", language), colour: "#90a4ae", values: pools.map(\.capacityTB)),
            ])
        let storage = plan.storage.map { pool -> [String: Any] in
            [
                "name": pool.isTotal ? pool.kind.words(language) : pool.name, "total": pool.isTotal,
                "used": Text.number(pool.usedTB), "capacity": Text.number(pool.capacityTB),
                "fill": pool.capacityTB > 0 ? Text.percent(pool.usedTB / pool.capacityTB) : "—",
                "bar": pool.capacityTB > 0 ? Text.number(min(pool.usedTB / pool.capacityTB, 1) * 100) : "0",
                "fullOn": pool.fullOn?.description ?? PageWords.label("not_filling", language),
            ]
        }
        let data: [String: Any] = [
            "upgrades": upgrades, "upgradeCount": plan.upgrades.count,
            "more": plan.upgrades.count > upgradesShown, "hasUpgrades": !plan.upgrades.isEmpty,
            "chart": chart.svg(), "legend": chart.legend(), "storage": storage,
            "storageChart": storageChart.svg(), "storageLegend": storageChart.legend(),
            "egressText": zh
                ? "当前需求 \(Text.number(egress.demandGbps)) Gbps，现有出口 \(Text.number(egress.capacityGbps)) Gbps，规划目标 \(Text.number(egress.targetGbps)) Gbps"
                : "Demand now \(Text.number(egress.demandGbps)) Gbps, capacity \(Text.number(egress.capacityGbps)) Gbps, plan target \(Text.number(egress.targetGbps)) Gbps",
            "outgrows": egress.outgrowsCapacityOn.map {
                zh ? "预计 \($0) 需求超过现有出口" : "Demand passes the capacity on \($0)"
            } ?? "",
            "added": MetricText.tenThousandYuan(plan.addedYearlyYuan, language: language),
        ]
        return PageRenderer.page(
            "capacity", title: PageWords.label("capacity_title", language), data: data, context: context,
            navKey: "nav_capacity")
    }

    static func actionWords(_ action: LinkUpgrade.Action, _ language: Language) -> String {
        switch action {
        case .newLink: Phrase(zh: "新建链路", en: "new link")(language)
        case .upgrade: Phrase(zh: "升级带宽", en: "upgrade")(language)
        case .enforceContract: Phrase(zh: "督促运营商履约", en: "hold the carrier to its contract")(language)
        }
    }
}
