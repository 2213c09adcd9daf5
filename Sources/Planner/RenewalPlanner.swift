import InventoryModel

/// Why an asset is replaced (or waits in the backlog), riskiest first.
public enum RenewalReason: Int, Comparable, Sendable {
    /// Out of warranty and old, replaced with what the budget leaves (not a backlog item).
    case outOfWarranty = 1
    /// Its expected life ends by the end of the year.
    case pastLife = 2
    /// Broken now.
    case faulty = 3

    public static func < (lhs: RenewalReason, rhs: RenewalReason) -> Bool { lhs.rawValue < rhs.rawValue }

    public var label: String {
        switch self {
        case .faulty: "faulty"
        case .pastLife: "past expected life"
        case .outOfWarranty: "out of warranty"
        }
    }
}

/// One asset chosen (or waiting) in a year, with why.
public struct RenewalItem: Hashable, Sendable {
    /// The asset's index in the inventory's `assets`.
    public var assetIndex: Int
    public var assetTag: String
    public var schoolCode: String?
    public var category: AssetCategory
    public var costYuan: Double
    public var reason: RenewalReason
    /// How much a failure would hurt: a school's only uplink router weighs more than a display.
    public var criticality: Double
    public var purchaseDate: CalendarDate
}

/// One year of the plan.
public struct RenewalYear: Hashable, Sendable {
    public var year: Int
    /// Purchase cost of in-service assets on 1 January (replacements included from their year on).
    public var hardwareValueYuan: Double
    public var replacementBudgetYuan: Double
    public var maintenanceBudgetYuan: Double
    /// Value of in-service assets out of warranty, among which the maintenance budget is shared
    /// in proportion to purchase cost (assets under warranty are the vendor's to repair).
    public var outOfWarrantyValueYuan: Double
    public var replacements: [RenewalItem]
    /// Faulty or past-life assets the budget could not reach; carried to the next year.
    public var backlog: [RenewalItem]

    public var spentYuan: Double { replacements.reduce(0) { $0 + $1.costYuan } }
}

/// Turns the plan's replacement rate into a year-by-year schedule, riskiest first, within budget.
///
/// Each year's budget is the replacement rate times the hardware value on 1 January. Candidates
/// are faulty assets, then assets whose life ends by the end of the year, then assets out of
/// warranty (oldest first); within a reason, more critical assets come first, then older ones.
/// The planner walks that order and takes every asset that still fits the money left, so a
/// riskier asset is never passed over for a less risky one of the same cost. A replaced asset
/// starts a new life on 1 January of its year at the same price and warranty length (prices are
/// not inflated) and is not replaced again before that life ends. What is due and not funded is the year's backlog and is due again next year.
///
/// - Complexity: O(years x assets log assets).
public struct RenewalPlanner: Sendable {
    public let plan: Plan

    /// A planner under a plan.
    public init(plan: Plan) {
        self.plan = plan
    }

    public func schedule(_ inventory: Inventory, startYear: Int, years: Int) -> [RenewalYear] {
        var assets = inventory.assets
        let criticality = RenewalPlanner.criticality(of: assets)
        /// Assets this plan has replaced: they are in a new life and not replaced ahead of its end.
        var renewed = Set<Int>()
        var result: [RenewalYear] = []
        for year in startYear..<(startYear + years) {
            let start = CalendarDate(year: year, month: 1, day: 1)!
            let end = CalendarDate(year: year, month: 12, day: 31)!
            var value = 0.0
            var outOfWarranty = 0.0
            // Candidates as (sort key, asset index): riskier reason, then more critical, then older
            // first. Items with their strings are made only for what is chosen or waits.
            var candidates: [(key: UInt64, index: Int32)] = []
            // Lives that end by the end of the year: ended before the next 1 January.
            var cutoffs = LifeCutoffs(plan: plan, day: end.adding(days: 1))
            assets.withUnsafeBufferPointer { buffer in
                for index in buffer.indices {
                    let asset = buffer.baseAddress! + index
                    let status = asset.pointee.status
                    guard status == .inService || status == .faulty else { continue }
                    let endsThisYear = cutoffs.isPastLife(
                        purchased: asset.pointee.purchaseDate, category: asset.pointee.category,
                        life: asset.pointee.expectedLifeYears)
                    let underWarranty = asset.pointee.warrantyEnd.map { start <= $0 } ?? false
                    if status == .inService {
                        value += asset.pointee.purchaseCostYuan
                        if !underWarranty { outOfWarranty += asset.pointee.purchaseCostYuan }
                    }
                    let reason: RenewalReason
                    if status == .faulty {
                        reason = .faulty
                    } else if endsThisYear {
                        reason = .pastLife
                    } else if !underWarranty, !renewed.contains(index) {
                        reason = .outOfWarranty
                    } else {
                        continue
                    }
                    let riskRank = UInt64(3 - reason.rawValue) << 60 | UInt64(15 - Int(criticality[index] * 2)) << 52
                    let age = UInt64(UInt32(bitPattern: asset.pointee.purchaseDate.daysSinceEpoch &+ Int32.min))
                    candidates.append((riskRank | age, Int32(index)))
                }
            }
            candidates.sort { ($0.key, $0.index) < ($1.key, $1.index) }
            let budget = value * plan.budgetReplacementRate
            var left = budget
            var chosen: [RenewalItem] = []
            var backlog: [RenewalItem] = []
            for candidate in candidates {
                let index = Int(candidate.index)
                let reason = RenewalReason(rawValue: 3 - Int(candidate.key >> 60))!
                let cost = assets[index].purchaseCostYuan
                guard cost <= left || reason != .outOfWarranty else { continue }
                let asset = assets[index]
                let item = RenewalItem(
                    assetIndex: index, assetTag: asset.assetTag, schoolCode: asset.schoolCode, category: asset.category,
                    costYuan: cost, reason: reason, criticality: criticality[index], purchaseDate: asset.purchaseDate)
                if cost <= left {
                    left -= cost
                    chosen.append(item)
                } else {
                    backlog.append(item)
                }
            }
            for item in chosen {
                renewed.insert(item.assetIndex)
                let old = assets[item.assetIndex]
                let warrantyDays =
                    old.warrantyEnd.map { Int($0.daysSinceEpoch - old.purchaseDate.daysSinceEpoch) } ?? 3 * 365
                assets[item.assetIndex].purchaseDate = start
                assets[item.assetIndex].warrantyEnd = start.adding(days: warrantyDays)
                assets[item.assetIndex].status = .inService
            }
            result.append(
                RenewalYear(
                    year: year, hardwareValueYuan: value, replacementBudgetYuan: budget,
                    maintenanceBudgetYuan: value * plan.budgetMaintenanceRate, outOfWarrantyValueYuan: outOfWarranty,
                    replacements: chosen, backlog: backlog))
        }
        return result
    }

    /// Weight of each asset's failure: a school's only router (its uplink) weighs most, then
    /// firewalls and routers, switches, servers and storage, access points, then the rest.
    static func criticality(of assets: [Asset]) -> [Double] {
        var routers: [String: Int] = [:]
        for asset in assets where asset.category == .router && asset.status != .retired && asset.status != .spare {
            if let school = asset.schoolCode { routers[school, default: 0] += 1 }
        }
        return assets.map { asset in
            switch asset.category {
            case .router:
                guard let school = asset.schoolCode else { return 5 }  // the metro core
                return routers[school] == 1 ? 4 : 3
            case .firewall: return 3
            case .switch: return 2.5
            case .server, .storage: return 2
            case .accessPoint: return 1.5
            case .interactiveDisplay, .projector, .computer, .other: return 1
            }
        }
    }
}
