import Foundation

/// A value of a plan key, as a plan file states it.
public enum PlanValue: Hashable, Sendable {
    case number(Double)
    case text(String)
    case list([String])
}

/// One key of the plan file: its dotted name, what it accepts, and where it lives in ``Plan``.
///
/// The table ``Plan/fields`` is the single description of the plan file: the reader, the
/// writer and the documentation all walk it, so a key cannot be read but not written.
public struct PlanField: Sendable {
    /// Dotted key, e.g. `bandwidth.per_class.rural`.
    public let key: String
    /// What the key accepts, in words, for error messages.
    public let expected: String
    /// Whether the YAML value is a list of scalars.
    public let isList: Bool
    /// Converts a value to the plan's type and stores it; returns false when the value is unfit.
    let store: @Sendable (inout Plan, PlanValue) -> Bool
    /// The plan's current value of this key.
    public let value: @Sendable (Plan) -> PlanValue

    /// Stores a value; false (and no change) when it is not what the key accepts.
    public func apply(_ value: PlanValue, to plan: inout Plan) -> Bool {
        store(&plan, value)
    }

    static func number(
        _ key: String, _ path: WritableKeyPath<Plan, Double> & Sendable, _ range: ClosedRange<Double>,
        _ expected: String
    ) -> PlanField {
        PlanField(
            key: key, expected: expected, isList: false,
            store: { plan, value in
                guard case .number(let n) = value, range.contains(n) else { return false }
                plan[keyPath: path] = n
                return true
            },
            value: { .number($0[keyPath: path]) })
    }

    static func integer(
        _ key: String, _ path: WritableKeyPath<Plan, Int> & Sendable, _ range: ClosedRange<Int>,
        _ expected: String
    ) -> PlanField {
        PlanField(
            key: key, expected: expected, isList: false,
            store: { plan, value in
                guard case .number(let n) = value, n == n.rounded(), n >= Double(range.lowerBound),
                    n <= Double(range.upperBound)
                else { return false }
                plan[keyPath: path] = Int(n)
                return true
            },
            value: { .number(Double($0[keyPath: path])) })
    }

    static func timeOfDay(_ key: String, _ path: WritableKeyPath<Plan, Int> & Sendable) -> PlanField {
        PlanField(
            key: key, expected: "a time of day HH:MM", isList: false,
            store: { plan, value in
                guard case .text(let text) = value, let minute = PlanField.minuteOfDay(text) else { return false }
                plan[keyPath: path] = minute
                return true
            },
            value: { plan in
                let minute = plan[keyPath: path]
                return .text(CalendarDate.pad(minute / 60, 2) + ":" + CalendarDate.pad(minute % 60, 2))
            })
    }

    /// Minutes after midnight of `HH:MM` (24:00 allowed for the end of the day).
    static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]),
            let m = Int(parts[1]), (0...59).contains(m), (0...24).contains(h), h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }

    static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
}

extension Plan {
    /// Every key of the plan file, in the order a plan file is written.
    public static let fields: [PlanField] = {
        var fields: [PlanField] = [
            PlanField(
                key: "time_zone", expected: "an IANA time zone name such as Asia/Shanghai", isList: false,
                store: { plan, value in
                    guard case .text(let name) = value, TimeZone(identifier: name) != nil else { return false }
                    plan.timeZone = name
                    return true
                },
                value: { .text($0.timeZone) }),
            .number(
                "bandwidth.per_class.kindergarten", \.perClassKindergartenMbps, 0...Limits.rateMbps,
                "Mbps from 0 to 1000000000"),
            .number("bandwidth.per_class.rural", \.perClassRuralMbps, 0...Limits.rateMbps, "Mbps from 0 to 1000000000"),
            .number(
                "bandwidth.per_class.central_and_above", \.perClassCentralAndAboveMbps, 0...Limits.rateMbps,
                "Mbps from 0 to 1000000000"),
            .number(
                "bandwidth.per_class.high_school_stage", \.perClassHighSchoolStageMbps, 0...Limits.rateMbps,
                "Mbps from 0 to 1000000000"),
            .number(
                "bandwidth.per_class.special", \.perClassSpecialMbps, 0...Limits.rateMbps, "Mbps from 0 to 1000000000"),
            PlanField(
                key: "bandwidth.mixed_school_rule", expected: MixedSchoolRule.expectedSpellings, isList: false,
                store: { plan, value in
                    guard case .text(let text) = value, let rule = MixedSchoolRule(rawValue: text) else { return false }
                    plan.mixedSchoolRule = rule
                    return true
                },
                value: { .text($0.mixedSchoolRule.rawValue) }),
            .number(
                "bandwidth.vocational_demo_access", \.vocationalDemoAccessMbps, 0...Limits.rateMbps,
                "Mbps from 0 to 1000000000"),
            .integer("measurement.window_days", \.measurementWindowDays, 1...3660, "whole days >= 1"),
            .integer("measurement.min_tests", \.measurementMinTests, 1...100_000, "an integer >= 1"),
            .number("measurement.tolerance", \.measurementTolerance, 0...1, "a share between 0 and 1"),
            .number("congestion.utilisation", \.congestionUtilisation, 0...1, "a share between 0 and 1"),
            PlanField(
                key: "school_hours.days", expected: "a list of weekdays (mon, tue, wed, thu, fri, sat, sun)",
                isList: true,
                store: { plan, value in
                    guard case .list(let names) = value else { return false }
                    var days: [Int] = []
                    for name in names {
                        guard let index = PlanField.weekdayNames.firstIndex(of: name.lowercased()) else {
                            return false
                        }
                        if !days.contains(index + 1) { days.append(index + 1) }
                    }
                    plan.schoolDays = days.sorted()
                    return true
                },
                value: { .list($0.schoolDays.map { PlanField.weekdayNames[$0 - 1] }) }),
            .timeOfDay("school_hours.start", \.schoolHoursStartMinute),
            .timeOfDay("school_hours.end", \.schoolHoursEndMinute),
            .number("displays.required_share.school", \.displaysRequiredShareSchool, 0...1, "a share between 0 and 1"),
            .number(
                "displays.required_share.kindergarten_two_star", \.displaysRequiredShareKindergarten, 0...1,
                "a share between 0 and 1"),
            .integer("displays.kindergarten_min_stars", \.displaysKindergartenMinStars, 0...5, "stars 0-5"),
            .number("wireless.required_pct", \.wirelessRequiredPct, 0...100, "a percentage 0-100"),
            .number("staff.per_12_classes.primary", \.staffPer12ClassesPrimary, 0...100, "staff >= 0"),
            .number("staff.per_12_classes.secondary", \.staffPer12ClassesSecondary, 0...100, "staff >= 0"),
            .integer("staff.district_center_min", \.staffDistrictCenterMin, 0...10_000, "an integer >= 0"),
            .integer("staff.district_center_min_small", \.staffDistrictCenterMinSmall, 0...10_000, "an integer >= 0"),
            .number("egress.min_gbps", \.egressMinGbps, 0...Limits.egressGbps, "Gbps from 0 to 1000000"),
            .number("storage.cloud_min_tb", \.storageCloudMinTB, 0...Limits.storageTB, "TB from 0 to 1000000000"),
            .number(
                "storage.resource_library_min_tb", \.storageResourceLibraryMinTB, 0...Limits.storageTB,
                "TB from 0 to 1000000000"),
            .number("capacity.headroom", \.capacityHeadroom, 0...10, "a share >= 0 (0.3 = 30%)"),
            PlanField(
                key: "capacity.link_offers",
                expected: "a list of offers such as \"100 Mbps 1300 yuan\" (monthly price)",
                isList: true,
                store: { plan, value in
                    guard case .list(let texts) = value, !texts.isEmpty else { return false }
                    var offers: [LinkOffer] = []
                    for text in texts {
                        guard let offer = LinkOffer(text: text) else { return false }
                        offers.append(offer)
                    }
                    plan.linkOffers = offers.sorted { ($0.mbps, $0.monthlyYuan) < ($1.mbps, $1.monthlyYuan) }
                    return true
                },
                value: { .list($0.linkOffers.map(\.text)) }),
            .number("capacity.concurrency", \.capacityConcurrency, 0...1, "a share between 0 and 1"),
            .number("capacity.assumed_growth", \.capacityAssumedGrowth, -1...100, "a yearly rate (0.2 = 20%)"),
            .integer("capacity.min_history_days", \.capacityMinHistoryDays, 2...100_000, "whole days >= 2"),
            .number("budget.maintenance_rate", \.budgetMaintenanceRate, 0...1, "a share between 0 and 1"),
            .number("budget.replacement_rate", \.budgetReplacementRate, 0...1, "a share between 0 and 1"),
        ]
        for category in AssetCategory.allCases {
            fields.append(
                PlanField(
                    key: "assets.expected_life_years." + category.rawValue, expected: "years > 0", isList: false,
                    store: { plan, value in
                        guard case .number(let years) = value, years > 0, years <= 100 else { return false }
                        plan.expectedLifeYears[category] = years
                        return true
                    },
                    value: { .number($0.expectedLifeYears[category] ?? 8) }))
        }
        return fields
    }()
}
