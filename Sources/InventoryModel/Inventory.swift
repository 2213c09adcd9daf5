/// A whole city: its plan and everything the interchange folder holds.
public struct Inventory: Hashable, Sendable {
    public var plan: Plan
    public var districts: [District]
    public var schools: [School]
    public var links: [SchoolLink]
    public var assets: [Asset]
    public var egressLinks: [EgressLink]
    public var storageReadings: [StorageReading]
    public var measurements: [ProbeMeasurement]

    /// A city; every list defaults to empty and the plan to Dalian's.
    public init(
        plan: Plan = Plan(), districts: [District] = [], schools: [School] = [], links: [SchoolLink] = [],
        assets: [Asset] = [], egressLinks: [EgressLink] = [], storageReadings: [StorageReading] = [],
        measurements: [ProbeMeasurement] = []
    ) {
        self.plan = plan
        self.districts = districts
        self.schools = schools
        self.links = links
        self.assets = assets
        self.egressLinks = egressLinks
        self.storageReadings = storageReadings
        self.measurements = measurements
    }

    /// The inventory in the canonical order the store and the exporter use: every list sorted
    /// by its natural key, so two inventories with the same content compare equal.
    public var canonical: Inventory {
        var copy = self
        copy.districts.sort { $0.name < $1.name }
        copy.schools.sort { $0.code < $1.code }
        copy.links.sort { $0.linkID < $1.linkID }
        copy.assets.sort { $0.assetTag < $1.assetTag }
        copy.egressLinks.sort { $0.linkID < $1.linkID }
        copy.storageReadings.sort { ($0.pool, $0.asOf) < ($1.pool, $1.asOf) }
        copy.measurements.sort { ($0.schoolCode, $0.id) < ($1.schoolCode, $1.id) }
        return copy
    }

    /// Row counts and totals of the city.
    public var summary: InventorySummary {
        var summary = InventorySummary()
        summary.districts = Set(schools.map(\.district)).union(districts.map(\.name)).count
        summary.schools = schools.count
        for school in schools {
            summary.schoolsByKind[school.kind, default: 0] += 1
            summary.schoolsByLocality[school.locality, default: 0] += 1
            for stage in Stage.allCases { summary.classesByStage[stage, default: 0] += school.classes[stage] }
        }
        summary.links = links.count
        summary.contractedDownMbps = links.reduce(0) { $0 + $1.downMbps }
        summary.assets = assets.count
        for asset in assets {
            summary.assetsByCategory[asset.category, default: 0] += 1
            if asset.status == .inService { summary.hardwareValueYuan += asset.purchaseCostYuan }
        }
        summary.egressLinks = egressLinks.count
        summary.egressGbps = egressLinks.reduce(0) { $0 + $1.capacityGbps }
        var latest: [String: StorageReading] = [:]
        for reading in storageReadings where latest[reading.pool].map({ $0.asOf < reading.asOf }) ?? true {
            latest[reading.pool] = reading
        }
        summary.storagePools = latest.count
        for reading in latest.values {
            summary.storageCapacityTB[reading.kind, default: 0] += reading.capacityTB
        }
        summary.measurements = measurements.count
        return summary
    }
}

/// Counts and totals of an inventory, for a quick look after an import.
public struct InventorySummary: Hashable, Sendable {
    public var districts = 0
    public var schools = 0
    public var schoolsByKind: [SchoolKind: Int] = [:]
    public var schoolsByLocality: [Locality: Int] = [:]
    public var classesByStage: [Stage: Int] = [:]
    public var links = 0
    public var contractedDownMbps = 0.0
    public var assets = 0
    public var assetsByCategory: [AssetCategory: Int] = [:]
    /// Purchase cost of in-service assets.
    public var hardwareValueYuan = 0.0
    public var egressLinks = 0
    public var egressGbps = 0.0
    public var storagePools = 0
    /// Capacity of each kind of pool at its latest reading.
    public var storageCapacityTB: [StoragePoolKind: Double] = [:]
    public var measurements = 0

    /// An empty summary.
    public init() {}

    /// All classes of the city.
    public var classes: Int { classesByStage.values.reduce(0, +) }
}
