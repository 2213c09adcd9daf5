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

    /// The schools a store's log says changed since a reader's generation: `rows` are the log's
    /// rows written since (each a school code, nil for the city), `oldestLogged` the oldest
    /// generation among them. Nil when the reader must read the city again (the city changed,
    /// more than `limit` schools did, or the log no longer reaches back that far).
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
