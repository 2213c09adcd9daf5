/// What an asset is; each category has a default expected life in the plan.
public enum AssetCategory: String, InventoryEnum {
    case interactiveDisplay = "interactive_display"
    case `switch`, router, firewall
    case accessPoint = "access_point"
    case server, storage, projector, computer, other
}

extension AssetCategory {
    /// The category's place in `allCases`, for tables indexed by category.
    public var ordinal: Int {
        switch self {
        case .interactiveDisplay: 0
        case .switch: 1
        case .router: 2
        case .firewall: 3
        case .accessPoint: 4
        case .server: 5
        case .storage: 6
        case .projector: 7
        case .computer: 8
        case .other: 9
        }
    }
}

/// Whether an asset is working, broken, kept in reserve or gone.
public enum AssetStatus: String, InventoryEnum {
    case inService = "in_service"
    case faulty, spare, retired
}

/// A piece of hardware: a classroom display, network gear, a server.
public struct Asset: Hashable, Sendable {
    /// Unique tag of the asset.
    public var assetTag: String
    /// The school it belongs to; nil for city-level assets (metro network, data centre).
    public var schoolCode: String?
    public var category: AssetCategory
    /// Classroom or room.
    public var room: String?
    public var model: String?
    public var purchaseDate: CalendarDate
    /// Purchase cost in yuan.
    public var purchaseCostYuan: Double
    /// Last day of the warranty.
    public var warrantyEnd: CalendarDate?
    /// Expected life; nil = the plan's default for the category.
    public var expectedLifeYears: Double?
    public var status: AssetStatus

    /// An asset; the optional facts default to unknown.
    @inlinable
    public init(
        assetTag: String, schoolCode: String?, category: AssetCategory, room: String? = nil,
        model: String? = nil, purchaseDate: CalendarDate, purchaseCostYuan: Double,
        warrantyEnd: CalendarDate? = nil, expectedLifeYears: Double? = nil, status: AssetStatus
    ) {
        self.assetTag = assetTag
        self.schoolCode = schoolCode
        self.category = category
        self.room = room
        self.model = model
        self.purchaseDate = purchaseDate
        self.purchaseCostYuan = purchaseCostYuan
        self.warrantyEnd = warrantyEnd
        self.expectedLifeYears = expectedLifeYears
        self.status = status
    }
}

extension Asset {
    /// Whether the asset existed on a day: it counts from its purchase date on, and on any day
    /// before it nowhere (not as a display, in the hardware value, the budgets or as past its
    /// life), whatever its status today (standards.md, section 1).
    @inlinable
    public func exists(on day: CalendarDate) -> Bool { purchaseDate <= day }

    /// The purchase cost in whole fen (1/100 yuan), see ``Asset/fen(yuan:)``.
    @inlinable
    public var purchaseCostFen: Int64 { Asset.fen(yuan: purchaseCostYuan) }

    /// The largest amount of one price in fen: 2^53, the last whole number a Double holds
    /// exactly, far above any price the readers accept (``Limits/yuan``).
    public static let maxFen: Int64 = 1 << 53

    /// Yuan as whole fen, rounded half away from zero once, here, so that sums and splits of
    /// money are exact integer arithmetic. Saturating: beyond ±``maxFen`` it is ±``maxFen``,
    /// and NaN is 0, so no value a Double holds traps.
    @inlinable
    public static func fen(yuan: Double) -> Int64 {
        let fen = (yuan * 100).rounded(.toNearestOrAwayFromZero)
        guard !fen.isNaN else { return 0 }
        return Int64(min(max(fen, -Double(maxFen)), Double(maxFen)))
    }
}
