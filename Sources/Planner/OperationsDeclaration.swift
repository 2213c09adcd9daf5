import InventoryModel

/// The payment rules of the city's project management (Haidian rules art. 44): at least three
/// instalments, the first at most 30%, at most 70% paid before final acceptance, the balance after.
public enum PaymentRules {
    public static let minInstalments = 3
    public static let firstMaxPercent: Int64 = 30
    public static let beforeAcceptanceMaxPercent: Int64 = 70

    /// The schedule of a project of `totalFen` carried out in `year`: 30% when the contract is
    /// signed (31 March), 40% on delivery and installation (31 July), the 30% balance after final
    /// acceptance (30 November). Amounts are whole fen and add up to the total exactly: the
    /// first two are rounded down, so the fen of rounding go to the last instalment (the
    /// balance), and no instalment before acceptance passes its share.
    public static func schedule(totalFen: Int64, year: Int) -> [PaymentInstalment] {
        let total = max(totalFen, 0)
        let first = Fen.percent(firstMaxPercent, of: total)
        let beforeAcceptance = Fen.percent(beforeAcceptanceMaxPercent, of: total)
        let milestones: [(String, Int, Int, Int64, Bool)] = [
            ("contract signed (合同签订)", 3, 31, first, true),
            ("delivery and installation (到货安装)", 7, 31, beforeAcceptance - first, true),
            ("balance after final acceptance (终验后)", 11, 30, total - beforeAcceptance, false),
        ]
        return milestones.map { milestone, month, day, fen, before in
            PaymentInstalment(
                milestone: milestone,
                // A day count: the years after 9999 are no `CalendarDate(year:)` but still a due day.
                due: CivilDays.date(CivilDays.days(year: Int64(year), month: month, day: day)),
                amountFen: fen, share: total == 0 ? 0 : Double(fen) / Double(total), beforeAcceptance: before)
        }
    }

    /// Whether a schedule follows the rules, with what it breaks.
    public static func violations(_ payments: [PaymentInstalment], totalFen: Int64) -> [String] {
        var found: [String] = []
        if payments.count < minInstalments { found.append("fewer than \(minInstalments) instalments") }
        let sum = Fen.sum(payments.map(\.amountFen))
        if sum != totalFen {
            found.append("instalments add up to \(Fen.yuan(sum)) yuan, not \(Fen.yuan(totalFen))")
        }
        if let first = payments.first, first.amountFen > Fen.percent(firstMaxPercent, of: totalFen) {
            found.append("first instalment above \(firstMaxPercent)%")
        }
        let before = Fen.sum(payments.filter(\.beforeAcceptance).map(\.amountFen))
        if before > Fen.percent(beforeAcceptanceMaxPercent, of: totalFen) {
            found.append("more than \(beforeAcceptanceMaxPercent)% before final acceptance")
        }
        if zip(payments, payments.dropFirst()).contains(where: { $0.due > $1.due }) {
            found.append("instalments out of date order")
        }
        if let lastBefore = payments.lastIndex(where: \.beforeAcceptance),
            payments[..<lastBefore].contains(where: { !$0.beforeAcceptance })
        {
            found.append("a payment after acceptance comes before one before it")
        }
        return found
    }
}

/// One payment of a project.
public struct PaymentInstalment: Hashable, Sendable {
    public var milestone: String
    public var due: CalendarDate
    /// The amount in whole fen.
    public var amountFen: Int64
    public var share: Double
    /// Paid before final acceptance.
    public var beforeAcceptance: Bool
}

/// One renewal project of the rolling list: a district's replacements in a year.
public struct RenewalProject: Hashable, Sendable {
    /// `R<year>-<NN>`: NN is 01 for city-level hardware and 02 on for the districts in name
    /// order (``RenewalSchedule/projectNumbers(districts:)``), whatever the year.
    public var id: String
    public var year: Int
    public var district: String
    /// Quantity replaced per category, in category order.
    public var quantities: [AssetCategory: Int]
    /// The sum of its replacements, whole fen; its payments add up to it.
    public var costFen: Int64
    public var payments: [PaymentInstalment]
}

/// A line of the hardware list: one category bought in one year at one place.
public struct HardwareLine: Hashable, Sendable {
    public var district: String
    /// The school; nil for city-level hardware, or when the list is by district.
    public var schoolCode: String?
    public var category: AssetCategory
    public var purchaseYear: Int
    public var quantity = 0
    public var inService = 0
    public var faulty = 0
    public var spare = 0
    /// Purchase cost of the line's assets, whole fen.
    public var valueFen: Int64 = 0
    public var firstPurchase: CalendarDate
    public var lastPurchase: CalendarDate
    public var warrantyEndEarliest: CalendarDate?
    public var warrantyEndLatest: CalendarDate?
    public var outOfWarranty = 0
    public var pastLife = 0

    /// What the category is used for, as the declaration asks (用途).
    public var use: String { HardwareLine.uses[category] ?? "" }

    /// The status counts in words.
    public var status: String {
        [(inService, "in service"), (faulty, "faulty"), (spare, "spare")].filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }

    /// The problems: faulty, past expected life, out of warranty; empty when none.
    public var problems: String {
        [(faulty, "faulty"), (pastLife, "past expected life"), (outOfWarranty, "out of warranty")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: "; ")
    }

    static let uses: [AssetCategory: String] = [
        .interactiveDisplay: "classroom teaching (班班通)", .switch: "campus network", .router: "network uplink",
        .firewall: "network security", .accessPoint: "campus wireless", .server: "school services",
        .storage: "school storage", .projector: "classroom teaching", .computer: "teaching and office",
        .other: "other",
    ]
}

/// The operations declaration (运维项目申报): the hardware list, the warranty claims and the
/// rolling three-year renewal projects with their payment schedules.
public struct OperationsDeclaration: Sendable {
    public enum Grouping: String, CaseIterable, Sendable { case school, district }

    public var asOf: CalendarDate
    public var grouping: Grouping
    public var hardware: [HardwareLine]
    public var projects: [RenewalProject]
    /// The renewal plan the projects come from, with its warranty claims.
    public var schedule: RenewalSchedule
    /// The maintenance budget of each project year (3% of the hardware value on 1 January), fen.
    public var maintenance: [(year: Int, budgetFen: Int64)]

    /// Faulty assets under warranty, claimed from their vendors instead of bought, by year.
    public var warrantyClaims: [(year: Int, claim: WarrantyClaim)] {
        schedule.years.flatMap { year in year.warrantyClaims.map { (year.year, $0) } }
    }

    /// The declaration as of a day, with projects for the three years from `startYear`.
    ///
    /// Retired assets are not listed, nor assets bought after the as-of day (they did not exist
    /// yet), which the renewal plan does not count either. Projects are the renewal plan's
    /// replacements, one project per district and year (city-level hardware under "city"),
    /// with ids that depend on the district and the year only; re-running the declaration next
    /// year re-plans the list from the inventory of the day (a rolling list).
    ///
    /// - Parameter districts: the districts that number the projects (nil: the inventory's);
    ///   the whole city's when `inventory` is one district of it.
    public init(
        _ inventory: Inventory, plan: Plan, asOf: CalendarDate, startYear: Int, grouping: Grouping,
        districts: [String]? = nil
    ) {
        self.asOf = asOf
        self.grouping = grouping
        var districtOf: [String: String] = [:]
        for school in inventory.schools { districtOf[school.code] = school.district }
        var cutoffs = LifeCutoffs(plan: plan, day: asOf)
        var lines: [String: HardwareLine] = [:]
        for asset in inventory.assets where asset.status != .retired && asset.exists(on: asOf) {
            let district = asset.schoolCode.flatMap { districtOf[$0] } ?? OperationsDeclaration.city
            let school = grouping == .school ? asset.schoolCode : nil
            let key = "\(district)\u{1F}\(school ?? "")\u{1F}\(asset.category.ordinal)\u{1F}\(asset.purchaseDate.year)"
            var line =
                lines[key]
                ?? HardwareLine(
                    district: district, schoolCode: school, category: asset.category,
                    purchaseYear: asset.purchaseDate.year, firstPurchase: asset.purchaseDate,
                    lastPurchase: asset.purchaseDate)
            line.quantity += 1
            switch asset.status {
            case .inService: line.inService += 1
            case .faulty: line.faulty += 1
            case .spare: line.spare += 1
            case .retired: break
            }
            line.valueFen = Fen.add(line.valueFen, asset.purchaseCostFen)
            line.firstPurchase = min(line.firstPurchase, asset.purchaseDate)
            line.lastPurchase = max(line.lastPurchase, asset.purchaseDate)
            if let end = asset.warrantyEnd {
                line.warrantyEndEarliest = min(line.warrantyEndEarliest ?? end, end)
                line.warrantyEndLatest = max(line.warrantyEndLatest ?? end, end)
                if end < asOf { line.outOfWarranty += 1 }
            } else {
                line.outOfWarranty += 1
            }
            if cutoffs.isPastLife(
                purchased: asset.purchaseDate, category: asset.category, life: asset.expectedLifeYears)
            {
                line.pastLife += 1
            }
            lines[key] = line
        }
        hardware = lines.values.sorted {
            ($0.district, $0.schoolCode ?? "", $0.category.ordinal, $0.purchaseYear)
                < ($1.district, $1.schoolCode ?? "", $1.category.ordinal, $1.purchaseYear)
        }

        let schedule = RenewalPlanner(plan: plan).schedule(
            inventory, startYear: startYear, years: 3, asOf: asOf, districts: districts)
        var projects: [RenewalProject] = []
        for year in schedule.years {
            var byDistrict: [String: (quantities: [AssetCategory: Int], cost: Int64)] = [:]
            for item in year.replacements {
                let district = schedule.district(of: schedule.asset(item))
                byDistrict[district, default: ([:], 0)].quantities[schedule.asset(item).category, default: 0] += 1
                byDistrict[district, default: ([:], 0)].cost = Fen.add(
                    byDistrict[district, default: ([:], 0)].cost, item.costFen)
            }
            // In project-number order: city-level hardware first, then the districts by name.
            let ordered = byDistrict.keys.sorted {
                (schedule.projectNumbers[$0] ?? 0, $0) < (schedule.projectNumbers[$1] ?? 0, $1)
            }
            for district in ordered {
                let (quantities, cost) = byDistrict[district]!
                projects.append(
                    RenewalProject(
                        id: schedule.projectID(year: year.year, district: district), year: year.year,
                        district: district, quantities: quantities, costFen: cost,
                        payments: PaymentRules.schedule(totalFen: cost, year: year.year)))
            }
        }
        self.projects = projects
        self.schedule = schedule
        maintenance = schedule.years.map { ($0.year, $0.maintenanceBudgetFen) }
    }

    /// The district name of hardware that belongs to no school (the metro core, data centre).
    public static let city = RenewalSchedule.city
}

extension OperationsDeclaration {
    /// The declaration as Markdown: the summary, the hardware list, the warranty claims, the
    /// projects with their payments. Amounts are yuan with two decimals, each total the sum of
    /// its rows to the fen.
    public var markdown: String {
        let years = schedule.years.map(\.year)
        let hardwareFen = Fen.sum(hardware.map(\.valueFen))
        let claims = warrantyClaims
        var out = "# Operations declaration (运维项目申报) as of \(asOf)\n\n"
        out += "Hardware list by \(grouping.rawValue): \(hardware.reduce(0) { $0 + $1.quantity }) assets "
        out += "(retired ones and those bought after \(asOf) not listed), \(Fen.yuan(hardwareFen)) 元 "
        out += "(\(Fen.wan(hardwareFen)) 万元) at purchase cost. Renewal projects for "
        out += "\(years.first.map(String.init) ?? "-")-\(years.last.map(String.init) ?? "-"), re-planned every year "
        out += "from the inventory of the day; faulty assets still under warranty on 1 January are claimed from "
        out += "their vendors, not bought from the budget. A project's id is R<year>-<NN>, one per district and "
        out += "year: NN is 01 for city-level hardware and 02 on for the districts in the order of their names, "
        out += "so a district keeps its number from year to year and run to run. Payments follow the project "
        out += "rules: at least \(PaymentRules.minInstalments) instalments, the first at most "
        out += "\(PaymentRules.firstMaxPercent)%, at most \(PaymentRules.beforeAcceptanceMaxPercent)% before final "
        out += "acceptance; instalments are whole fen, the first two rounded down and the balance taking the "
        out += "remainder, so they add up to the project's cost.\n\n"
        out += "## Hardware list (硬件清单)\n\n"
        out += "| \(grouping.rawValue) | category | use | quantity | purchased | warranty until | status | problems "
        out += "| value (元) |\n"
        out += "|---|---|---|---:|---|---|---|---|---:|\n"
        for line in hardware {
            let place = grouping == .school ? (line.schoolCode ?? OperationsDeclaration.city) : line.district
            out += "| \(Markdown.cell(place)) | \(line.category.rawValue) | \(line.use) | \(line.quantity) | "
            out += "\(Self.range(line.firstPurchase, line.lastPurchase)) | "
            out += "\(line.warrantyEndEarliest.map { Self.range($0, line.warrantyEndLatest!) } ?? "none") | "
            out += "\(line.status) | \(line.problems.isEmpty ? "-" : line.problems) | \(Fen.yuan(line.valueFen)) |\n"
        }
        out += "| total | | | \(hardware.reduce(0) { $0 + $1.quantity }) | | | | | \(Fen.yuan(hardwareFen)) |\n"
        out += "\n## Warranty claims (保修索赔)\n\n"
        out += "Faulty assets under warranty on 1 January of a project year: the vendor's to repair, "
        out += "\(claims.count) assets, \(Fen.yuan(Fen.sum(claims.map(\.claim.valueFen)))) 元 at purchase cost, "
        out += "none of it from the budget.\n\n"
        if !claims.isEmpty { out += RenewalReport.warrantyClaimsTable(claims, in: schedule) }
        out += "\n## Renewal projects (三年滚动项目库)\n\n"
        out += "| project | year | district | replaces | cost (元) |\n|---|---|---|---|---:|\n"
        for project in projects {
            out +=
                "| \(project.id) | \(project.year) | \(Markdown.cell(project.district)) | \(Self.quantities(project)) | "
            out += "\(Fen.yuan(project.costFen)) |\n"
        }
        for year in years {
            let cost = Fen.sum(projects.filter { $0.year == year }.map(\.costFen))
            out += "| total \(year) | \(year) | | | \(Fen.yuan(cost)) |\n"
        }
        out += "\nMaintenance budget (3% of the hardware value on 1 January, shared over out-of-warranty assets): "
        out += maintenance.map { "\($0.year) \(Fen.yuan($0.budgetFen)) 元" }.joined(separator: ", ")
        out += ".\n\n## Payment schedules (付款计划)\n\n"
        out += "| project | instalment | due | share | amount (元) | before final acceptance |\n"
        out += "|---|---|---|---:|---:|---|\n"
        for project in projects {
            for payment in project.payments {
                out += "| \(project.id) | \(payment.milestone) | \(payment.due) | \(Text.percent(payment.share)) | "
                out += "\(Fen.yuan(payment.amountFen)) | \(payment.beforeAcceptance ? "yes" : "no") |\n"
            }
        }
        return out
    }

    /// The hardware list as CSV, one line per place, category and purchase year.
    public var hardwareCSV: String {
        var out = "district,school_code,category,use,quantity,in_service,faulty,spare,first_purchase,last_purchase,"
        out += "warranty_end_earliest,warranty_end_latest,out_of_warranty,past_life,value_yuan,problems\n"
        for line in hardware {
            let fields = [
                line.district, line.schoolCode ?? "", line.category.rawValue, line.use, String(line.quantity),
                String(line.inService), String(line.faulty), String(line.spare), line.firstPurchase.description,
                line.lastPurchase.description, line.warrantyEndEarliest?.description ?? "",
                line.warrantyEndLatest?.description ?? "", String(line.outOfWarranty), String(line.pastLife),
                Fen.yuan(line.valueFen), line.problems,
            ]
            out += fields.map(Markdown.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    /// The projects as CSV, one line per instalment with its project's figures.
    public var projectsCSV: String {
        var out = "project,year,district,replaces,cost_yuan,instalment,milestone,due,share,amount_yuan,"
        out += "before_final_acceptance\n"
        for project in projects {
            for (number, payment) in project.payments.enumerated() {
                let fields = [
                    project.id, String(project.year), project.district, Self.quantities(project),
                    Fen.yuan(project.costFen), String(number + 1), payment.milestone, payment.due.description,
                    JSON.number((payment.share * 10_000).rounded() / 10_000), Fen.yuan(payment.amountFen),
                    payment.beforeAcceptance ? "true" : "false",
                ]
                out += fields.map(Markdown.csvField).joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// The warranty claims as CSV, one line per asset.
    public var warrantyClaimsCSV: String {
        var out = "year,asset_tag,district,school_code,school_name,category,model,warranty_end,value_yuan\n"
        for (year, claim) in warrantyClaims {
            let asset = schedule.asset(claim)
            let fields = [
                String(year), asset.assetTag, schedule.district(of: asset), asset.schoolCode ?? "",
                schedule.schoolName(of: asset) ?? "", asset.category.rawValue, asset.model ?? "",
                claim.warrantyEnd.description, Fen.yuan(claim.valueFen),
            ]
            out += fields.map(Markdown.csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    static func range(_ first: CalendarDate, _ last: CalendarDate) -> String {
        first == last ? first.description : "\(first) .. \(last)"
    }

    static func quantities(_ project: RenewalProject) -> String {
        AssetCategory.allCases.compactMap { category in
            project.quantities[category].map { "\($0) \(category.rawValue)" }
        }.joined(separator: ", ")
    }
}
