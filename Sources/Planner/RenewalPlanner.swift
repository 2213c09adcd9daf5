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
    /// What buying it new costs, in fen: its purchase cost (prices are not inflated).
    public var costFen: Int64
    public var reason: RenewalReason
    /// How much a failure would hurt: a school's only uplink router weighs more than a display.
    public var criticality: Double
    /// The purchase day of the life that ends here (a replacement planned earlier restarts it).
    public var purchaseDate: CalendarDate
}

/// A faulty asset still under warranty on 1 January of a plan year: the vendor's to repair or
/// replace, so it is claimed from the vendor and kept out of the budget.
public struct WarrantyClaim: Hashable, Sendable {
    /// The asset's index in the inventory's `assets` (and the schedule's).
    public var assetIndex: Int
    /// The last day of its warranty, on or after the year's 1 January.
    public var warrantyEnd: CalendarDate
    /// Its purchase cost in fen: what buying it new would have taken from the budget.
    public var valueFen: Int64
}

/// One year of the plan. Amounts are whole fen.
public struct RenewalYear: Hashable, Sendable {
    public var year: Int
    /// Purchase cost of in-service assets on 1 January: those bought by then (and by the plan's
    /// as-of day), replacements included from their year on.
    public var hardwareValueFen: Int64
    /// `budget.replacement_rate` x the hardware value, rounded half away from zero to the fen.
    public var replacementBudgetFen: Int64
    /// `budget.maintenance_rate` x the hardware value, likewise.
    public var maintenanceBudgetFen: Int64
    /// Value of in-service assets out of warranty, among which the maintenance budget is shared
    /// in proportion to purchase cost (assets under warranty are the vendor's to repair).
    public var outOfWarrantyValueFen: Int64
    public var replacements: [RenewalItem]
    /// Faulty or past-life assets the budget could not reach; carried to the next year.
    public var backlog: [RenewalItem]
    /// Faulty assets under warranty on 1 January: claimed from their vendor, not bought.
    public var warrantyClaims: [WarrantyClaim]

    public var spentFen: Int64 { Fen.sum(replacements.lazy.map(\.costFen)) }
    public var backlogFen: Int64 { Fen.sum(backlog.lazy.map(\.costFen)) }
    public var warrantyClaimsFen: Int64 { Fen.sum(warrantyClaims.lazy.map(\.valueFen)) }
}

/// A school's name and district, as the plan's forms print them beside an asset.
public struct SchoolPlace: Hashable, Sendable {
    public var name: String
    public var district: String
}

/// A renewal plan: its years, the assets its items point into, and where each asset is.
public struct RenewalSchedule: Sendable {
    /// The inventory's assets as they were before the plan.
    public var assets: [Asset]
    public var years: [RenewalYear]
    /// The schools by code.
    public var schools: [String: SchoolPlace]
    /// Each district's project number (``RenewalSchedule/projectNumbers(districts:)``).
    public var projectNumbers: [String: Int]

    /// The asset an item replaces.
    public func asset(_ item: RenewalItem) -> Asset { assets[item.assetIndex] }

    /// The asset a claim is for.
    public func asset(_ claim: WarrantyClaim) -> Asset { assets[claim.assetIndex] }

    /// The district of an asset: its school's, or ``RenewalSchedule/city`` for the city's own.
    public func district(of asset: Asset) -> String {
        asset.schoolCode.flatMap { schools[$0]?.district } ?? RenewalSchedule.city
    }

    /// The name of an asset's school; nil for the city's own hardware.
    public func schoolName(of asset: Asset) -> String? {
        asset.schoolCode.flatMap { schools[$0]?.name }
    }

    /// The id of a district's renewal project in a year: `R<year>-<NN>`, NN the district's
    /// project number, two digits at least.
    public func projectID(year: Int, district: String) -> String {
        let number = projectNumbers[district] ?? 0
        return "R\(year)-" + (number < 10 ? "0" : "") + String(number)
    }

    /// The district name of hardware that belongs to no school (the metro core, data centre).
    public static let city = "city"

    /// Project numbers that depend on the district alone, not on the year or on which districts
    /// have replacements in it: 1 for city-level hardware, then 2, 3, ... for the districts in
    /// the order of their names (Unicode scalar order, as Swift compares strings).
    public static func projectNumbers(districts: some Sequence<String>) -> [String: Int] {
        var numbers = [city: 1]
        for name in Set(districts).subtracting([city]).sorted() { numbers[name] = numbers.count + 1 }
        return numbers
    }
}

/// Turns the plan's replacement rate into a year-by-year schedule, riskiest first, within budget.
///
/// Each year's budget is the replacement rate times the hardware value on 1 January, which
/// counts the in-service assets bought by then. Faulty assets under warranty on 1 January are
/// the vendor's: they go on the year's warranty-claim list, not into the budget, and are in
/// service again after it. Candidates are the other faulty assets, then assets whose life ends
/// by the end of the year, then assets out of warranty (oldest first); within a reason, more
/// critical assets come first, then older ones. The planner walks that order and takes every
/// asset that still fits the money left, so a riskier asset is never passed over for a less
/// risky one of the same cost. A replaced asset starts a new life on 1 January of its year at
/// the same price and warranty length (prices are not inflated) and is not replaced again
/// before that life ends. What is due and not funded is the year's backlog and is due again
/// next year. Money is whole fen throughout (``Fen``).
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
    ///
    /// - Parameters:
    ///   - asOf: the day the plan is made: assets bought after it are not known yet and count
    ///     nowhere (nil: every asset, each from its purchase date on).
    ///   - districts: the districts that number the projects (nil: those of `inventory`); the
    ///     whole city's, when `inventory` is one district of it, keeps a district's ids the same.
    ///
    /// Only years of 1...9999 (those a `CalendarDate` names) are planned; any count of years
    /// from any start is a plan, possibly empty, never a trap.
    public func schedule(
        _ inventory: Inventory, startYear: Int, years: Int, asOf: CalendarDate? = nil, districts: [String]? = nil
    ) -> RenewalSchedule {
        var fleet = Fleet(inventory.assets, plan: plan, asOf: asOf)
        var result: [RenewalYear] = []
        let (end, overflow) = startYear.addingReportingOverflow(years)
        let last = years <= 0 ? Int.min : overflow ? Int.max : end - 1
        let first = max(startYear, 1)
        if first <= min(last, 9999) {
            for year in first...min(last, 9999) {
                result.append(
                    fleet.plan(year: year, rate: plan.budgetReplacementRate, maintenance: plan.budgetMaintenanceRate))
            }
        }
        var schools: [String: SchoolPlace] = [:]
        for school in inventory.schools {
            schools[school.code] = SchoolPlace(name: school.name, district: school.district)
        }
        let names = districts ?? (inventory.districts.map(\.name) + inventory.schools.map(\.district))
        return RenewalSchedule(
            assets: inventory.assets, years: result, schools: schools,
            projectNumbers: RenewalSchedule.projectNumbers(districts: names))
    }

    /// The assets as columns, changed year by year as replacements restart lives.
    struct Fleet {
        /// 0: not planned (spare, retired, bought after the as-of day); 1: in service; 2: faulty.
        var state: [UInt8]
        var purchase: [Int32]
        var warrantyEnd: [Int32]
        let warrantyDays: [Int32]
        let cost: [Int64]
        let criticality: [Double]
        /// Sort rank of criticality: more critical, smaller.
        let rank: [UInt64]
        /// Index into `lives` of each asset's expected life.
        let lifeClass: [UInt32]
        let lives: [Double]
        var renewed: [Bool]

        init(_ assets: [Asset], plan: Plan, asOf: CalendarDate?) {
            let count = assets.count
            var state = [UInt8](repeating: 0, count: count)
            var purchase = [Int32](repeating: 0, count: count)
            var warrantyEnd = [Int32](repeating: .min, count: count)
            var warrantyDays = [Int32](repeating: 3 * 365, count: count)
            var cost = [Int64](repeating: 0, count: count)
            var lifeClass = [UInt32](repeating: 0, count: count)
            var lives = AssetCategory.allCases.map { plan.expectedLifeYears[$0] ?? 8 }
            var ownLives: [Double: UInt32] = [:]
            for (index, asset) in assets.enumerated() {
                let known = asOf.map(asset.exists(on:)) ?? true
                state[index] = !known ? 0 : asset.status == .inService ? 1 : asset.status == .faulty ? 2 : 0
                purchase[index] = asset.purchaseDate.daysSinceEpoch
                if let end = asset.warrantyEnd {
                    warrantyEnd[index] = end.daysSinceEpoch
                    // In Int64: two Int32 day counts can be further apart than an Int32 holds.
                    warrantyDays[index] = Int32(
                        clamping: Int64(end.daysSinceEpoch) - Int64(asset.purchaseDate.daysSinceEpoch))
                }
                cost[index] = asset.purchaseCostFen
                // NaN stands for no life of its own, as in `AssetFact`.
                if let own = asset.expectedLifeYears, !own.isNaN {
                    lifeClass[index] =
                        ownLives[own]
                        ?? {
                            lives.append(own)
                            ownLives[own] = UInt32(lives.count - 1)
                            return UInt32(lives.count - 1)
                        }()
                } else {
                    lifeClass[index] = UInt32(asset.category.ordinal)
                }
            }
            self.state = state
            self.purchase = purchase
            self.warrantyEnd = warrantyEnd
            self.warrantyDays = warrantyDays
            self.cost = cost
            self.lifeClass = lifeClass
            self.lives = lives
            criticality = RenewalPlanner.criticality(of: assets, asOf: asOf)
            rank = criticality.map { UInt64(max(0, 15 - Int(saturating: $0 * 2))) }
            renewed = [Bool](repeating: false, count: count)
        }

        /// Packed candidate key: 2 bits of risk (faulty first), 4 of criticality, 22 of purchase
        /// day, 36 of asset index, so ascending keys are the planner's order.
        static let indexBits: UInt64 = 36
        static let dayBias: Int64 = 1 << 21

        /// - Precondition: `year` in 1...9999.
        mutating func plan(year: Int, rate: Double, maintenance: Double) -> RenewalYear {
            let startDay = Int32(CivilDays.januaryFirst(Int64(year)))
            // Lives that end by the end of the year: ended before the next 1 January (of year
            // 10000 too: day counts, not dates).
            let nextYear = CivilDays.januaryFirst(Int64(year) + 1)
            let cutoffs = lives.map { LifeCutoffs.cutoff(life: $0, day: nextYear) }
            var value: Int64 = 0
            var outOfWarranty: Int64 = 0
            var keys: [UInt64] = []
            var claims: [WarrantyClaim] = []
            keys.reserveCapacity(state.count / 2)
            for index in state.indices {
                let state = state[index]
                // Not planned, or not bought yet on 1 January: it counts nowhere this year.
                guard state != 0, purchase[index] <= startDay else { continue }
                let bought = purchase[index]
                let underWarranty = warrantyEnd[index] >= startDay
                if state == 1 {
                    value = Fen.add(value, cost[index])
                    if !underWarranty { outOfWarranty = Fen.add(outOfWarranty, cost[index]) }
                }
                let risk: UInt64
                if state == 2 {
                    guard !underWarranty else {
                        claims.append(
                            WarrantyClaim(
                                assetIndex: index, warrantyEnd: CalendarDate(daysSinceEpoch: warrantyEnd[index]),
                                valueFen: cost[index]))
                        continue
                    }
                    risk = 0
                } else if Int64(bought) < cutoffs[Int(lifeClass[index])] {
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
            let budget = Fen.scaled(value, by: rate)
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
                    assetIndex: index, costFen: price, reason: reason, criticality: criticality[index],
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
                warrantyEnd[index] = Int32(clamping: Int64(startDay) + Int64(warrantyDays[index]))
                state[index] = 1
            }
            // The vendor repairs what is claimed: in service from the next year on.
            for claim in claims { state[claim.assetIndex] = 1 }
            return RenewalYear(
                year: year, hardwareValueFen: value, replacementBudgetFen: budget,
                maintenanceBudgetFen: Fen.scaled(value, by: maintenance), outOfWarrantyValueFen: outOfWarranty,
                replacements: chosen, backlog: backlog, warrantyClaims: claims)
        }
    }

    /// Weight of each asset's failure: a school's only router (its uplink) weighs most, then
    /// firewalls and routers, switches, servers and storage, access points, then the rest.
    /// Routers bought after `asOf` are not counted.
    static func criticality(of assets: [Asset], asOf: CalendarDate?) -> [Double] {
        var routers: [String: Int] = [:]
        for asset in assets
        where asset.category == .router && asset.status != .retired && asset.status != .spare
            && asOf.map(asset.exists(on:)) ?? true
        {
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
