/// How a school with classes of several stages is rated.
public enum MixedSchoolRule: String, InventoryEnum {
    /// Each class takes its own stage's rate.
    case perStage = "per_stage"
    /// Every class takes the highest rate of any stage the school has.
    case strictest
}

/// The plan's targets and the parameters of how a school is judged (standards.md).
///
/// The defaults are Dalian's plan; `plan.yaml` overrides any of them by key (see ``PlanField``).
public struct Plan: Hashable, Sendable {
    /// Time zone for school hours and day boundaries (IANA name).
    public var timeZone = "Asia/Shanghai"

    /// Per-class rate for kindergarten classes.
    public var perClassKindergartenMbps = 5.0
    /// Per-class rate for primary and junior classes of rural schools below central level.
    public var perClassRuralMbps = 5.0
    /// Per-class rate for primary and junior classes of central schools and above.
    public var perClassCentralAndAboveMbps = 10.0
    /// Per-class rate for senior and vocational (high-school stage) classes.
    public var perClassHighSchoolStageMbps = 15.0
    /// Per-class rate for special-education classes.
    public var perClassSpecialMbps = 10.0
    public var mixedSchoolRule = MixedSchoolRule.perStage
    /// Access a provincial or national demonstration vocational school must have.
    public var vocationalDemoAccessMbps = 1000.0

    /// Length of the measurement window in days, ending with the as-of day.
    public var measurementWindowDays = 14
    /// Valid download tests the window needs before a measured rate is given.
    public var measurementMinTests = 3
    /// Share of a threshold that measured goodput must reach (TCP never reaches line rate).
    public var measurementTolerance = 0.90

    /// Share of capacity above which the school-hours p95 counts as congestion.
    public var congestionUtilisation = 0.80
    /// School days, ISO weekdays (1 = Monday).
    public var schoolDays = [1, 2, 3, 4, 5]
    /// Start of school hours, minutes after local midnight.
    public var schoolHoursStartMinute = 8 * 60
    /// End of school hours (exclusive), minutes after local midnight.
    public var schoolHoursEndMinute = 17 * 60

    /// Share of classes with an in-service interactive display a school needs (班班通).
    public var displaysRequiredShareSchool = 1.0
    /// Share a kindergarten with enough stars needs.
    public var displaysRequiredShareKindergarten = 0.70
    /// Stars from which a kindergarten must meet the display share.
    public var displaysKindergartenMinStars = 2
    /// Wireless coverage a school that must be covered needs, in percent.
    public var wirelessRequiredPct = 100.0

    /// IT staff per 12 primary classes.
    public var staffPer12ClassesPrimary = 1.0
    /// IT staff per 12 junior, senior and vocational classes.
    public var staffPer12ClassesSecondary = 2.0
    /// Minimum staff of a district information centre.
    public var staffDistrictCenterMin = 10
    /// Minimum staff of a small district's (pilot zone) information centre.
    public var staffDistrictCenterMinSmall = 6

    /// Metro-network egress the city needs.
    public var egressMinGbps = 30.0
    /// Cloud storage the city needs.
    public var storageCloudMinTB = 500.0
    /// Resource library the city needs.
    public var storageResourceLibraryMinTB = 2000.0

    /// Share of hardware value spent on maintenance each year.
    public var budgetMaintenanceRate = 0.03
    /// Share of hardware value spent on replacement each year.
    public var budgetReplacementRate = 0.15

    /// Headroom a link upgrade keeps over the school's measured peak (0.3: the peak is at most 77% of it).
    public var capacityHeadroom = 0.30
    /// Link products the carriers offer, with their monthly prices (Dalian's education lines).
    public var linkOffers: [LinkOffer] = [
        LinkOffer(mbps: 20, monthlyYuan: 600), LinkOffer(mbps: 50, monthlyYuan: 900),
        LinkOffer(mbps: 100, monthlyYuan: 1300), LinkOffer(mbps: 200, monthlyYuan: 2000),
        LinkOffer(mbps: 300, monthlyYuan: 2600), LinkOffer(mbps: 500, monthlyYuan: 3800),
        LinkOffer(mbps: 1000, monthlyYuan: 6500),
    ]
    /// Share of a school's required bandwidth in use at the city's busiest time, for schools
    /// without utilisation samples.
    public var capacityConcurrency = 0.5
    /// Yearly demand growth assumed when the measured history is too short to fit one.
    public var capacityAssumedGrowth = 0.20
    /// Days of measured history a growth fit needs.
    public var capacityMinHistoryDays = 28

    /// Expected life of an asset by category, when the asset does not state its own.
    public var expectedLifeYears: [AssetCategory: Double] = [
        .interactiveDisplay: 8, .switch: 8, .router: 8, .firewall: 6, .accessPoint: 6,
        .server: 6, .storage: 6, .projector: 6, .computer: 6, .other: 8,
    ]

    /// Dalian's plan.
    public init() {}

    /// The expected life of an asset: its own, else the plan's default for its category.
    public func expectedLife(of asset: Asset) -> Double {
        asset.expectedLifeYears ?? expectedLifeYears[asset.category] ?? 8
    }
}

/// A link product a carrier sells: its download speed and monthly price.
public struct LinkOffer: Hashable, Sendable {
    public var mbps: Double
    public var monthlyYuan: Double

    public init(mbps: Double, monthlyYuan: Double) {
        self.mbps = mbps
        self.monthlyYuan = monthlyYuan
    }

    /// The plan file's spelling: `100 Mbps 1300 yuan`.
    public var text: String { mbps.shortestText + " Mbps " + monthlyYuan.shortestText + " yuan" }

    /// An offer from the plan file's spelling, or nil.
    public init?(text: String) {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count == 4, words[1].lowercased() == "mbps", words[3].lowercased() == "yuan",
            let mbps = Double(words[0]), mbps > 0, mbps <= Limits.rateMbps, let yuan = Double(words[2]), yuan >= 0,
            yuan <= Limits.yuan
        else { return nil }
        self.init(mbps: mbps, monthlyYuan: yuan)
    }
}
