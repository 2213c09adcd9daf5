import Foundation
import GRDB
import InventoryModel

/// The probe's local outbox: every result is stored here, in one SQLite file, before anything
/// else is done with it, so a crash or a power cut loses nothing. Ids are the results' own, so
/// writing a result twice keeps one row.
///
/// WAL with `synchronous = FULL`: a write that returned is on disk.
public final class Outbox: Sendable {
    let database: DatabaseQueue
    public let path: String

    /// Opens the outbox at `path`, making it (and its folder) when missing.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.busyMode = .timeout(5)
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
        }
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 outbox") { db in
            try db.create(table: "outbox") { table in
                table.column("id", .text).primaryKey()
                table.column("school_code", .text).notNull()
                table.column("probe_id", .text).notNull()
                table.column("kind", .text).notNull()
                table.column("started_at_ms", .integer).notNull()
                table.column("utc_offset_minutes", .integer).notNull()
                table.column("duration_s", .double).notNull()
                table.column("mbps", .double).notNull()
                table.column("cross_traffic_mbps", .double)
                table.column("rtt_ms", .double)
                table.column("loss_pct", .double)
                table.column("valid", .boolean).notNull()
                table.column("stored_at_ms", .integer).notNull()
            }
        }
        migrator.registerMigration("v2 usage") { db in
            try db.create(table: "usage") { table in
                table.column("month", .text).primaryKey()  // YYYY-MM, local time
                table.column("bytes", .integer).notNull()
            }
        }
        migrator.registerMigration("v3 rejected") { db in
            // Results the service refused as invalid (422): kept, never sent again, for a person to read.
            try db.create(table: "rejected") { table in
                table.column("id", .text).primaryKey()
                table.column("reason", .text).notNull()
                table.column("rejected_at_ms", .integer).notNull()
                table.column("row", .text).notNull()
            }
        }
        migrator.registerMigration("v4 agent status") { db in
            // What the agent did last, for `schoolnet-probe status` (another process) to read.
            try db.create(table: "agent_status") { table in
                table.column("event", .text).primaryKey()
                table.column("at_ms", .integer).notNull()
                table.column("ok", .boolean).notNull()
                table.column("detail", .text).notNull()
            }
        }
        try migrator.migrate(database)
        try Self.giveToFolderOwner(path)
    }

    /// Run as root (`doctor`, `run --test-now` while installing), the outbox made here would be
    /// root's, and the agent, which runs as its own user, could not write it afterwards: its
    /// files are given to the owner of the folder they are in (the package's schoolnet-probe).
    static func giveToFolderOwner(_ path: String) throws {
        guard geteuid() == 0 else { return }
        let folder = (path as NSString).deletingLastPathComponent
        var owner = stat()
        guard stat(folder.isEmpty ? "." : folder, &owner) == 0, owner.st_uid != 0 else { return }
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            guard chown(file, owner.st_uid, owner.st_gid) == 0 else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file])
            }
        }
    }

    /// Bytes the month's tests have moved so far.
    public func usage(month: String) throws -> Int64 {
        try database.read {
            try Int64.fetchOne($0, sql: "SELECT bytes FROM usage WHERE month = ?", arguments: [month]) ?? 0
        }
    }

    /// Counts a test's bytes against its month.
    public func addUsage(month: String, bytes: Int64) throws {
        try database.write { db in
            try db.execute(
                sql:
                    "INSERT INTO usage (month, bytes) VALUES (?, ?) ON CONFLICT(month) DO UPDATE SET bytes = bytes + ?",
                arguments: [month, bytes, bytes])
        }
    }

    /// Stores results; a result already there (same id) is left as it is. Returns how many were new.
    @discardableResult
    public func append(_ measurements: [ProbeMeasurement]) throws -> Int {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return try database.write { db in
            var added = 0
            let statement = try db.makeStatement(
                sql: """
                    INSERT OR IGNORE INTO outbox (id, school_code, probe_id, kind, started_at_ms, utc_offset_minutes,
                      duration_s, mbps, cross_traffic_mbps, rtt_ms, loss_pct, valid, stored_at_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for m in measurements {
                try statement.execute(arguments: [
                    m.id, m.schoolCode, m.probeID, m.kind.rawValue, m.startedAt.millisecondsSinceEpoch,
                    Int(m.startedAt.utcOffsetMinutes), m.durationSeconds, m.mbps, m.crossTrafficMbps, m.rttMs,
                    m.lossPct,
                    m.valid, now,
                ])
                added += db.changesCount
            }
            return added
        }
    }

    /// Every stored result, oldest first.
    public func all() throws -> [ProbeMeasurement] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY started_at_ms, id").map(Self.measurement)
        }
    }

    /// The first `limit` results in the order they were stored: the next batch to upload.
    public func oldest(_ limit: Int) throws -> [ProbeMeasurement] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY rowid LIMIT ?", arguments: [limit])
                .map(Self.measurement)
        }
    }

    private static func measurement(_ row: Row) -> ProbeMeasurement {
        ProbeMeasurement(
            id: row["id"], schoolCode: row["school_code"], probeID: row["probe_id"],
            kind: MeasurementKind(rawValue: row["kind"]) ?? .rtt,
            startedAt: Timestamp(
                millisecondsSinceEpoch: row["started_at_ms"], utcOffsetMinutes: Int16(row["utc_offset_minutes"] as Int)),
            durationSeconds: row["duration_s"], mbps: row["mbps"], crossTrafficMbps: row["cross_traffic_mbps"],
            rttMs: row["rtt_ms"], lossPct: row["loss_pct"], valid: row["valid"])
    }

    /// Moves a result the service refused out of the outbox into the rejected table, with the
    /// service's reason, in one transaction.
    public func reject(id: String, reason: String) throws {
        try database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]) else {
                return
            }
            let text = row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ")
            try db.execute(
                sql: "INSERT OR REPLACE INTO rejected VALUES (?, ?, ?, ?)",
                arguments: [id, reason, Int64(Date().timeIntervalSince1970 * 1000), text])
            try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id])
        }
    }

    /// Results the service refused, with its reasons.
    public func rejected() throws -> [(id: String, reason: String)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, reason FROM rejected ORDER BY rejected_at_ms").map {
                ($0["id"], $0["reason"])
            }
        }
    }

    public func count() throws -> Int {
        try database.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    /// Removes results the service has confirmed, in one transaction.
    public func remove(ids: [String]) throws {
        try database.write { db in
            let statement = try db.makeStatement(sql: "DELETE FROM outbox WHERE id = ?")
            for id in ids { try statement.execute(arguments: [id]) }
        }
    }
}
