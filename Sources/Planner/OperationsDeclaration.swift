import InventoryModel

/// The payment rules of the city's project management (Haidian rules art. 44): at least three
/// instalments, the first at most 30%, at most 70% paid before final acceptance, the balance after.
public enum PaymentRules {
    public static let minInstalments = 3
    public static let firstMaxShare = 0.30
    public static let beforeAcceptanceMaxShare = 0.70

    /// The schedule of a project of `totalYuan` carried out in `year`: 30% when the contract is
    /// signed (31 March), 40% on delivery and installation (31 July), the 30% balance after final
    /// acceptance (30 November). Amounts are whole fen and add up to the total exactly.
    public static func schedule(totalYuan: Double, year: Int) -> [PaymentInstalment] {
        let total = Int64((totalYuan * 100).rounded())
        let first = total * 30 / 100
        let beforeAcceptance = total * 70 / 100
        let milestones: [(String, Int, Int, Int64, Bool)] = [
            ("contract signed (合同签订)", 3, 31, first, true),
            ("delivery and installation (到货安装)", 7, 31, beforeAcceptance - first, true),
            ("balance after final acceptance (终验后)", 11, 30, total - beforeAcceptance, false),
        ]
        return milestones.map { milestone, month, day, fen, before in
            PaymentInstalment(
                milestone: milestone, due: CalendarDate(year: year, month: month, day: day)!,
                amountYuan: Double(fen) / 100, share: total == 0 ? 0 : Double(fen) / Double(total),
                beforeAcceptance: before)
        }
    }

    /// Whether a schedule follows the rules, with what it breaks.
    public static func violations(_ payments: [PaymentInstalment], totalYuan: Double) -> [String] {
        var found: [String] = []
        if payments.count < minInstalments { found.append("fewer than \(minInstalments) instalments") }
        let sum = payments.reduce(0) { $0 + $1.amountYuan }
        if abs(sum - totalYuan) > 0.005 { found.append("instalments add up to \(sum), not \(totalYuan)") }
        if let first = payments.first, first.amountYuan > totalYuan * firstMaxShare + 0.005 {
            found.append("first instalment above \(Int(firstMaxShare * 100))%")
        }
        let before = payments.filter(\.beforeAcceptance).reduce(0) { $0 + $1.amountYuan }
        if before > totalYuan * beforeAcceptanceMaxShare + 0.005 {
            found.append("more than \(Int(beforeAcceptanceMaxShare * 100))% before final acceptance")
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
    public var amountYuan: Double
    public var share: Double
    /// Paid before final acceptance.
    public var beforeAcceptance: Bool
}

/// One renewal project of the rolling list: a district's replacements in a year.
public struct RenewalProject: Hashable, Sendable {
    public var id: String
    public var year: Int
    public var district: String
    /// Quantity replaced per category, in category order.
    public var quantities: [AssetCategory: Int]
    public var costYuan: Double
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
    public var valueYuan = 0.0
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

/// The operations declaration (运维项目申报): the hardware list and the rolling three-year renewal
/// projects with their payment schedules.
public struct OperationsDeclaration: Sendable {
    public enum Grouping: String, CaseIterable, Sendable { case school, district }

    public var asOf: CalendarDate
    public var grouping: Grouping
    public var hardware: [HardwareLine]
    public var projects: [RenewalProject]
    /// The maintenance budget of each project year (3% of the hardware value on 1 January).
    public var maintenance: [(year: Int, budgetYuan: Double)]

    /// The declaration as of a day, with projects for the three years from `startYear`.
    ///
    /// Retired assets are not listed. Projects are the renewal plan's replacements, one project
    /// per district and year (city-level hardware under "city"); re-running the declaration next
    /// year re-plans the list from the inventory of the day (a rolling list).
    public init(_ inventory: Inventory, plan: Plan, asOf: CalendarDate, startYear: Int, grouping: Grouping) {
        self.asOf = asOf
        self.grouping = grouping
        var districtOf: [String: String] = [:]
        for school in inventory.schools { districtOf[school.code] = school.district }
        var cutoffs = LifeCutoffs(plan: plan, day: asOf)
        var lines: [String: HardwareLine] = [:]
        for asset in inventory.assets where asset.status != .retired {
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
            line.valueYuan += asset.purchaseCostYuan
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

        let schedule = RenewalPlanner(plan: plan).schedule(inventory, startYear: startYear, years: 3)
        var projects: [RenewalProject] = []
        for year in schedule.years {
            var byDistrict: [String: (quantities: [AssetCategory: Int], cost: Double)] = [:]
            for item in year.replacements {
                let asset = schedule.asset(item)
                let district = asset.schoolCode.flatMap { districtOf[$0] } ?? OperationsDeclaration.city
                byDistrict[district, default: ([:], 0)].quantities[asset.category, default: 0] += 1
                byDistrict[district, default: ([:], 0)].cost += item.costYuan
            }
            for (number, district) in byDistrict.keys.sorted().enumerated() {
                let (quantities, cost) = byDistrict[district]!
                projects.append(
                    RenewalProject(
                        id: "R\(year.year)-" + (number < 9 ? "0" : "") + String(number + 1), year: year.year,
                        district: district,
                        quantities: quantities, costYuan: cost,
                        payments: PaymentRules.schedule(totalYuan: cost, year: year.year)))
            }
        }
        self.projects = projects
        maintenance = schedule.years.map { ($0.year, $0.maintenanceBudgetYuan) }
    }

    /// The district name of hardware that belongs to no school (the metro core, data centre).
    public static let city = "city"
}

extension OperationsDeclaration {
    /// The declaration as Markdown: the summary, the hardware list, the projects with their payments.
    public var markdown: String {
        var out = "# Operations declaration (运维项目申报) as of \(asOf)\n\n"
        out += "Hardware list by \(grouping.rawValue): \(hardware.reduce(0) { $0 + $1.quantity }) assets "
        out += "(retired ones not listed), \(Text.number(hardware.reduce(0) { $0 + $1.valueYuan } / 10_000)) 万元 "
        out += "at purchase cost. Renewal projects for \(projects.map(\.year).min().map(String.init) ?? "-")"
        out += "-\(projects.map(\.year).max().map(String.init) ?? "-"), re-planned every year from the inventory "
        out += "of the day. Payments follow the project rules: at least \(PaymentRules.minInstalments) "
        out += "instalments, the first at most 30%, at most 70% before final acceptance.\n\n"
        out += "## Hardware list (硬件清单)\n\n"
        out += "| \(grouping.rawValue) | category | use | quantity | purchased | warranty until | status | problems "
        out += "| value (元) |\n"
        out += "|---|---|---|---:|---|---|---|---|---:|\n"
        for line in hardware {
            let place = grouping == .school ? (line.schoolCode ?? OperationsDeclaration.city) : line.district
            out += "| \(Markdown.cell(place)) | \(line.category.rawValue) | \(line.use) | \(line.quantity) | "
            out += "\(Self.range(line.firstPurchase, line.lastPurchase)) | "
            out += "\(line.warrantyEndEarliest.map { Self.range($0, line.warrantyEndLatest!) } ?? "none") | "
            out +=
                "\(line.status) | \(line.problems.isEmpty ? "-" : line.problems) | \(JSON.number(line.valueYuan)) |\n"
        }
        out += "\n## Renewal projects (三年滚动项目库)\n\n"
        out += "| project | year | district | replaces | cost (元) |\n|---|---|---|---|---:|\n"
        for project in projects {
            out +=
                "| \(project.id) | \(project.year) | \(Markdown.cell(project.district)) | \(Self.quantities(project)) | "
            out += "\(JSON.number(project.costYuan)) |\n"
        }
        out += "\nMaintenance budget (3% of the hardware value on 1 January, shared over out-of-warranty assets): "
        out += maintenance.map { "\($0.year) \(Text.number($0.budgetYuan / 10_000)) 万元" }.joined(separator: ", ")
        out += ".\n\n## Payment schedules (付款计划)\n\n"
        out += "| project | instalment | due | share | amount (元) | before final acceptance |\n"
        out += "|---|---|---|---:|---:|---|\n"
        for project in projects {
            for payment in project.payments {
                out += "| \(project.id) | \(payment.milestone) | \(payment.due) | \(Text.percent(payment.share)) | "
                out += "\(String(format: "%.2f", payment.amountYuan)) | \(payment.beforeAcceptance ? "yes" : "no") |\n"
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
                JSON.number(line.valueYuan), line.problems,
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
                    JSON.number(project.costYuan), String(number + 1), payment.milestone, payment.due.description,
                    JSON.number((payment.share * 10_000).rounded() / 10_000),
                    String(format: "%.2f", payment.amountYuan),
                    payment.beforeAcceptance ? "true" : "false",
                ]
                out += fields.map(Markdown.csvField).joined(separator: ",") + "\n"
            }
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
