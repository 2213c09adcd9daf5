import InventoryModel

/// The forms of a renewal schedule: a terminal table, CSV, JSON and Markdown.
///
/// Amounts are whole fen written as yuan with two decimals (`2260.35`), or as 万元 with one
/// decimal in the summary tables, rounded from the fen; every total is the sum of its rows.
/// Faulty assets under warranty are listed as warranty claims in every form, apart from the
/// budget.
public enum RenewalReport {
    /// The first eleven columns are those of the first version, in their places.
    static let csvHeader =
        "year,action,asset_tag,school_code,category,reason,cost_yuan,criticality,purchase_date,budget_yuan,spent_yuan,"
        + "project_id,district,school_name,model,warranty_end\n"

    /// The reason written for a warranty claim.
    static let claimReason = "faulty under warranty"

    /// One row a replacement, backlog item or warranty claim (`action` replace, backlog,
    /// warranty_claim). `cost_yuan` of a claim is the asset's purchase cost, which the budget
    /// does not pay; `spent_yuan` is the sum of the year's replace rows.
    public static func csv(_ schedule: RenewalSchedule) -> String {
        var out = JSONWriter()
        out.raw(csvHeader)
        schedule.assets.withUnsafeBufferPointer { assets in
            for year in schedule.years {
                let money = "," + Fen.yuan(year.replacementBudgetFen) + "," + Fen.yuan(year.spentFen) + ","
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
                        out.raw(Fen.yuan(item.costFen))
                        out.raw(",")
                        out.number(item.criticality)
                        out.raw(",")
                        out.date(item.purchaseDate)
                        out.raw(money)
                        let district = schedule.district(of: asset.pointee)
                        if action == "replace" { out.raw(schedule.projectID(year: year.year, district: district)) }
                        out.raw(",")
                        place(asset.pointee, district: district, in: schedule, to: &out)
                        out.raw(",\n")
                    }
                }
                let head = String(year.year) + ",warranty_claim,"
                for claim in year.warrantyClaims {
                    let asset = assets.baseAddress! + claim.assetIndex
                    out.raw(head)
                    out.csvField(asset.pointee.assetTag)
                    out.raw(",")
                    if let school = asset.pointee.schoolCode { out.csvField(school) }
                    out.raw(",")
                    out.raw(asset.pointee.category.rawValue)
                    out.raw("," + claimReason + ",")
                    out.raw(Fen.yuan(claim.valueFen))
                    out.raw(",,")
                    out.date(asset.pointee.purchaseDate)
                    out.raw(money)
                    out.raw(",")
                    place(asset.pointee, district: schedule.district(of: asset.pointee), in: schedule, to: &out)
                    out.raw(",")
                    out.date(claim.warrantyEnd)
                    out.raw("\n")
                }
            }
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `district,school_name,model` of a CSV row.
    private static func place(_ asset: Asset, district: String, in schedule: RenewalSchedule, to out: inout JSONWriter)
    {
        out.csvField(district)
        out.raw(",")
        out.csvField(schedule.schoolName(of: asset) ?? "")
        out.raw(",")
        out.csvField(asset.model ?? "")
    }

    /// The years with their budgets, items and warranty claims, as JSON; amounts in yuan with
    /// two decimals.
    public static func json(_ schedule: RenewalSchedule) -> String {
        var out = JSONWriter()
        out.raw("{\"years\": [")
        for (index, year) in schedule.years.enumerated() {
            out.raw(index == 0 ? "\n  {\"year\": " : ",\n  {\"year\": ")
            out.integer(Int64(year.year))
            out.yuan("hardware_value_yuan", year.hardwareValueFen)
            out.yuan("replacement_budget_yuan", year.replacementBudgetFen)
            out.yuan("spent_yuan", year.spentFen)
            out.yuan("backlog_value_yuan", year.backlogFen)
            out.yuan("maintenance_budget_yuan", year.maintenanceBudgetFen)
            out.yuan("out_of_warranty_value_yuan", year.outOfWarrantyValueFen)
            out.yuan("warranty_claims_value_yuan", year.warrantyClaimsFen)
            for (key, items) in [("replacements", year.replacements), ("backlog", year.backlog)] {
                out.raw(", \"\(key)\": [")
                for (itemIndex, item) in items.enumerated() {
                    let asset = schedule.asset(item)
                    let district = schedule.district(of: asset)
                    out.raw(itemIndex == 0 ? "\n    {\"asset_tag\": " : ",\n    {\"asset_tag\": ")
                    out.string(asset.assetTag)
                    if key == "replacements" {
                        out.field("project_id", schedule.projectID(year: year.year, district: district))
                    }
                    out.field("district", district)
                    out.field("school_code", asset.schoolCode)
                    out.field("school_name", schedule.schoolName(of: asset))
                    out.field("category", asset.category.rawValue)
                    out.field("reason", item.reason.label)
                    out.yuan("cost_yuan", item.costFen)
                    out.field("purchase_date", item.purchaseDate)
                    out.raw("}")
                }
                out.raw(items.isEmpty ? "]" : "\n  ]")
            }
            out.raw(", \"warranty_claims\": [")
            for (claimIndex, claim) in year.warrantyClaims.enumerated() {
                let asset = schedule.asset(claim)
                out.raw(claimIndex == 0 ? "\n    {\"asset_tag\": " : ",\n    {\"asset_tag\": ")
                out.string(asset.assetTag)
                out.field("district", schedule.district(of: asset))
                out.field("school_code", asset.schoolCode)
                out.field("school_name", schedule.schoolName(of: asset))
                out.field("category", asset.category.rawValue)
                out.field("model", asset.model)
                out.field("warranty_end", claim.warrantyEnd)
                out.yuan("value_yuan", claim.valueFen)
                out.raw("}")
            }
            out.raw(year.warrantyClaims.isEmpty ? "]}" : "\n  ]}")
        }
        out.raw("\n]}\n")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The budget and spending of each year, what each year replaces by reason and category,
    /// then the warranty claims.
    ///
    /// - Parameter language: The language of the titles and labels. Amounts are 万元 in both,
    ///   but for a claim's value, which is yuan with two decimals in English and 万元 in Chinese.
    public static func table(_ schedule: RenewalSchedule, language: Language = .en) -> String {
        let zh = language == .zh
        let years = schedule.years
        var rows = [
            [
                ReportWords.year, ReportWords.hardwareValue, ReportWords.replacementBudget, ReportWords.spent,
                ReportWords.replaced, ReportWords.backlog, ReportWords.backlogValue, ReportWords.maintenanceBudget,
                ReportWords.warrantyClaims, ReportWords.claimsValue,
            ].map { $0(language) }
        ]
        for year in years {
            rows.append([
                String(year.year), Fen.wan(year.hardwareValueFen), Fen.wan(year.replacementBudgetFen),
                Fen.wan(year.spentFen), String(year.replacements.count), String(year.backlog.count),
                Fen.wan(year.backlogFen), Fen.wan(year.maintenanceBudgetFen), String(year.warrantyClaims.count),
                Fen.wan(year.warrantyClaimsFen),
            ])
        }
        var out = (zh ? "设备更新计划（金额单位：万元）\n" : "Renewal plan (amounts in 万元)\n") + Columns.render(rows, indent: "  ")
        for year in years {
            out += zh ? "\n\(year.year)年更新设备（按更新原因和设备类别）\n" : "\n\(year.year): replaced by reason and category\n"
            var counts: [Pair: (count: Int, fen: Int64)] = [:]
            for item in year.replacements {
                let key = Pair(reason: item.reason, category: schedule.asset(item).category)
                counts[key, default: (0, 0)].count += 1
                counts[key, default: (0, 0)].fen = Fen.add(counts[key, default: (0, 0)].fen, item.costFen)
            }
            // Dearest first, then by what they are called: the same order on every run (a
            // dictionary has none).
            let named = counts.map { pair, total in
                (words: [pair.reason.words(language), pair.category.words(language)], total.count, total.fen)
            }
            let ordered = named.sorted {
                ($1.2, $0.words.joined(separator: "/")) < ($0.2, $1.words.joined(separator: "/"))
            }
            let header = [ReportWords.reason, ReportWords.category, ReportWords.count, ReportWords.amount].map {
                $0(language)
            }
            out += Columns.render(
                [header] + ordered.map { $0.words + [String($0.1), Fen.wan($0.2)] }, indent: "  ")
        }
        let claims = years.flatMap { year in year.warrantyClaims.map { (year.year, $0) } }
        if !claims.isEmpty {
            out +=
                zh
                ? "\n保修索赔：1月1日仍在保修期内的故障设备，由供应商负责维修（不占更新预算）\n"
                : "\nWarranty claims: faulty assets under warranty on 1 January, the vendor's to repair (not from the budget)\n"
            var claimRows = [
                [
                    ReportWords.year, ReportWords.asset, ReportWords.school, ReportWords.schoolName,
                    ReportWords.category, ReportWords.model, ReportWords.warrantyUntil, ReportWords.yuan,
                ].map { $0(language) }
            ]
            for (year, claim) in claims {
                let asset = schedule.asset(claim)
                claimRows.append([
                    String(year), asset.assetTag, asset.schoolCode ?? ReportWords.cityLevel(language),
                    schedule.schoolName(of: asset) ?? "-", asset.category.words(language), asset.model ?? "-",
                    claim.warrantyEnd.description, zh ? Fen.wan(claim.valueFen, decimals: 2) : Fen.yuan(claim.valueFen),
                ])
            }
            out += Columns.render(claimRows, indent: "  ")
        }
        return out
    }

    /// A reason and a category, the rows of a year's replacements in the table.
    private struct Pair: Hashable {
        var reason: RenewalReason
        var category: AssetCategory
    }

    /// The summary, every item and every warranty claim, as Markdown.
    public static func markdown(_ schedule: RenewalSchedule) -> String {
        let years = schedule.years
        var out = "# Renewal plan\n\n"
        out += "| year | hardware value (万元) | budget (万元) | spent (万元) | replaced | backlog | warranty claims |\n"
        out += "|---|---:|---:|---:|---:|---:|---:|\n"
        for year in years {
            out +=
                "| \(year.year) | \(Fen.wan(year.hardwareValueFen)) | \(Fen.wan(year.replacementBudgetFen)) | "
                + "\(Fen.wan(year.spentFen)) | \(year.replacements.count) | \(year.backlog.count) | "
                + "\(year.warrantyClaims.count) |\n"
        }
        for year in years {
            out += "\n## \(year.year)\n\n"
            out += "Budget \(Fen.yuan(year.replacementBudgetFen)) 元; spent \(Fen.yuan(year.spentFen)) 元 on "
            out += "\(year.replacements.count) replacements; backlog \(year.backlog.count) assets, "
            out += "\(Fen.yuan(year.backlogFen)) 元; warranty claims \(year.warrantyClaims.count), "
            out += "\(Fen.yuan(year.warrantyClaimsFen)) 元 (not from the budget).\n\n"
            out += "| action | project | asset | school | district | category | reason | cost (元) |\n"
            out += "|---|---|---|---|---|---|---|---:|\n"
            for (action, items) in [("replace", year.replacements), ("backlog", year.backlog)] {
                for item in items {
                    let asset = schedule.asset(item)
                    let district = schedule.district(of: asset)
                    let project = action == "replace" ? schedule.projectID(year: year.year, district: district) : "-"
                    out += "| \(action) | \(project) | \(asset.assetTag) | "
                    out += "\(Markdown.cell(school(asset, in: schedule))) | \(Markdown.cell(district)) | "
                    out += "\(asset.category.rawValue) | \(item.reason.label) | \(Fen.yuan(item.costFen)) |\n"
                }
            }
            guard !year.warrantyClaims.isEmpty else { continue }
            out += "\n### \(year.year): warranty claims (保修索赔)\n\n"
            out += warrantyClaimsTable(year.warrantyClaims.map { (year.year, $0) }, in: schedule)
        }
        return out
    }

    /// Claims as a Markdown table, with the year each is made in.
    static func warrantyClaimsTable(_ claims: [(year: Int, claim: WarrantyClaim)], in schedule: RenewalSchedule)
        -> String
    {
        var out = "| year | asset | school | district | category | model (vendor) | warranty until | value (元) |\n"
        out += "|---|---|---|---|---|---|---|---:|\n"
        for (year, claim) in claims {
            let asset = schedule.asset(claim)
            out += "| \(year) | \(asset.assetTag) | \(Markdown.cell(school(asset, in: schedule))) | "
            out += "\(Markdown.cell(schedule.district(of: asset))) | \(asset.category.rawValue) | "
            out += "\(Markdown.cell(asset.model ?? "-")) | \(claim.warrantyEnd) | \(Fen.yuan(claim.valueFen)) |\n"
        }
        return out
    }

    /// `code name` of an asset's school, or `city`.
    static func school(_ asset: Asset, in schedule: RenewalSchedule) -> String {
        guard let code = asset.schoolCode else { return RenewalSchedule.city }
        return schedule.schoolName(of: asset).map { code + " " + $0 } ?? code
    }
}

extension JSONWriter {
    /// `, "name": 1234.56`: fen as yuan with two decimals.
    mutating func yuan(_ name: String, _ fen: Int64) {
        raw(", \"" + name + "\": " + Fen.yuan(fen))
    }
}
