/// What one write touches: the schools whose records it writes, or the city as a whole.
public struct ChangeScope: Sendable, Equatable {
    /// Schools whose rows, links, assets or measurements the write touches.
    public var schools: Set<String> = []
    /// Whether it touches what no school owns (the plan, districts, egress, storage, an asset
    /// of no school), or everything (an import).
    public var city = false

    /// The whole city.
    public static let wholeCity = ChangeScope(city: true)

    /// Touches nothing yet.
    public init() {}

    init(city: Bool) {
        self.city = city
    }

    /// The schools a fragment's records name (a school's own code, a link's, asset's or
    /// measurement's school); the city when it holds records of no school.
    public init(of fragment: Inventory) {
        schools.formUnion(fragment.schools.lazy.map(\.code))
        schools.formUnion(fragment.links.lazy.map(\.schoolCode))
        schools.formUnion(fragment.measurements.lazy.map(\.schoolCode))
        for asset in fragment.assets { add(owner: asset.schoolCode) }
        city =
            city || !fragment.districts.isEmpty || !fragment.egressLinks.isEmpty
            || !fragment.storageReadings.isEmpty
    }

    /// Adds the owner of a record: a school, or the city for none.
    public mutating func add(owner school: String?) {
        if let school { schools.insert(school) } else { city = true }
    }

    /// The rows a write logs: one per school, or one with no school for the city.
    public var logged: [String?] {
        city ? [nil] : schools.sorted().map { $0 }
    }
}
