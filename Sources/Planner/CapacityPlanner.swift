import Foundation
import InventoryModel

/// What a school below the bandwidth standard should buy.
public struct LinkUpgrade: Hashable, Sendable {
    public enum Action: String, Sendable {
        /// No link in force: buy one.
        case newLink = "new_link"
        /// Replace the links in force with a faster product.
        case upgrade
        /// The contract already covers the need but the link does not deliver it: hold the carrier
        /// to its contract before buying more.
        case enforceContract = "enforce_contract"
    }

    public var schoolCode: String
    public var schoolName: String
    public var district: String
    /// The rules that put the school on the list.
    public var rules: [Rule]
    public var action: Action
    /// The plan's requirement (the vocational demonstration access where that is higher).
    public var requiredMbps: Double
    /// Highest 5-minute mean download rate in the measurement window; nil without samples.
    public var peakMbps: Double?
    /// max(required, peak x (1 + headroom)).
    public var neededMbps: Double
    public var contractedMbps: Double
    /// The product chosen, and how many lines of it (more than one only when no single offer is fast enough).
    public var offer: LinkOffer?
    public var lines: Int
    /// Yearly cost of the links in force now, and of the plan's product.
    public var currentYearlyYuan: Double
    public var newYearlyYuan: Double

    public var addedYearlyYuan: Double { action == .enforceContract ? 0 : newYearlyYuan - currentYearlyYuan }
}

/// The city's egress demand now and as forecast, against its capacity.
public struct EgressForecast: Hashable, Sendable {
    /// p95 over 5-minute slots of the city-wide sum of schools' mean download rates, in the window.
    public var measuredP95Mbps: Double
    public var measuredSchools: Int
    public var slots: Int
    /// Required bandwidth of the schools without samples, times the plan's concurrency.
    public var unmeasuredMbps: Double
    public var unmeasuredSchools: Int
    public var demandGbps: Double { (measuredP95Mbps + unmeasuredMbps) / 1000 }
    /// Egress in force on the as-of date or signed to start later (ending contracts are taken as renewed).
    public var capacityGbps: Double
    public var targetGbps: Double
    /// Days of measured history, and the daily p95 line fitted on it (x: days after the as-of date).
    public var historyDays: Int
    /// Days of history a fit needs (`capacity.min_history_days`).
    public var minHistoryDays: Int
    public var fit: LinearFit?
    /// Yearly growth of demand: from the fit (its slope over the fitted demand today) or the plan's assumption.
    public var yearlyGrowth: Double
    public var growthIsFitted: Bool
    /// Demand at the end of each forecast year.
    public var yearly: [YearDemand]
    /// The first day demand passes the capacity, and the plan's target; nil: not within the horizon.
    public var outgrowsCapacityOn: CalendarDate?
    public var outgrowsTargetOn: CalendarDate?
}

/// Forecast egress demand at the end of a year.
public struct YearDemand: Hashable, Sendable {
    public var year: Int
    public var demandGbps: Double
}

/// When a storage pool, or the total of a kind of pool, fills up.
public struct StorageForecast: Hashable, Sendable {
    /// The pool's name, or `cloud_storage total` / `resource_library total`.
    public var name: String
    public var kind: StoragePoolKind
    public var isTotal: Bool
    public var readings: Int
    public var capacityTB: Double
    public var usedTB: Double
    /// Growth in TB a year, with its 95% interval half-width; nil without two readings.
    public var growthTBPerYear: Double?
    public var growthErrorTBPerYear: Double?
    /// The day use reaches the capacity: fitted, and the earliest and latest within the interval.
    public var fullOn: CalendarDate?
    public var fullEarliest: CalendarDate?
    public var fullLatest: CalendarDate?
    /// For totals: the plan's target (500 TB cloud, 2000 TB library) and the day use reaches it.
    public var targetTB: Double?
    public var targetReachedOn: CalendarDate?
}

/// The capacity plan: links to upgrade, egress and storage forecasts.
public struct CapacityPlan: Sendable {
    public var asOf: CalendarDate
    public var years: Int
    public var headroom: Double
    public var upgrades: [LinkUpgrade]
    public var egress: EgressForecast
    public var storage: [StorageForecast]

    public var currentYearlyYuan: Double { upgrades.reduce(0) { $0 + $1.currentYearlyYuan } }
    public var newYearlyYuan: Double {
        upgrades.reduce(0) { $0 + ($1.action == .enforceContract ? $1.currentYearlyYuan : $1.newYearlyYuan) }
    }
    public var addedYearlyYuan: Double { upgrades.reduce(0) { $0 + $1.addedYearlyYuan } }
}

/// Sizes links, egress and storage from the inventory, its measurements and the compliance report.
///
/// - Link upgrades: each school with NO_LINK, CONTRACT_BELOW_STANDARD, MEASURED_BELOW_STANDARD,
///   VOCATIONAL_DEMO_ACCESS or CONGESTED needs max(requirement, peak x (1 + headroom)); the plan
///   takes the cheapest offer at least that fast (the smaller on a tie), or several lines of the
///   fastest when none is. It replaces the links in force. Where the contract already covers the
///   need, the carrier is held to it instead.
/// - Egress: the p95 over 5-minute slots of the city-wide sum of schools' download samples in the
///   window, plus the requirement x concurrency of schools without samples. Growth is fitted on
///   the daily p95s when the history spans `capacity.min_history_days`, else the plan's assumed
///   rate, compounded.
/// - Storage: a least-squares line through each pool's readings; totals add the pools' lines.
public struct CapacityPlanner: Sendable {
    public let plan: Plan
    public let asOf: CalendarDate

    public init(plan: Plan, asOf: CalendarDate) {
        self.plan = plan
        self.asOf = asOf
    }

    /// Rules that mean a school's link is too small.
    static let bandwidthRules: Set<Rule> = [
        .noLink, .contractBelowStandard, .measuredBelowStandard, .vocationalDemoAccess, .congested,
    ]

    public func plan(_ inventory: Inventory, report: ComplianceReport, years: Int) -> CapacityPlan {
        let samples = Samples(inventory, plan: plan, asOf: asOf)
        return CapacityPlan(
            asOf: asOf, years: years, headroom: plan.capacityHeadroom,
            upgrades: upgrades(inventory, report: report, peaks: samples.peakMbps),
            egress: egress(inventory, report: report, samples: samples, years: years),
            storage: storage(inventory.storageReadings))
    }

    // MARK: Links

    func upgrades(_ inventory: Inventory, report: ComplianceReport, peaks: [String: Double]) -> [LinkUpgrade] {
        var monthly: [String: Double] = [:]
        for link in inventory.links where link.isInForce(on: asOf) {
            monthly[link.schoolCode, default: 0] += link.monthlyCostYuan ?? 0
        }
        var result: [LinkUpgrade] = []
        for school in report.schools {
            let rules = school.flags.map(\.rule).filter { CapacityPlanner.bandwidthRules.contains($0) }
            guard !rules.isEmpty else { continue }
            var required = school.requiredMbps
            if let demo = school.flags.first(where: { $0.rule == .vocationalDemoAccess }) {
                required = max(required, demo.threshold)
            }
            let peak = peaks[school.code]
            let needed = max(required, (peak ?? 0) * (1 + plan.capacityHeadroom))
            let current = (monthly[school.code] ?? 0) * 12
            var upgrade = LinkUpgrade(
                schoolCode: school.code, schoolName: school.name, district: school.district, rules: rules,
                action: rules.contains(.noLink) ? .newLink : .upgrade, requiredMbps: required, peakMbps: peak,
                neededMbps: needed, contractedMbps: school.contractedMbps, offer: nil, lines: 0,
                currentYearlyYuan: current, newYearlyYuan: current)
            if school.contractedMbps >= needed {
                upgrade.action = .enforceContract
            } else if let (offer, lines) = CapacityPlanner.cheapestOffer(for: needed, in: plan.linkOffers) {
                upgrade.offer = offer
                upgrade.lines = lines
                upgrade.newYearlyYuan = offer.monthlyYuan * 12 * Double(lines)
            }
            result.append(upgrade)
        }
        return result
    }

    /// The cheapest offer at least `mbps` fast (the slower one on a price tie), else as many lines
    /// of the fastest offer as it takes; nil when there are no offers.
    public static func cheapestOffer(for mbps: Double, in offers: [LinkOffer]) -> (LinkOffer, Int)? {
        let fitting = offers.filter { $0.mbps >= mbps }
        if let best = fitting.min(by: { ($0.monthlyYuan, $0.mbps) < ($1.monthlyYuan, $1.mbps) }) { return (best, 1) }
        guard let fastest = offers.max(by: { ($0.mbps, -$0.monthlyYuan) < ($1.mbps, -$1.monthlyYuan) }) else {
            return nil
        }
        // Saturating: a need of 1e25 Mbps asks for more lines than an Int counts, not a trap.
        return (fastest, Int(saturating: (mbps / fastest.mbps).rounded(.up)))
    }

    // MARK: Egress

    func egress(_ inventory: Inventory, report: ComplianceReport, samples: Samples, years: Int) -> EgressForecast {
        var windowSums = samples.windowSlotSums
        let p95 = Statistics.nearestRank(0.95, &windowSums) ?? 0
        var unmeasured = 0.0
        var unmeasuredSchools = 0
        for school in report.schools where samples.peakMbps[school.code] == nil {
            unmeasured += school.requiredMbps * plan.capacityConcurrency
            unmeasuredSchools += 1
        }
        var capacity = 0.0
        for link in inventory.egressLinks where link.contractEnd.map({ $0 >= asOf }) ?? true {
            capacity += link.capacityGbps
        }
        let now = (p95 + unmeasured) / 1000
        // Daily p95 of the slot sums over the whole history, x in days after the as-of date.
        let days = samples.dailyP95.keys.sorted()
        let span = days.isEmpty ? 0 : days.last! - days.first! + 1
        let fit =
            span >= plan.capacityMinHistoryDays
            ? LinearFit(x: days.map { Double($0 - Int(asOf.daysSinceEpoch)) }, y: days.map { samples.dailyP95[$0]! })
            : nil
        let fittedToday = fit.map { $0.value(at: 0) } ?? 0
        let growth =
            fit.flatMap { fittedToday > 0 ? $0.slope * 365.25 / fittedToday : nil } ?? plan.capacityAssumedGrowth
        let fitted = fit != nil && fittedToday > 0
        // Fitted growth is linear (a straight line through the history); assumed growth compounds.
        func demand(afterYears t: Double) -> Double {
            fitted ? now * max(0, 1 + growth * t) : now * pow(1 + growth, t)
        }
        func outgrows(_ level: Double) -> CalendarDate? {
            guard level > 0 else { return asOf }
            if now >= level { return asOf }
            guard now > 0, growth > 0 else { return nil }
            let t = fitted ? (level / now - 1) / growth : log(level / now) / log(1 + growth)
            // Beyond a century is no forecast.
            return t >= 0 && t <= 100
                ? asOf.addingClamped(days: Int64(Int(saturating: (t * 365.25).rounded(.up)))) : nil
        }
        // Year ends as day counts: the years after 9999 are no `CalendarDate` but still years.
        let horizon = min(max(years, 0), 10_000)
        let yearly = (0..<horizon).map { offset in
            let year = asOf.year + 1 + offset
            let end = CivilDays.days(year: Int64(year), month: 12, day: 31)
            return YearDemand(year: year, demandGbps: demand(afterYears: Double(end - CivilDays.of(asOf)) / 365.25))
        }
        return EgressForecast(
            measuredP95Mbps: p95, measuredSchools: samples.peakMbps.count, slots: samples.windowSlotSums.count,
            unmeasuredMbps: unmeasured, unmeasuredSchools: unmeasuredSchools, capacityGbps: capacity,
            targetGbps: plan.egressMinGbps, historyDays: span,
            minHistoryDays: plan.capacityMinHistoryDays, fit: fit, yearlyGrowth: growth, growthIsFitted: fitted,
            yearly: yearly, outgrowsCapacityOn: outgrows(capacity), outgrowsTargetOn: outgrows(plan.egressMinGbps))
    }

    /// The download samples, summed across schools per 5-minute slot, and each school's peak.
    struct Samples {
        /// Highest sample in the window, per school with samples in it.
        var peakMbps: [String: Double] = [:]
        /// City-wide sums of the window's slots.
        var windowSlotSums: [Double] = []
        /// p95 of each local day's slot sums, over all the history up to the as-of day.
        var dailyP95: [Int: Double] = [:]

        init(_ inventory: Inventory, plan: Plan, asOf: CalendarDate) {
            let clock = PlanClock(plan: plan, asOf: asOf)
            let slotMs: Int64 = 300_000
            var sums: [Int64: Double] = [:]
            for sample in inventory.measurements where sample.kind == .utilisationDown {
                let time = sample.startedAt.millisecondsSinceEpoch
                // Before the end of the window; not before 146 million BC, so that slot and day
                // arithmetic on it cannot overflow.
                guard time < clock.windowEndMs, time >= Int64.min / 2 else { continue }
                sums[time.floorDivided(by: slotMs), default: 0] += sample.mbps
                if clock.inWindow(millisecondsSinceEpoch: time) {
                    peakMbps[sample.schoolCode] = max(peakMbps[sample.schoolCode] ?? 0, sample.mbps)
                }
            }
            let zone = TimeZone(identifier: plan.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
            let offsetMs =
                Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(clock.windowEndMs) / 1000)))
                * 1000
            var byDay: [Int: [Double]] = [:]
            for (slot, sum) in sums {
                let start = slot * slotMs
                if clock.inWindow(millisecondsSinceEpoch: start) { windowSlotSums.append(sum) }
                byDay[Int((start + offsetMs).floorDivided(by: 86_400_000)), default: []].append(sum)
            }
            for (day, var values) in byDay { dailyP95[day] = Statistics.nearestRank(0.95, &values) }
            windowSlotSums.sort()
        }
    }

    // MARK: Storage

    func storage(_ readings: [StorageReading]) -> [StorageForecast] {
        let day0 = Double(asOf.daysSinceEpoch)
        var byPool: [String: [StorageReading]] = [:]
        for reading in readings where reading.asOf <= asOf { byPool[reading.pool, default: []].append(reading) }
        var result: [StorageForecast] = []
        var totals:
            [StoragePoolKind: (capacity: Double, used: Double, fits: [LinearFit], readings: Int, complete: Bool)] =
                [:]
        for name in byPool.keys.sorted() {
            let history = byPool[name]!.sorted { $0.asOf < $1.asOf }
            let latest = history.last!
            let fit = LinearFit(
                x: history.map { Double($0.asOf.daysSinceEpoch) - day0 }, y: history.map(\.usedTB))
            result.append(
                forecast(
                    name: name, kind: latest.kind, capacity: latest.capacityTB, used: latest.usedTB,
                    fit: fit, readings: history.count, target: nil))
            var total = totals[latest.kind] ?? (0, 0, [], 0, true)
            total.capacity += latest.capacityTB
            total.used += latest.usedTB
            total.readings += history.count
            if let fit { total.fits.append(fit) } else { total.complete = false }
            totals[latest.kind] = total
        }
        for kind in StoragePoolKind.allCases {
            guard let total = totals[kind] else { continue }
            // The total's line is the sum of its pools' lines (errors added in quadrature).
            let fit =
                total.complete
                ? LinearFit(
                    intercept: total.fits.reduce(0) { $0 + $1.intercept },
                    slope: total.fits.reduce(0) { $0 + $1.slope },
                    slopeStandardError: total.fits.allSatisfy { $0.slopeStandardError != nil }
                        ? total.fits.reduce(0) { $0 + $1.slopeStandardError! * $1.slopeStandardError! }.squareRoot()
                        : nil,
                    count: total.readings)
                : nil
            let target = kind == .cloudStorage ? plan.storageCloudMinTB : plan.storageResourceLibraryMinTB
            result.append(
                forecast(
                    name: kind.rawValue + " total", kind: kind, capacity: total.capacity, used: total.used,
                    fit: fit, readings: total.readings, target: target))
        }
        return result
    }

    private func forecast(
        name: String, kind: StoragePoolKind, capacity: Double, used: Double, fit: LinearFit?, readings: Int,
        target: Double?
    ) -> StorageForecast {
        func day(_ x: Double?) -> CalendarDate? {
            // Within a century either way; a line that reaches its level further off is no forecast.
            guard let x, x <= 36_525, x >= -36_525 else { return nil }
            return asOf.addingClamped(days: Int64(x.rounded(.up)))
        }
        let range = fit?.reachRange(capacity)
        return StorageForecast(
            name: name, kind: kind, isTotal: target != nil, readings: readings, capacityTB: capacity, usedTB: used,
            growthTBPerYear: fit.map { $0.slope * 365.25 },
            growthErrorTBPerYear: fit?.slopeStandardError.map { 1.96 * $0 * 365.25 },
            fullOn: day(fit?.reaches(capacity)), fullEarliest: day(range?.earliest ?? nil),
            fullLatest: day(range?.latest ?? nil), targetTB: target,
            targetReachedOn: target.flatMap { day(fit?.reaches($0)) })
    }
}

extension Int64 {
    /// Division rounding towards minus infinity.
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? quotient - 1 : quotient
    }
}
