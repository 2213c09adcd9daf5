/// A fact about one school: which school it belongs to.
public protocol SchoolFact: Sendable {
    /// The school's place in the city's `schools`; -1 for none (an asset of the city itself).
    var school: Int32 { get set }
}

/// What the compliance rules read of an asset: a few bytes instead of the whole record.
public struct AssetFact: SchoolFact, Hashable {
    public var purchaseDate: CalendarDate
    public var school: Int32
    public var category: AssetCategory
    public var status: AssetStatus
    /// The asset's own expected life, or NaN for the plan's default.
    public var expectedLifeYearsOrNaN: Double
    public var purchaseCostYuan: Double

    @inlinable
    public init(
        school: Int32, category: AssetCategory, purchaseDate: CalendarDate, purchaseCostYuan: Double,
        expectedLifeYears: Double?, status: AssetStatus
    ) {
        self.purchaseDate = purchaseDate
        self.school = school
        self.category = category
        self.status = status
        expectedLifeYearsOrNaN = expectedLifeYears ?? .nan
        self.purchaseCostYuan = purchaseCostYuan
    }

    /// Whether the asset existed on a day (``Asset/exists(on:)``): from its purchase date on.
    @inlinable
    public func exists(on day: CalendarDate) -> Bool { purchaseDate <= day }

    /// The purchase cost in whole fen (``Asset/fen(yuan:)``).
    @inlinable
    public var purchaseCostFen: Int64 { Asset.fen(yuan: purchaseCostYuan) }

    /// The asset's own expected life; nil = the plan's default for the category.
    @inlinable
    public var expectedLifeYears: Double? { expectedLifeYearsOrNaN.isNaN ? nil : expectedLifeYearsOrNaN }

    /// Equal when every fact is, the expected life too (NaN being no life of its own).
    public static func == (a: AssetFact, b: AssetFact) -> Bool {
        a.purchaseDate == b.purchaseDate && a.school == b.school && a.category == b.category && a.status == b.status
            && a.expectedLifeYears == b.expectedLifeYears && a.purchaseCostYuan == b.purchaseCostYuan
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(purchaseDate)
        hasher.combine(school)
        hasher.combine(category)
        hasher.combine(status)
        hasher.combine(expectedLifeYears)
        hasher.combine(purchaseCostYuan)
    }

    /// The facts of an asset of the school at `school`.
    public init(_ asset: Asset, school: Int32) {
        self.init(
            school: school, category: asset.category, purchaseDate: asset.purchaseDate,
            purchaseCostYuan: asset.purchaseCostYuan, expectedLifeYears: asset.expectedLifeYears, status: asset.status)
    }
}

/// What the compliance rules read of a measurement.
public struct MeasurementFact: SchoolFact, Hashable {
    public var startedAtMs: Int64
    public var mbps: Double
    /// Goodput plus the cross-traffic seen during the test: what the link carried.
    public var capacityMbps: Double
    public var school: Int32
    public var kind: MeasurementKind
    public var valid: Bool

    @inlinable
    public init(
        school: Int32, kind: MeasurementKind, startedAt: Timestamp, mbps: Double, crossTrafficMbps: Double?,
        valid: Bool
    ) {
        startedAtMs = startedAt.millisecondsSinceEpoch
        self.mbps = mbps
        capacityMbps = mbps + (crossTrafficMbps ?? 0)
        self.school = school
        self.kind = kind
        self.valid = valid
    }

    /// The facts of a measurement of the school at `school`.
    public init(_ measurement: ProbeMeasurement, school: Int32) {
        self.init(
            school: school, kind: measurement.kind, startedAt: measurement.startedAt, mbps: measurement.mbps,
            crossTrafficMbps: measurement.crossTrafficMbps, valid: measurement.valid)
    }
}

/// A city as the compliance rules read it: every table in full but the two largest, assets and
/// measurements, of which the facts the rules read stand for the records.
///
/// A folder of millions of assets and measurements can be read straight into facts (about a
/// fifth of the memory of the records, and no text made for tags and ids no rule reads).
public struct CityFacts: Sendable {
    /// The city; its `assets` and `measurements` may be empty, the facts below stand for them.
    public var inventory: Inventory
    public var assets: [AssetFact]
    public var measurements: [MeasurementFact]

    public init(inventory: Inventory, assets: [AssetFact], measurements: [MeasurementFact]) {
        self.inventory = inventory
        self.assets = assets
        self.measurements = measurements
    }

    /// The facts of a whole inventory, which is kept as it is. Rows naming a school the
    /// inventory lacks (which a checked folder or the store never has) are left out.
    ///
    /// - Complexity: O(rows): one code lookup per row, skipped when a row names the school of
    ///   the row before (rows of one school usually follow each other).
    public init(_ inventory: Inventory) {
        var places = SchoolPlaces(inventory.schools)
        self.init(
            inventory: inventory,
            assets: inventory.assets.compactMap { a in places.place(of: a.schoolCode).map { AssetFact(a, school: $0) }
            },
            measurements: inventory.measurements.compactMap { m in
                places.place(of: m.schoolCode).map { MeasurementFact(m, school: $0) }
            })
    }
}

/// Finds schools by code: their place in a list of schools.
///
/// Rows of one school usually follow each other: a code equal to the one before is not looked
/// up again.
public struct SchoolPlaces {
    private var places: [String: Int32] = [:]
    private var lastCode = ""
    private var lastPlace: Int32?
    private var lastBytes: [UInt8] = []
    private var lastBytesPlace: Int32?

    public init(_ schools: [School]) {
        places.reserveCapacity(schools.count)
        for (index, school) in schools.enumerated() { places[school.code] = Int32(index) }
        lastPlace = places[""]
        lastBytesPlace = lastPlace
    }

    /// ``place(of:)`` of a code given as its UTF-8 bytes (nil for none): no string is made
    /// while rows repeat the code of the row before.
    public mutating func place(ofUTF8 bytes: UnsafeRawBufferPointer?) -> Int32? {
        guard let bytes else { return -1 }
        if !lastBytes.elementsEqual(bytes) {
            lastBytes = Array(bytes)
            lastBytesPlace = places[String(decoding: bytes, as: UTF8.self)]
        }
        return lastBytesPlace
    }

    /// The place of the school with this code; -1 for no code (a row of the city itself), nil
    /// for a code no school has.
    public mutating func place(of code: String?) -> Int32? {
        guard let code else { return -1 }
        if code != lastCode {
            lastCode = code
            lastPlace = places[code]
        }
        return lastPlace
    }

}
