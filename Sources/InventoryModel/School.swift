/// Where a school is, as the plan distinguishes places.
public enum Locality: String, InventoryEnum {
    /// Central urban district (中心城区).
    case urbanCore = "urban_core"
    /// Other urban area.
    case urban
    /// County (city) core area (县城核心区).
    case countyCore = "county_core"
    /// Township (乡镇).
    case town
    /// Village (村).
    case village
}

/// What kind of school it is.
public enum SchoolKind: String, InventoryEnum {
    case kindergarten, primary, junior
    case nineYear = "nine_year"
    case senior
    case completeSecondary = "complete_secondary"
    case vocational, special
}

/// Demonstration level of a vocational school.
public enum VocationalDemo: String, InventoryEnum {
    case none, city, provincial, national
}

/// A class stage; each has its own per-class bandwidth rate.
public enum Stage: String, InventoryEnum {
    case kindergarten, primary, junior, senior, vocational, special
}

/// Classes of a school by stage.
public struct ClassCounts: Hashable, Sendable {
    public var kindergarten: Int
    public var primary: Int
    public var junior: Int
    public var senior: Int
    public var vocational: Int
    public var special: Int

    /// Class counts by stage; every stage defaults to none.
    @inlinable
    public init(
        kindergarten: Int = 0, primary: Int = 0, junior: Int = 0, senior: Int = 0,
        vocational: Int = 0, special: Int = 0
    ) {
        self.kindergarten = kindergarten
        self.primary = primary
        self.junior = junior
        self.senior = senior
        self.vocational = vocational
        self.special = special
    }

    /// The count for one stage.
    public subscript(stage: Stage) -> Int {
        get {
            switch stage {
            case .kindergarten: kindergarten
            case .primary: primary
            case .junior: junior
            case .senior: senior
            case .vocational: vocational
            case .special: special
            }
        }
        set {
            switch stage {
            case .kindergarten: kindergarten = newValue
            case .primary: primary = newValue
            case .junior: junior = newValue
            case .senior: senior = newValue
            case .vocational: vocational = newValue
            case .special: special = newValue
            }
        }
    }

    /// All classes of every stage.
    public var total: Int { kindergarten + primary + junior + senior + vocational + special }
}

/// A school (or kindergarten) of the city.
public struct School: Hashable, Sendable {
    /// The school's code, unique in the city, e.g. `DL-ZS-0001`.
    public var code: String
    public var name: String
    /// The district (区/市/县) it belongs to.
    public var district: String
    public var locality: Locality
    /// A central school (中心校) or above; only changes anything for `town` schools.
    public var central: Bool
    public var kind: SchoolKind
    public var classes: ClassCounts
    public var students: Int?
    /// Star rating of a kindergarten, 0-5.
    public var kindergartenStars: Int?
    public var vocationalDemo: VocationalDemo?
    /// Share of teaching space with wireless coverage, 0-100.
    public var wirelessCoveragePct: Double?
    /// Full-time IT staff.
    public var itStaff: Int?
    public var latitude: Double?
    public var longitude: Double?

    /// A school; the optional facts default to unknown.
    @inlinable
    public init(
        code: String, name: String, district: String, locality: Locality, central: Bool,
        kind: SchoolKind, classes: ClassCounts, students: Int? = nil, kindergartenStars: Int? = nil,
        vocationalDemo: VocationalDemo? = nil, wirelessCoveragePct: Double? = nil, itStaff: Int? = nil,
        latitude: Double? = nil, longitude: Double? = nil
    ) {
        self.code = code
        self.name = name
        self.district = district
        self.locality = locality
        self.central = central
        self.kind = kind
        self.classes = classes
        self.students = students
        self.kindergartenStars = kindergartenStars
        self.vocationalDemo = vocationalDemo
        self.wirelessCoveragePct = wirelessCoveragePct
        self.itStaff = itStaff
        self.latitude = latitude
        self.longitude = longitude
    }

    /// True for a rural school below central-school level: a village school, or a town school
    /// that is not a central school.
    public var isRuralBelowCentral: Bool {
        locality == .village || (locality == .town && !central)
    }
}
