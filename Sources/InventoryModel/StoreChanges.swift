/// What changed in a store since one of its generations: what a service needs to bring a report
/// up to date without reading the whole city again.
///
/// Every write of the city logs, in its own transaction, the schools it touched (or that it
/// touched the city as a whole), so any process sharing the store can ask.
public enum StoreChanges: Sendable, Equatable {
    /// Nothing: the store is still at that generation.
    case none
    /// Only the records of these schools changed (a school's row, its links, assets or
    /// measurements), up to `generation`. `records` holds every record of those schools that
    /// still exist, as of `generation`: their rows, links, assets and measurements.
    case schools(generation: Int, codes: Set<String>, records: Inventory)
    /// The city changed as a whole (an import, the plan, a district, egress, storage, an asset
    /// of no school), more schools changed than asked for, or the store no longer holds the log
    /// back to that generation: read the city again.
    case city(generation: Int)

    /// How many generations of changes a store keeps in its log; a reader further behind reads
    /// the city again.
    public static let generationsKept = 100_000
}

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

    /// Whether a log of `rows` (each a school code, nil for the city) and `generations` written
    /// since a reader's generation tells the reader which schools changed; nil when the reader
    /// must read the city again.
    public static func schoolsChanged(
        logged rows: [String?], oldestLogged: Int?, since generation: Int, current: Int, atMostSchools limit: Int
    ) -> Set<String>? {
        // Every write logs at least one row: a log that does not reach back to the generation
        // after the reader's has been pruned (or predates the log).
        guard generation < current, oldestLogged == generation + 1 else { return nil }
        var codes = Set<String>()
        for row in rows {
            guard let code = row else { return nil }
            codes.insert(code)
            if codes.count > limit { return nil }
        }
        return codes
    }
}
