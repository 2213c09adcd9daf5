import Foundation
import GRDB
import InventoryModel

/// The embedded store: one SQLite file in WAL mode, with foreign keys and named migrations.
///
/// An import replaces the whole city in one transaction (see ``replaceInventory(with:progress:)``).
public final class SQLiteInventoryStore: InventoryStore {
    /// The database connection(s); a pool for a file (readers beside one writer), a queue in memory.
    let writer: any DatabaseWriter
    /// How many generations of changes the log keeps (``StoreChanges/generationsKept``).
    let generationsKept: Int

    /// Opens (creating if need be) the database file at `path` and brings its schema up to date.
    ///
    /// - Parameter generationsKept: the generations of changes the log keeps (tests keep few).
    public init(path: String, generationsKept: Int = StoreChanges.generationsKept) throws {
        // Tokens' hashes and the whole city: readable by the owner alone. SQLite gives the
        // -wal and -shm files the permissions of the database file.
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        writer = try DatabasePool(path: path, configuration: configuration)
        precondition(generationsKept >= 1, "a change log keeps at least the last generation")
        self.generationsKept = generationsKept
        try InventoryMigrations.migrator.migrate(writer)
    }

    /// A store in memory, for tests and dry runs.
    public init() throws {
        writer = try DatabaseQueue()
        generationsKept = StoreChanges.generationsKept
        try InventoryMigrations.migrator.migrate(writer)
    }

    public func isEmpty() async throws -> Bool {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM schools") == 0
                && Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plan") == 0
        }
    }

    /// Replaces the city: deletes every row and inserts the new inventory in one transaction,
    /// so readers see the old city or the new one and a failure leaves the old one in place.
    ///
    /// A city is imported whole from its folder, which is the planners' source of truth; merging
    /// by natural key would leave rows the planner deleted from the spreadsheet behind.
    public func replaceInventory(
        with inventory: Inventory, measurements: MeasurementsOnImport, progress: (@Sendable (Int, Int) -> Void)?
    ) async throws {
        try DanglingReference.check(inventory)
        let total =
            inventory.schools.count + inventory.links.count + inventory.assets.count + inventory.egressLinks.count
            + inventory.storageReadings.count + inventory.districts.count + inventory.measurements.count
        do {
            try await replace(with: inventory, measurements: measurements, total: total, progress: progress)
        } catch let error as DatabaseError {
            throw Self.writeError(error) ?? error
        }
    }

    private func replace(
        with inventory: Inventory, measurements: MeasurementsOnImport, total: Int,
        progress: (@Sendable (Int, Int) -> Void)?
    ) async throws {
        try await writer.writeWithoutTransaction { db in
            // References were checked above against the whole new city, so SQLite need not look
            // each one up again in the schools index; the schema keeps its foreign keys for every
            // other write. (The pragma is ignored inside a transaction, hence outside.)
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            // A page cache that holds the city avoids spilling dirty pages to the WAL and
            // writing them again.
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -1000000")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            try db.inTransaction {
                for table in InventoryTable.childrenFirst where measurements == .replace || table != .measurements {
                    try db.execute(sql: "DELETE FROM " + table.storeName)
                }
                try db.execute(sql: "DELETE FROM plan")
                // Secondary indexes are built once from sorted data after the insert, faster than
                // updating them row by row; their definitions come from the schema itself.
                let indexes = try Row.fetchAll(
                    db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
                for index in indexes {
                    try db.execute(sql: "DROP INDEX " + (index["name"] as String).quotedDatabaseIdentifier)
                }
                try Self.insert(inventory.plan, into: db)
                var written = 0
                func tick() {
                    written += 1
                    if written % 50_000 == 0 { progress?(written, total) }
                }
                if measurements == .keep {
                    var records = inventory
                    records.measurements = []
                    try Self.insert(records, into: db, tick: tick)
                    try db.execute(sql: "DELETE FROM measurements WHERE school_code NOT IN (SELECT code FROM schools)")
                    try Self.insert(
                        Inventory(measurements: inventory.measurements), into: db, on: .ignore, tick: tick)
                } else {
                    try Self.insert(inventory, into: db, tick: tick)
                }
                for index in indexes { try db.execute(sql: index["sql"]) }
                try self.recordChange(db, .wholeCity)
                progress?(total, total)
                return .commit
            }
        }
    }

    static func insert(_ plan: Plan, into db: Database) throws {
        for field in Plan.fields {
            let value: any DatabaseValueConvertible =
                switch field.value(plan) {
                case .number(let n): n
                case .text(let t): t
                case .list(let items): items.joined(separator: ",")
                }
            try db.execute(sql: "INSERT INTO plan (key, value) VALUES (?, ?)", arguments: [field.key, value])
        }
    }

    /// Inserts every record of the inventory but its plan; returns the rows inserted or updated.
    @discardableResult
    static func insert(
        _ inventory: Inventory, into db: Database, on conflict: WriteConflict = .fail, tick: () -> Void = {}
    ) throws -> Int {
        var changes = 0
        // A statement only for a table with rows: a write of one record prepares one.
        if !inventory.districts.isEmpty {
            var districts = try BulkInsert(db, table: "districts", on: conflict)
            for d in inventory.districts {
                districts.bind(d.name)
                districts.bind(d.infoCenterStaff)
                districts.bind(d.smallDistrict)
                try districts.step()
                tick()
            }
            changes += districts.changes
        }
        if !inventory.schools.isEmpty {
            var schools = try BulkInsert(db, table: "schools", on: conflict)
            for s in inventory.schools {
                schools.bind(s.code)
                schools.bind(s.name)
                schools.bind(s.district)
                schools.bind(s.locality)
                schools.bind(s.central)
                schools.bind(s.kind)
                for stage in Stage.allCases { schools.bind(s.classes[stage]) }
                schools.bind(s.students)
                schools.bind(s.kindergartenStars)
                schools.bind(s.vocationalDemo)
                schools.bind(s.wirelessCoveragePct)
                schools.bind(s.itStaff)
                schools.bind(s.latitude)
                schools.bind(s.longitude)
                try schools.step()
                tick()
            }
            changes += schools.changes
        }
        if !inventory.links.isEmpty {
            var links = try BulkInsert(db, table: "links", on: conflict)
            for l in inventory.links {
                links.bind(l.linkID)
                links.bind(l.schoolCode)
                links.bind(l.provider)
                links.bind(l.downMbps)
                links.bind(l.upMbps)
                links.bind(l.monthlyCostYuan)
                links.bind(l.contractStart)
                links.bind(l.contractEnd)
                try links.step()
                tick()
            }
            changes += links.changes
        }
        if !inventory.assets.isEmpty {
            var assets = try BulkInsert(db, table: "assets", on: conflict)
            for a in inventory.assets {
                assets.bind(a.assetTag)
                assets.bind(a.schoolCode)
                assets.bind(a.category)
                assets.bind(a.room)
                assets.bind(a.model)
                assets.bind(a.purchaseDate)
                assets.bind(a.purchaseCostYuan)
                assets.bind(a.warrantyEnd)
                assets.bind(a.expectedLifeYears)
                assets.bind(a.status)
                try assets.step()
                tick()
            }
            changes += assets.changes
        }
        if !inventory.egressLinks.isEmpty {
            var egress = try BulkInsert(db, table: "egress_links", on: conflict)
            for e in inventory.egressLinks {
                egress.bind(e.linkID)
                egress.bind(e.provider)
                egress.bind(e.capacityGbps)
                egress.bind(e.monthlyCostYuan)
                egress.bind(e.contractStart)
                egress.bind(e.contractEnd)
                try egress.step()
                tick()
            }
            changes += egress.changes
        }
        if !inventory.storageReadings.isEmpty {
            var storage = try BulkInsert(db, table: "storage_readings", on: conflict)
            for s in inventory.storageReadings {
                storage.bind(s.pool)
                storage.bind(s.kind)
                storage.bind(s.capacityTB)
                storage.bind(s.usedTB)
                storage.bind(s.asOf)
                try storage.step()
                tick()
            }
            changes += storage.changes
        }
        if !inventory.measurements.isEmpty {
            var measurements = try BulkInsert(db, table: "measurements", on: conflict)
            for m in inventory.measurements {
                measurements.bind(m.id)
                measurements.bind(m.schoolCode)
                measurements.bind(m.probeID)
                measurements.bind(m.kind)
                measurements.bind(Int(m.startedAt.millisecondsSinceEpoch))
                measurements.bind(Int(m.startedAt.utcOffsetMinutes))
                measurements.bind(m.durationSeconds)
                measurements.bind(m.mbps)
                measurements.bind(m.crossTrafficMbps)
                measurements.bind(m.rttMs)
                measurements.bind(m.lossPct)
                measurements.bind(m.valid)
                try measurements.step()
                tick()
            }
            changes += measurements.changes
        }
        return changes
    }

    public func loadInventory(measurements window: @escaping @Sendable (Plan) -> Range<Int64>?) async throws
        -> Inventory
    {
        try await writer.read { db in try Self.load(db, measurements: window) }
    }

    public func generation() async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT generation FROM store_generation WHERE id = 1") ?? 0
        }
    }

    /// Nothing to close: the file's connections go with the store.
    public func close() async {}

    /// Raises the change counter and logs what the write touched, inside the transaction of the
    /// write it records; drops the log of generations no longer kept.
    func recordChange(_ db: Database, _ scope: ChangeScope) throws {
        try db.execute(sql: "UPDATE store_generation SET generation = generation + 1 WHERE id = 1")
        let generation = try Int.fetchOne(db, sql: "SELECT generation FROM store_generation WHERE id = 1") ?? 0
        let log = try db.cachedStatement(sql: "INSERT INTO store_changes (generation, school_code) VALUES (?, ?)")
        for school in scope.logged { try log.execute(arguments: [generation, school]) }
        try db.execute(
            sql: "DELETE FROM store_changes WHERE generation <= ?",
            arguments: [generation - generationsKept])
    }

    public func changes(since generation: Int, atMostSchools limit: Int, measuredWithin window: Range<Int64>?)
        async throws -> StoreChanges
    {
        try await writer.read { db in
            let current = try Int.fetchOne(db, sql: "SELECT generation FROM store_generation WHERE id = 1") ?? 0
            guard current != generation else { return .none }
            let oldest = try Int.fetchOne(
                db, sql: "SELECT MIN(generation) FROM store_changes WHERE generation > ?", arguments: [generation])
            // One more than the limit and the row of the city: enough to tell either.
            let rows = try Row.fetchAll(
                db, sql: "SELECT DISTINCT school_code FROM store_changes WHERE generation > ? LIMIT ?",
                arguments: [generation, limit + 2]
            ).map { $0[0] as String? }
            guard
                let codes = StoreChanges.schoolsChanged(
                    logged: rows, oldestLogged: oldest, since: generation, current: current, atMostSchools: limit)
            else { return .city(generation: current) }
            var records = Inventory()
            for table in InventoryTable.allCases {
                guard let column = table.ownerColumn else { continue }
                var filter = "\(column) IN (SELECT value FROM json_each(?))"
                var arguments = StatementArguments([Self.jsonArray(codes.sorted())])
                if table == .measurements, let window {
                    filter += " AND started_at_ms >= ? AND started_at_ms < ?"
                    arguments += [window.lowerBound, window.upperBound]
                }
                try Self.records(
                    table, db, where: filter, arguments: arguments, orderedBy: table.orderColumns, into: &records)
            }
            return .schools(generation: current, codes: codes, records: records)
        }
    }
}
