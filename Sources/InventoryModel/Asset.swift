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
