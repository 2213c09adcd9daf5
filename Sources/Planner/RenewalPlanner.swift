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

/// One asset chosen (or waiting) in a year, with why. The asset itself is `schedule.assets[assetIndex]`.
public struct RenewalItem: Hashable, Sendable {
    /// The asset's index in the inventory's `assets` (and the schedule's).
    public var assetIndex: Int
    public var costYuan: Double
    public var reason: RenewalReason
    /// How much a failure would hurt: a school's only uplink router weighs more than a display.
    public var criticality: Double
    /// The purchase day of the life that ends here (a replacement planned earlier restarts it).
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
    public var backlogYuan: Double { backlog.reduce(0) { $0 + $1.costYuan } }
}

/// A renewal plan: its years, and the assets its items point into.
public struct RenewalSchedule: Sendable {
    /// The inventory's assets as they were before the plan.
    public var assets: [Asset]
    public var years: [RenewalYear]

    /// The asset an item replaces.
    public func asset(_ item: RenewalItem) -> Asset { assets[item.assetIndex] }
}

/// Turns the plan's replacement rate into a year-by-year schedule, riskiest first, within budget.
///
/// Each year's budget is the replacement rate times the hardware value on 1 January. Candidates
/// are faulty assets, then assets whose life ends by the end of the year, then assets out of
/// warranty (oldest first); within a reason, more critical assets come first, then older ones.
/// The planner walks that order and takes every asset that still fits the money left, so a
/// riskier asset is never passed over for a less risky one of the same cost. A replaced asset
/// starts a new life on 1 January of its year at the same price and warranty length (prices are
/// not inflated) and is not replaced again before that life ends. What is due and not funded is
/// the year's backlog and is due again next year.
///
/// The assets are held as flat columns and each candidate as one packed 64-bit key (risk,
/// criticality, purchase day, index) sorted by a radix sort, so a year of millions of assets is
/// one pass over memory and two counting passes.
///
/// - Complexity: O(years x assets).
public struct RenewalPlanner: Sendable {
    public let plan: Plan

    /// A planner under a plan.
    public init(plan: Plan) {
        self.plan = plan
    }

    /// The plan for `years` years from 1 January of `startYear`.
    public func schedule(_ inventory: Inventory, startYear: Int, years: Int) -> RenewalSchedule {
        var fleet = Fleet(inventory.assets, plan: plan)
        var result: [RenewalYear] = []
        for year in startYear..<(startYear + years) {
            result.append(
                fleet.plan(year: year, rate: plan.budgetReplacementRate, maintenance: plan.budgetMaintenanceRate))
        }
        return RenewalSchedule(assets: inventory.assets, years: result)
    }

    /// The assets as columns, changed year by year as replacements restart lives.
    struct Fleet {
        /// 0: not planned (spare, retired); 1: in service; 2: faulty.
        var state: [UInt8]
        var purchase: [Int32]
        var warrantyEnd: [Int32]
        let warrantyDays: [Int32]
        let cost: [Double]
        let criticality: [Double]
        /// Sort rank of criticality: more critical, smaller.
        let rank: [UInt64]
        /// Index into `lives` of each asset's expected life.
        let lifeClass: [UInt16]
        let lives: [Double]
        var renewed: [Bool]

        init(_ assets: [Asset], plan: Plan) {
            let count = assets.count
            var state = [UInt8](repeating: 0, count: count)
            var purchase = [Int32](repeating: 0, count: count)
            var warrantyEnd = [Int32](repeating: .min, count: count)
            var warrantyDays = [Int32](repeating: 3 * 365, count: count)
            var cost = [Double](repeating: 0, count: count)
            var lifeClass = [UInt16](repeating: 0, count: count)
            var lives = AssetCategory.allCases.map { plan.expectedLifeYears[$0] ?? 8 }
            var ownLives: [Double: UInt16] = [:]
            for (index, asset) in assets.enumerated() {
                state[index] = asset.status == .inService ? 1 : asset.status == .faulty ? 2 : 0
                purchase[index] = asset.purchaseDate.daysSinceEpoch
                if let end = asset.warrantyEnd {
                    warrantyEnd[index] = end.daysSinceEpoch
                    warrantyDays[index] = end.daysSinceEpoch - asset.purchaseDate.daysSinceEpoch
                }
                cost[index] = asset.purchaseCostYuan
                if let own = asset.expectedLifeYears {
                    lifeClass[index] =
                        ownLives[own]
                        ?? {
                            lives.append(own)
                            ownLives[own] = UInt16(lives.count - 1)
                            return UInt16(lives.count - 1)
                        }()
                } else {
                    lifeClass[index] = UInt16(asset.category.ordinal)
                }
            }
            self.state = state
            self.purchase = purchase
            self.warrantyEnd = warrantyEnd
            self.warrantyDays = warrantyDays
            self.cost = cost
            self.lifeClass = lifeClass
            self.lives = lives
            criticality = RenewalPlanner.criticality(of: assets)
            rank = criticality.map { UInt64(max(0, 15 - Int($0 * 2))) }
            renewed = [Bool](repeating: false, count: count)
        }

        /// Packed candidate key: 2 bits of risk (faulty first), 4 of criticality, 22 of purchase
        /// day, 36 of asset index, so ascending keys are the planner's order.
        static let indexBits: UInt64 = 36
        static let dayBias: Int64 = 1 << 21

        mutating func plan(year: Int, rate: Double, maintenance: Double) -> RenewalYear {
            let start = CalendarDate(year: year, month: 1, day: 1)!
            let startDay = start.daysSinceEpoch
            // Lives that end by the end of the year: ended before the next 1 January.
            let nextYear = CalendarDate(year: year + 1, month: 1, day: 1)!
            let cutoffs = lives.map { LifeCutoffs.cutoff(life: $0, day: nextYear).daysSinceEpoch }
            var value = 0.0
            var outOfWarranty = 0.0
            var keys: [UInt64] = []
            keys.reserveCapacity(state.count / 2)
            for index in state.indices {
                let state = state[index]
                guard state != 0 else { continue }
                let bought = purchase[index]
                let underWarranty = warrantyEnd[index] >= startDay
                if state == 1 {
                    value += cost[index]
                    if !underWarranty { outOfWarranty += cost[index] }
                }
                let risk: UInt64
                if state == 2 {
                    risk = 0
                } else if bought < cutoffs[Int(lifeClass[index])] {
                    risk = 1
                } else if !underWarranty, !renewed[index] {
                    risk = 2
                } else {
                    continue
                }
                let day = UInt64(clamping: min(max(Int64(bought) + Fleet.dayBias, 0), (1 << 22) - 1))
                keys.append(risk << 62 | rank[index] << 58 | day << Fleet.indexBits | UInt64(index))
            }
            // Keys are appended in index order, so a stable sort on the upper bits is a full sort.
            RadixSort.sort(&keys, fromBit: Int(Fleet.indexBits))
            let budget = value * rate
            var left = budget
            var chosen: [RenewalItem] = []
            var backlog: [RenewalItem] = []
            let indexMask: UInt64 = (1 << Fleet.indexBits) - 1
            for key in keys {
                let index = Int(key & indexMask)
                let reason = RenewalReason(rawValue: 3 - Int(key >> 62))!
                let price = cost[index]
                guard price <= left || reason != .outOfWarranty else { continue }
                let item = RenewalItem(
                    assetIndex: index, costYuan: price, reason: reason, criticality: criticality[index],
                    purchaseDate: CalendarDate(daysSinceEpoch: purchase[index]))
                if price <= left {
                    left -= price
                    chosen.append(item)
                } else {
                    backlog.append(item)
                }
            }
            for item in chosen {
                let index = item.assetIndex
                renewed[index] = true
                purchase[index] = startDay
                warrantyEnd[index] = startDay + warrantyDays[index]
                state[index] = 1
            }
            return RenewalYear(
                year: year, hardwareValueYuan: value, replacementBudgetYuan: budget,
                maintenanceBudgetYuan: value * maintenance, outOfWarrantyValueYuan: outOfWarranty,
                replacements: chosen, backlog: backlog)
        }
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
