/// Where a city's inventory is kept.
///
/// One protocol for every backend (SQLite embedded, PostgreSQL shared): the service and the
/// commands hold `any InventoryStore` and never name a backend. Every write is all or nothing,
/// and every write of the city raises the store's ``generation()``, in the database itself, so
/// that every process sharing it learns that it changed.
public protocol InventoryStore: Sendable {
    // MARK: The whole city

    /// Replaces the whole city with `inventory` in one transaction: afterwards the store holds
    /// exactly this inventory (and, with ``MeasurementsOnImport/keep``, the measurements it
    /// held of schools the inventory still has), or, when anything fails, exactly what it held
    /// before.
    ///
    /// - Parameter progress: called now and then with rows written and rows in all.
    /// - Throws: ``DanglingReference`` when a row names a school the inventory does not hold.
    func replaceInventory(
        with inventory: Inventory, measurements: MeasurementsOnImport, progress: (@Sendable (Int, Int) -> Void)?
    ) async throws

    /// The whole city, in canonical order (``Inventory/canonical``), in one snapshot; of the
    /// measurements only those that started within the range (milliseconds since the epoch)
    /// that `window` gives for the city's plan, or all when it gives nil.
    func loadInventory(measurements window: @escaping @Sendable (Plan) -> Range<Int64>?) async throws -> Inventory

    /// The city as the compliance rules read it (``CityFacts``), in one snapshot: every table
    /// in full but assets and measurements, read as facts; of the measurements only those that
    /// started within the range (milliseconds since the epoch) that `window` gives for the
    /// city's plan, or all when it gives nil, so that a report of one day reads its window alone.
    func loadFacts(measurements window: @escaping @Sendable (Plan) -> Range<Int64>?) async throws -> CityFacts

    /// Whether the store holds no city yet.
    func isEmpty() async throws -> Bool

    /// The store's change counter: raised by every write of the city, by any process.
    func generation() async throws -> Int

    /// What changed since `generation`: the schools whose records changed, with all their
    /// records now (of their measurements, those that started within `window`, all without
    /// one), read in one snapshot, when nothing else changed and at most `limit` schools did;
    /// else that the city changed (see ``StoreChanges``).
    func changes(since generation: Int, atMostSchools limit: Int, measuredWithin window: Range<Int64>?)
        async throws -> StoreChanges

    /// Replaces the plan in one transaction.
    func replacePlan(_ plan: Plan) async throws

    /// The plan's time zone, read alone (the whole plan is read with the city).
    func planTimeZone() async throws -> String?

    // MARK: Records

    /// The records of one table that the query selects, in key order, and how many there are
    /// in all without the limit.
    func records(_ table: InventoryTable, _ query: RecordQuery) async throws -> (total: Int, page: Inventory)

    /// The record of a table with this key (its file's key columns' values), in an inventory
    /// holding nothing else; nil when there is none.
    func record(_ table: InventoryTable, key: [String]) async throws -> Inventory?

    /// Writes every record of `fragment` (its plan aside) in one transaction: all of them or,
    /// when any fails, none.
    ///
    /// - Returns: the records inserted or changed (with `.ignore`, those that were new).
    /// - Throws: ``RecordWriteError`` when the store's rules refuse a record.
    @discardableResult
    func write(_ fragment: Inventory, on conflict: WriteConflict) async throws -> Int

    /// Deletes the record with this key; a school takes its links, assets and measurements
    /// with it. Returns whether there was one.
    func delete(_ table: InventoryTable, key: [String]) async throws -> Bool

    /// The codes among `codes` that name no school of the store.
    func unknownSchools(_ codes: Set<String>) async throws -> Set<String>

    /// Schools in the store: what the health check reports.
    func schoolCount() async throws -> Int

    /// Rows of each table, for the metrics.
    func counts() async throws -> [InventoryTable: Int]

    // MARK: Tokens and sessions

    /// Keeps a new token by the hash of its secret.
    func addToken(_ token: APIToken, sha256: String) async throws

    /// The valid (not revoked) token whose secret hashes to `sha256`.
    func token(sha256: String) async throws -> APIToken?

    /// Every token, revoked ones too, oldest first.
    func tokens() async throws -> [APIToken]

    /// Revokes a token by id; returns false when there is no valid token of that id.
    func revokeToken(id: String, at time: String) async throws -> Bool

    /// Keeps a new session by the hash of its cookie; sessions past their end are dropped.
    func addSession(sha256: String, tokenID: String, csrf: String, expiresAtMs: Int64, nowMs: Int64) async throws

    /// The session of a cookie's hash while it lasts and its token is valid.
    func session(sha256: String, nowMs: Int64) async throws -> WebSession?

    /// Ends a session.
    func removeSession(sha256: String) async throws

    // MARK: Lifetime

    /// Closes the store's connections; the store is not used afterwards.
    func close() async
}

extension InventoryStore {
    /// What changed since `generation`, every measurement of the changed schools with it.
    public func changes(since generation: Int, atMostSchools limit: Int) async throws -> StoreChanges {
        try await changes(since: generation, atMostSchools: limit, measuredWithin: nil)
    }

    /// The whole city, every measurement with it, in canonical order (``Inventory/canonical``).
    public func loadInventory() async throws -> Inventory {
        try await loadInventory { _ in nil }
    }
}

/// What an import of a whole city does with the measurements the store already holds.
public enum MeasurementsOnImport: Sendable {
    /// Keeps them (but those of schools the new city no longer has) and adds the folder's,
    /// skipping a result the store has already (same school, same id): the probes' uploads
    /// since the folder was exported are not lost.
    case keep
    /// Replaces them with the folder's.
    case replace
}

/// What a write does with a record whose key the table already holds.
public enum WriteConflict: Sendable {
    /// Fails the whole write (``RecordWriteError/conflict(_:)``).
    case fail
    /// Keeps the stored record and skips the new one.
    case ignore
    /// Replaces the stored record's values with the new one's.
    case update
}
