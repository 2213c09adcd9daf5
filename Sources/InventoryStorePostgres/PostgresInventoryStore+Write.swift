import Foundation
import InventoryModel
import Logging
import PostgresNIO
import Synchronization

extension PostgresInventoryStore {
    /// Tables in an order where a row is written after the row it refers to.
    static let parentsFirst = Array(InventoryTable.childrenFirst.reversed())

    /// Replaces the city in one transaction: readers see the old city or the new one (they wait
    /// while the import commits), and a failure leaves the old one in place.
    ///
    /// Replacing, the tables are emptied and loaded with `COPY`. Keeping measurements, the
    /// schools are merged by code instead (a school the new city drops takes its results with
    /// it, one it keeps keeps them) and the folder's results are added as an ingest adds them.
    public func replaceInventory(
        with inventory: Inventory, measurements: MeasurementsOnImport, progress: (@Sendable (Int, Int) -> Void)?
    ) async throws {
        try DanglingReference.check(inventory)
        try await ensurePartitions(inventory.measurements)
        let total = InventoryTable.allCases.reduce(0) { $0 + TableRows.count($1, in: inventory) }
        let written = Counter(total: total, progress: progress)
        try await writing {
            try await client.withTransaction(logger: logger) { connection in
                let logger = self.logger
                try await connection.query("DELETE FROM plan", logger: logger)
                try await Self.insert(inventory.plan, connection, logger)
                if measurements == .replace {
                    let tables = Self.parentsFirst.map(\.storeName).joined(separator: ", ")
                    try await connection.query(PostgresQuery(unsafeSQL: "TRUNCATE \(tables)"), logger: logger)
                    for table in Self.parentsFirst {
                        try await Self.copy(table, of: inventory, into: table.storeName, connection, logger, written)
                    }
                } else {
                    let others = Self.parentsFirst.filter { $0 != .schools && $0 != .measurements }
                    let tables = others.map(\.storeName).joined(separator: ", ")
                    try await connection.query(PostgresQuery(unsafeSQL: "TRUNCATE \(tables)"), logger: logger)
                    try await Self.mergeSchools(inventory, connection, logger, written)
                    for table in others {
                        try await Self.copy(table, of: inventory, into: table.storeName, connection, logger, written)
                    }
                    try await Self.insertMeasurements(
                        Inventory(measurements: inventory.measurements), on: .ignore, connection, logger)
                }
                try await self.recordChange(.wholeCity, connection, logger)
            }
        }
        progress?(total, total)
    }

    /// Makes the schools exactly the inventory's, by code: the others are deleted (with their
    /// links, assets and measurements), the rest written over.
    private static func mergeSchools(
        _ inventory: Inventory, _ connection: PostgresConnection, _ logger: Logger, _ written: Counter
    ) async throws {
        try await connection.query(
            "CREATE TEMP TABLE incoming_schools (LIKE schools) ON COMMIT DROP", logger: logger)
        try await copy(.schools, of: inventory, into: "incoming_schools", connection, logger, written)
        try await connection.query(
            "DELETE FROM schools WHERE code NOT IN (SELECT code FROM incoming_schools)", logger: logger)
        let columns = TableRows.columns(.schools)
        let sets = columns.dropFirst().map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        try await connection.query(
            PostgresQuery(
                unsafeSQL:
                    "INSERT INTO schools SELECT * FROM incoming_schools ON CONFLICT (code) DO UPDATE SET \(sets)"),
            logger: logger)
    }

    @discardableResult
    public func write(_ fragment: Inventory, on conflict: WriteConflict) async throws -> Int {
        try await ensurePartitions(fragment.measurements)
        return try await writing {
            try await client.withTransaction(logger: logger) { connection in
                // A record written over may have belonged to another school before.
                var scope = ChangeScope(of: fragment)
                if conflict == .update {
                    for owner in try await Self.owners(.links, keys: fragment.links.map(\.linkID), connection, logger) {
                        scope.add(owner: owner)
                    }
                    for owner in try await Self.owners(
                        .assets, keys: fragment.assets.map(\.assetTag), connection, logger)
                    {
                        scope.add(owner: owner)
                    }
                }
                var changes = 0
                for table in Self.parentsFirst where TableRows.count(table, in: fragment) > 0 {
                    changes +=
                        table == .measurements
                        ? try await Self.insertMeasurements(fragment, on: conflict, connection, logger)
                        : try await Self.insert(table, of: fragment, on: conflict, connection, logger)
                }
                if changes > 0 { try await self.recordChange(scope, connection, logger) }
                return changes
            }
        }
    }

    public func delete(_ table: InventoryTable, key: [String]) async throws -> Bool {
        var binds = PostgresBindings()
        for value in key { binds.append(value) }
        let condition = Self.keyCondition(table)
        return try await client.withTransaction(logger: logger) { connection in
            var scope = ChangeScope.wholeCity
            if let column = table.ownerColumn {
                scope = ChangeScope()
                let owner = try await connection.query(
                    PostgresQuery(
                        unsafeSQL: "SELECT \(column) FROM \(table.storeName) WHERE \(condition) FOR UPDATE",
                        binds: binds),
                    logger: logger)
                for try await school in owner.decode(String?.self) { scope.add(owner: school) }
            }
            let deleted = try await Self.count(
                PostgresQuery(
                    unsafeSQL: "WITH gone AS (DELETE FROM \(table.storeName) WHERE \(condition) RETURNING 1) "
                        + "SELECT count(*) FROM gone", binds: binds), connection, logger)
            guard deleted > 0 else { return false }
            try await self.recordChange(scope, connection, logger)
            return true
        }
    }

    /// `k1 = $1 AND k2 = $2` for the table's key columns.
    static func keyCondition(_ table: InventoryTable, from first: Int = 1) -> String {
        table.storeKeyColumns.enumerated().map { "\($1) = $\(first + $0)" }.joined(separator: " AND ")
    }

    static func count(_ query: PostgresQuery, _ connection: PostgresConnection, _ logger: Logger) async throws -> Int {
        for try await value in try await connection.query(query, logger: logger).decode(Int.self) { return value }
        return 0
    }

    // MARK: Rows in

    /// Streams the table's records of the inventory into `target` (the table, or a temporary
    /// one like it) with `COPY`; with `ordinal`, each row ends with its place in the inventory.
    static func copy(
        _ table: InventoryTable, of inventory: Inventory, into target: String, ordinal: Bool = false,
        _ connection: PostgresConnection, _ logger: Logger, _ written: Counter? = nil
    ) async throws {
        let count = TableRows.count(table, in: inventory)
        guard count > 0 else { return }
        let columns = TableRows.columns(table) + (ordinal ? ["ord"] : [])
        try await connection.copyFrom(table: target, columns: columns, logger: logger) { writer in
            var rows = CopyRows()
            for index in 0..<count {
                TableRows.write(table, index, of: inventory, to: &rows)
                if ordinal { rows.add(index) }
                rows.endRow()
                if rows.buffer.readableBytes >= 1 << 20 {
                    try await writer.write(rows.take())
                    written?.add(index + 1, of: table)
                }
            }
            if rows.buffer.readableBytes > 0 { try await writer.write(rows.take()) }
        }
    }

    /// Inserts the records of one table (measurements aside) by the conflict rule; returns the
    /// rows inserted or changed.
    private static func insert(
        _ table: InventoryTable, of fragment: Inventory, on conflict: WriteConflict, _ connection: PostgresConnection,
        _ logger: Logger
    ) async throws -> Int {
        if conflict == .fail {
            try await copy(table, of: fragment, into: table.storeName, connection, logger)
            return TableRows.count(table, in: fragment)
        }
        let incoming = try await stage(table, of: fragment, connection, logger)
        let columns = TableRows.columns(table).joined(separator: ", ")
        let key = table.storeKeyColumns.joined(separator: ", ")
        let action: String
        let order: String
        if conflict == .ignore {
            action = "DO NOTHING"
            order = "ord"
        } else {
            let keyColumns = Set(table.storeKeyColumns)
            let sets = TableRows.columns(table).filter { !keyColumns.contains($0) }.map { "\($0) = EXCLUDED.\($0)" }
            action = "DO UPDATE SET " + sets.joined(separator: ", ")
            // The last of two records with one key wins, as it would written one after the other.
            order = "ord DESC"
        }
        return try await count(
            PostgresQuery(
                unsafeSQL: """
                    WITH written AS (
                        INSERT INTO \(table.storeName) (\(columns))
                        SELECT DISTINCT ON (\(key)) \(columns) FROM \(incoming) ORDER BY \(key), \(order)
                        ON CONFLICT (\(key)) \(action) RETURNING 1)
                    SELECT count(*) FROM written
                    """), connection, logger)
    }

    /// Copies the table's records into a temporary table of the transaction, with their order.
    private static func stage(
        _ table: InventoryTable, of fragment: Inventory, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> String {
        let incoming = "incoming_" + table.storeName
        try await connection.query(
            PostgresQuery(
                unsafeSQL: "CREATE TEMP TABLE \(incoming) (LIKE \(table.storeName)) ON COMMIT DROP"),
            logger: logger)
        try await connection.query(
            PostgresQuery(unsafeSQL: "ALTER TABLE \(incoming) ADD COLUMN ord bigint NOT NULL"), logger: logger)
        try await copy(table, of: fragment, into: incoming, ordinal: true, connection, logger)
        return incoming
    }

    /// Inserts measurements by the conflict rule, a result being its school and id whatever its
    /// time (the table's key holds the time too, for its partitions): under a lock of each
    /// school named, the results whose (school, id) is stored already are found and skipped,
    /// refused or replaced. Two instances writing one school's results wait for each other;
    /// different schools' results are written side by side.
    static func insertMeasurements(
        _ fragment: Inventory, on conflict: WriteConflict, _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> Int {
        guard !fragment.measurements.isEmpty else { return 0 }
        let schools = Array(Set(fragment.measurements.map(\.schoolCode))).sorted()
        // In code order, so two writers of overlapping schools cannot wait for each other.
        try await connection.query(
            """
            SELECT pg_advisory_xact_lock(hashtextextended(code, 0))
            FROM (SELECT code FROM unnest(\(schools)::text[]) AS code ORDER BY code) AS ordered
            """, logger: logger)
        let incoming = try await stage(.measurements, of: fragment, connection, logger)
        let columns = TableRows.columns(.measurements).joined(separator: ", ")
        let stored = "EXISTS (SELECT 1 FROM measurements m WHERE m.school_code = i.school_code AND m.id = i.id)"
        switch conflict {
        case .fail:
            let taken = try await count(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT count(*) FROM \(incoming) i WHERE \(stored)
                            OR EXISTS (SELECT 1 FROM \(incoming) j
                                WHERE j.school_code = i.school_code AND j.id = i.id AND j.ord <> i.ord)
                        """), connection, logger)
            guard taken == 0 else { throw RecordWriteError.conflict("a record with this key exists already") }
            try await connection.query(
                PostgresQuery(unsafeSQL: "INSERT INTO measurements (\(columns)) SELECT \(columns) FROM \(incoming)"),
                logger: logger)
            return fragment.measurements.count
        case .ignore:
            return try await count(
                PostgresQuery(
                    unsafeSQL: """
                        WITH written AS (
                            INSERT INTO measurements (\(columns))
                            SELECT DISTINCT ON (school_code, id) \(columns) FROM \(incoming) i
                            WHERE NOT \(stored) ORDER BY school_code, id, ord RETURNING 1)
                        SELECT count(*) FROM written
                        """), connection, logger)
        case .update:
            try await connection.query(
                PostgresQuery(
                    unsafeSQL:
                        "DELETE FROM measurements m USING \(incoming) i WHERE m.school_code = i.school_code AND m.id = i.id"
                ),
                logger: logger)
            return try await count(
                PostgresQuery(
                    unsafeSQL: """
                        WITH written AS (
                            INSERT INTO measurements (\(columns))
                            SELECT DISTINCT ON (school_code, id) \(columns) FROM \(incoming)
                            ORDER BY school_code, id, ord DESC RETURNING 1)
                        SELECT count(*) FROM written
                        """), connection, logger)
        }
    }

    // MARK: Partitions

    /// Makes the month partitions these measurements go into, each once, in a short transaction
    /// of its own (a partition is made under a lock of the whole table, which a long write
    /// would hold). Months outside 2000 to 2099 go to the default partition.
    func ensurePartitions(_ measurements: [ProbeMeasurement]) async throws {
        var months = Set<Int64>()
        for m in measurements { if let month = Month(m.startedAt) { months.insert(month.start) } }
        let missing = partitions.withLock { months.subtracting($0) }
        guard !missing.isEmpty else { return }
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresMigrations.lock + 1))", logger: logger)
            for start in missing.sorted() {
                let month = Month(start: start)
                try await connection.query(
                    PostgresQuery(
                        unsafeSQL: """
                            CREATE TABLE IF NOT EXISTS \(month.table) PARTITION OF measurements
                            FOR VALUES FROM (\(month.start)) TO (\(month.end))
                            """), logger: logger)
            }
        }
        partitions.withLock { $0.formUnion(missing) }
    }

    /// Maps the store's refusals to ``RecordWriteError``; other errors pass.
    func writing<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresTransactionError {
            throw Self.writeError(error.closureError ?? error.commitError ?? error.beginError ?? error)
        } catch {
            throw Self.writeError(error)
        }
    }

    /// The store's refusal of a write in the words of ``RecordWriteError``; another error as it is.
    private static func writeError(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return error }
        let message = error.serverInfo?[.detail] ?? error.serverInfo?[.message] ?? "a value is out of range"
        return switch state {
        case "23503": RecordWriteError.unknownSchool
        case "23505": RecordWriteError.conflict("a record with this key exists already")
        case "23514", "23502", "22P02", "22003", "22021": RecordWriteError.invalid(message)
        default: error
        }
    }
}

/// A calendar month (UTC) of measurements: its partition's name and range in milliseconds.
struct Month {
    var year: Int
    var month: Int

    /// The month a time falls in; nil outside the years partitions are made for.
    init?(_ time: Timestamp) {
        let days = Int32((time.millisecondsSinceEpoch).quotientRounded(by: 86_400_000))
        let (year, month, _) = CalendarDate(daysSinceEpoch: days).parts
        guard (2000...2099).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    init(start: Int64) {
        let (year, month, _) = CalendarDate(daysSinceEpoch: Int32(start / 86_400_000)).parts
        self.year = year
        self.month = month
    }

    var start: Int64 { Self.milliseconds(year, month) }
    var end: Int64 { month == 12 ? Self.milliseconds(year + 1, 1) : Self.milliseconds(year, month + 1) }
    var table: String { "measurements_\(year)_" + (month < 10 ? "0" : "") + "\(month)" }

    private static func milliseconds(_ year: Int, _ month: Int) -> Int64 {
        Int64(CalendarDate(year: year, month: month, day: 1)!.daysSinceEpoch) * 86_400_000
    }
}

extension Int64 {
    /// The quotient rounded toward minus infinity (a time before 1970 is in the day before).
    fileprivate func quotientRounded(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return self % divisor < 0 ? q - 1 : q
    }
}

/// Rows written so far, for an import's progress.
final class Counter: Sendable {
    private let done = Mutex([InventoryTable: Int]())
    private let total: Int
    private let progress: (@Sendable (Int, Int) -> Void)?

    init(total: Int, progress: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.progress = progress
    }

    func add(_ rows: Int, of table: InventoryTable) {
        let sum = done.withLock { done in
            done[table] = rows
            return done.values.reduce(0, +)
        }
        progress?(sum, total)
    }
}
