import InventoryModel

/// A rule of the plan (standards.md section 2).
public enum Rule: String, CaseIterable, Sendable, Comparable {
    case noLink = "NO_LINK"
    case contractBelowStandard = "CONTRACT_BELOW_STANDARD"
    case measuredBelowStandard = "MEASURED_BELOW_STANDARD"
    case underDelivering = "UNDER_DELIVERING"
    case noRecentMeasurement = "NO_RECENT_MEASUREMENT"
    case congested = "CONGESTED"
    case displayCoverage = "DISPLAY_COVERAGE"
    case wirelessCoverage = "WIRELESS_COVERAGE"
    case vocationalDemoAccess = "VOCATIONAL_DEMO_ACCESS"
    case itStaff = "IT_STAFF"
    case assetPastLife = "ASSET_PAST_LIFE"
    case egressBelowTarget = "EGRESS_BELOW_TARGET"
    case cloudStorageBelowTarget = "CLOUD_STORAGE_BELOW_TARGET"
    case resourceLibraryBelowTarget = "RESOURCE_LIBRARY_BELOW_TARGET"
    case districtStaff = "DISTRICT_STAFF"

    /// How serious a flag of this rule is.
    public var severity: Severity {
        switch self {
        case .underDelivering, .noRecentMeasurement, .congested, .itStaff, .assetPastLife, .districtStaff: .warning
        default: .violation
        }
    }

    /// Whether the rule judges one school (else the city).
    public var isSchoolRule: Bool {
        switch self {
        case .egressBelowTarget, .cloudStorageBelowTarget, .resourceLibraryBelowTarget, .districtStaff: false
        default: true
        }
    }

    public static func < (lhs: Rule, rhs: Rule) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A violation is below the plan; a warning is a risk or a data gap.
public enum Severity: String, CaseIterable, Sendable, Comparable {
    case warning, violation

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .violation }
}

/// One finding: which rule, how far from its threshold, and why, in words a planner reads.
///
/// The sentences are made when asked for, not when the rule fires: judging half a million
/// schools should not format a million sentences that a filter or the JSON-less caller drops.
public struct Flag: Hashable, Sendable {
    public var rule: Rule
    public var value: Double
    public var threshold: Double
    /// `Mbps`, `share`, `tests`, `staff`, `assets`, `links`, `Gbps`, `TB`, `%`.
    public var unit: String
    /// What the sentences mention besides the value and the threshold.
    public var detail: FlagDetail

    public var severity: Severity { rule.severity }
    /// The district a city flag is about (DISTRICT_STAFF), else nil.
    public var district: String? { detail.district }
    /// The finding in English.
    public var message: String { FlagText.english(self) }
    /// The finding in Chinese.
    public var messageZh: String { FlagText.chinese(self) }

    /// The finding in a language: ``messageZh`` in Chinese, ``message`` in English.
    public func message(in language: Language) -> String {
        switch language {
        case .zh: messageZh
        case .en: message
        }
    }

    /// A flag of a rule with its figures.
    public init(rule: Rule, value: Double, threshold: Double, unit: String, detail: FlagDetail) {
        self.rule = rule
        self.value = value
        self.threshold = threshold
        self.unit = unit
        self.detail = detail
    }
}

/// The figures a flag's sentences mention besides its value and threshold.
public struct FlagDetail: Hashable, Sendable {
    public var asOf: CalendarDate
    /// The school's classes.
    public var classes: Int = 0
    /// Tests a measured value is the median of, or tests found.
    public var tests: Int = 0
    /// Displays counted.
    public var displays: Int = 0
    public var windowDays: Int = 0
    /// What a threshold derives from: the required or contracted Mbps, or the capacity.
    public var reference: Double = 0
    public var vocationalDemo: VocationalDemo?
    public var district: String?

    /// Details as of a day; the rest default to none.
    public init(asOf: CalendarDate) {
        self.asOf = asOf
    }
}

/// One school's figures and flags; every school has one, flagged or not.
public struct SchoolReport: Hashable, Sendable {
    public var code: String
    public var name: String
    public var district: String
    public var kind: SchoolKind
    public var classes: Int
    /// Classes with an in-service interactive display: min(displays, classes).
    public var classesWithDisplay: Int
    public var requiredMbps: Double
    public var contractedMbps: Double
    /// Median capacity estimate of the window's valid download tests; nil with too few tests.
    public var measuredMbps: Double?
    public var flags: [Flag]
    /// Purchase cost of the school's in-service assets bought by the as-of day, in fen: its part
    /// of the city's hardware value.
    public var hardwareValueFen: Int64

    /// Whether any flag is a violation.
    public var hasViolation: Bool { flags.contains { $0.severity == .violation } }
}

/// A city-wide figure beside its plan target.
public struct Metric: Hashable, Sendable {
    /// `school_connectivity_rate`, `egress_gbps`, ...
    public var name: String
    /// nil when there is nothing to measure (no kindergartens for the kindergarten rate).
    public var value: Double?
    /// The plan's target, when the plan sets one.
    public var target: Double?
    public var unit: String

    /// Whether the value reaches the target (true when there is no target or no value).
    public var meetsTarget: Bool {
        guard let value, let target else { return true }
        return !Compare.below(value, target)
    }
}

/// The compliance report: every school, and the city against its plan (standards.md section 3).
public struct ComplianceReport: Hashable, Sendable {
    public var asOf: CalendarDate
    public var schools: [SchoolReport]
    public var cityFlags: [Flag]
    public var metrics: [Metric]
    /// What the city's metrics read besides the schools, kept so that a report brought up to
    /// date after some schools changed counts the city again without reading it.
    var cityWide: ComplianceSolver.CityWide

    /// The metric of a name.
    public func metric(_ name: String) -> Metric? { metrics.first { $0.name == name } }
}

/// Comparisons where a boundary value meets the standard.
public enum Compare {
    /// True when `value` is below `threshold`, with a margin of a billionth so that a value equal
    /// to a computed threshold (0.9 x 240) is not judged below it by rounding.
    @inline(__always)
    public static func below(_ value: Double, _ threshold: Double) -> Bool {
        value < threshold - 1e-9 * max(1, abs(threshold))
    }
}
