/// One of the city's metro-network egress links.
public struct EgressLink: Hashable, Sendable, Contracted {
    public var linkID: String
    public var provider: String
    public var capacityGbps: Double
    /// Monthly cost in yuan.
    public var monthlyCostYuan: Double?
    public var contractStart: CalendarDate?
    public var contractEnd: CalendarDate?

    /// An egress link; the cost and contract dates default to unknown/open.
    public init(
        linkID: String, provider: String, capacityGbps: Double, monthlyCostYuan: Double? = nil,
        contractStart: CalendarDate? = nil, contractEnd: CalendarDate? = nil
    ) {
        self.linkID = linkID
        self.provider = provider
        self.capacityGbps = capacityGbps
        self.monthlyCostYuan = monthlyCostYuan
        self.contractStart = contractStart
        self.contractEnd = contractEnd
    }
}

/// What a storage pool holds.
public enum StoragePoolKind: String, InventoryEnum {
    case cloudStorage = "cloud_storage"
    case resourceLibrary = "resource_library"
}

/// One reading of a storage pool; several readings of a pool give its history.
public struct StorageReading: Hashable, Sendable {
    /// The pool's name.
    public var pool: String
    public var kind: StoragePoolKind
    public var capacityTB: Double
    public var usedTB: Double
    /// The day of the `usedTB` reading.
    public var asOf: CalendarDate

    /// A reading of a pool on a day.
    public init(pool: String, kind: StoragePoolKind, capacityTB: Double, usedTB: Double, asOf: CalendarDate) {
        self.pool = pool
        self.kind = kind
        self.capacityTB = capacityTB
        self.usedTB = usedTB
        self.asOf = asOf
    }
}

/// A district's information centre.
public struct District: Hashable, Sendable {
    /// The district's name, as schools name it.
    public var name: String
    public var infoCenterStaff: Int
    /// The pilot zone / small county rule (fewer staff required).
    public var smallDistrict: Bool

    /// A district's information centre.
    public init(name: String, infoCenterStaff: Int, smallDistrict: Bool = false) {
        self.name = name
        self.infoCenterStaff = infoCenterStaff
        self.smallDistrict = smallDistrict
    }
}
