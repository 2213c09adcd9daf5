/// The forms of a renewal schedule: a terminal table, CSV, JSON and Markdown.
public enum RenewalReport {
    static let csvHeader =
        "year,action,asset_tag,school_code,category,reason,cost_yuan,criticality,purchase_date,budget_yuan,spent_yuan\n"

    /// One row a replacement or backlog item.
    public static func csv(_ schedule: RenewalSchedule) -> String {
        var out = JSONWriter()
        out.raw(csvHeader)
        schedule.assets.withUnsafeBufferPointer { assets in
            for year in schedule.years {
                let tail = "," + JSON.number(year.replacementBudgetYuan) + "," + JSON.number(year.spentYuan) + "\n"
                for (action, items) in [("replace", year.replacements), ("backlog", year.backlog)] {
                    let head = String(year.year) + "," + action + ","
                    for item in items {
                        // Through a pointer, so the asset's strings are read in place, not retained.
                        let asset = assets.baseAddress! + item.assetIndex
                        out.raw(head)
                        out.csvField(asset.pointee.assetTag)
                        out.raw(",")
                        if let school = asset.pointee.schoolCode { out.csvField(school) }
                        out.raw(",")
                        out.raw(asset.pointee.category.rawValue)
                        out.raw(",")
                        out.raw(item.reason.label)
                        out.raw(",")
                        out.number(item.costYuan)
                        out.raw(",")
                        out.number(item.criticality)
                        out.raw(",")
                        out.date(item.purchaseDate)
                        out.raw(tail)
                    }
                }
            }
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The years with their budgets and items, as JSON.
    public static func json(_ schedule: RenewalSchedule) -> String {
        var out = JSONWriter()
        out.raw("{\"years\": [")
        for (index, year) in schedule.years.enumerated() {
            out.raw(index == 0 ? "\n  {\"year\": " : ",\n  {\"year\": ")
            out.integer(Int64(year.year))
            out.field("hardware_value_yuan", year.hardwareValueYuan)
            out.field("replacement_budget_yuan", year.replacementBudgetYuan)
            out.field("spent_yuan", year.spentYuan)
            out.field("maintenance_budget_yuan", year.maintenanceBudgetYuan)
            out.field("out_of_warranty_value_yuan", year.outOfWarrantyValueYuan)
            for (key, items) in [("replacements", year.replacements), ("backlog", year.backlog)] {
                out.raw(", \"\(key)\": [")
                for (itemIndex, item) in items.enumerated() {
                    let asset = schedule.asset(item)
                    out.raw(itemIndex == 0 ? "\n    {\"asset_tag\": " : ",\n    {\"asset_tag\": ")
                    out.string(asset.assetTag)
                    out.field("school_code", asset.schoolCode)
                    out.field("category", asset.category.rawValue)
                    out.field("reason", item.reason.label)
                    out.field("cost_yuan", item.costYuan)
                    out.field("purchase_date", item.purchaseDate)
                    out.raw("}")
                }
                out.raw(items.isEmpty ? "]" : "\n  ]")
            }
            out.raw("}")
        }
        out.raw("\n]}\n")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The budget and spending of each year, then what each year replaces by reason and category.
    public static func table(_ schedule: RenewalSchedule) -> String {
        let years = schedule.years
        var rows = [
            ["year", "hardware value", "budget 15%", "spent", "replaced", "backlog", "backlog value", "maintenance 3%"]
        ]
        for year in years {
            rows.append([
                String(year.year), wan(year.hardwareValueYuan), wan(year.replacementBudgetYuan), wan(year.spentYuan),
                String(year.replacements.count), String(year.backlog.count),
                wan(year.backlogYuan), wan(year.maintenanceBudgetYuan),
            ])
        }
        var out = "Renewal plan (amounts in 万元)\n" + Columns.render(rows, indent: "  ")
        for year in years {
            out += "\n\(year.year): replaced by reason and category\n"
            var counts: [String: (Int, Double)] = [:]
            for item in year.replacements {
                let key = item.reason.label + " / " + schedule.asset(item).category.rawValue
                counts[key, default: (0, 0)].0 += 1
                counts[key, default: (0, 0)].1 += item.costYuan
            }
            out += Columns.render(
                counts.sorted { $0.value.1 > $1.value.1 }.map { [$0.key, String($0.value.0), wan($0.value.1)] },
                indent: "  ")
        }
        return out
    }

    /// The summary and every item, as Markdown.
    public static func markdown(_ schedule: RenewalSchedule) -> String {
        let years = schedule.years
        var out = "# Renewal plan\n\n| year | hardware value (万元) | budget (万元) | spent (万元) | replaced | backlog |\n"
        out += "|---|---:|---:|---:|---:|---:|\n"
        for year in years {
            out +=
                "| \(year.year) | \(wan(year.hardwareValueYuan)) | \(wan(year.replacementBudgetYuan)) | "
                + "\(wan(year.spentYuan)) | \(year.replacements.count) | \(year.backlog.count) |\n"
        }
        for year in years {
            out +=
                "\n## \(year.year)\n\n| action | asset | school | category | reason | cost (元) |\n|---|---|---|---|---|---:|\n"
            for (action, items) in [("replace", year.replacements), ("backlog", year.backlog)] {
                for item in items {
                    let asset = schedule.asset(item)
                    out +=
                        "| \(action) | \(asset.assetTag) | \(asset.schoolCode ?? "city") | \(asset.category.rawValue) | "
                        + "\(item.reason.label) | \(JSON.number(item.costYuan)) |\n"
                }
            }
        }
        return out
    }

    static func wan(_ yuan: Double) -> String { Text.number(yuan / 10_000) }
}
