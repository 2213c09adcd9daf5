import Foundation
import GRDB
import InventoryFormat
import InventoryModel
import SampleCity
import Synchronization
import Testing

@testable import InventoryStoreSQLite

@Suite("SQLite store")
struct SQLiteInventoryStoreTests {
    func city(seed: UInt64, schools: Int) -> Inventory {
        var options = SampleCityGenerator.Options()
        options.seed = seed
        options.schools = schools
        var generator = SampleCityGenerator(options: options)
        return generator.generate()
    }

    /// A database made before measurement ids were scoped to their school keeps its results
    /// through the migration, and afterwards two schools may use one id while one school may not.
    @Test func measurementsMigrateToSchoolKeys() async throws {
        let path = databasePath()
        let city = city(seed: 3, schools: 20)
        do {
            let old = try DatabaseQueue(path: path)
            try InventoryMigrations.migrator.migrate(old, upTo: "v2 api tokens")
            try await old.write { db in try SQLiteInventoryStore.insert(city, into: db) }
        }
        let store = try SQLiteInventoryStore(path: path)
        #expect(try await store.loadInventory().measurements.count == city.measurements.count)
        var first = try #require(city.measurements.first)
        let other = try #require(city.schools.first { $0.code != first.schoolCode })
        first.schoolCode = other.code
        #expect(try await store.write(Inventory(measurements: [first]), on: .ignore) == 1)
        #expect(try await store.write(Inventory(measurements: [first]), on: .ignore) == 0)
        #expect(try await store.generation() > 0)
    }

    /// A session is found by its hash while it lasts and its token is valid; an ended one is
    /// dropped when the next begins.
    @Test func webSessions() async throws {
        let store = try SQLiteInventoryStore(path: databasePath())
        let token = APIToken(id: "t1", name: "p", scope: .planner, schoolCode: nil, createdAt: "2026-12-04T00:00:00Z")
        try await store.addToken(token, sha256: "h1")
        try await store.addSession(sha256: "s1", tokenID: "t1", csrf: "c1", expiresAtMs: 2_000, nowMs: 1_000)
        #expect(try await store.session(sha256: "s1", nowMs: 1_500)?.csrf == "c1")
        #expect(try await store.session(sha256: "s1", nowMs: 2_000) == nil)
        #expect(try await store.session(sha256: "other", nowMs: 1_500) == nil)
        try await store.addSession(sha256: "s2", tokenID: "t1", csrf: "c2", expiresAtMs: 9_000, nowMs: 3_000)
        let kept = try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM web_sessions") }
        #expect(kept == 1)
        #expect(try await store.revokeToken(id: "t1", at: "2026-12-04T01:00:00Z"))
        #expect(try await store.session(sha256: "s2", nowMs: 3_500) == nil)
        await #expect(throws: DatabaseError.self) {
            try await store.addSession(sha256: "s3", tokenID: "nobody", csrf: "c", expiresAtMs: 9_000, nowMs: 3_000)
        }
    }

    func databasePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-\(UUID().uuidString).sqlite").path
    }

    /// What is stored is what is loaded: the whole city, plan included, in canonical order.
    @Test func storeAndLoad() async throws {
        let store = try SQLiteInventoryStore(path: databasePath())
        #expect(try await store.isEmpty())
        var city = city(seed: 1, schools: 150)
        city.plan.measurementTolerance = 0.85
        city.plan.schoolDays = [1, 2, 3, 4, 5, 6]
        try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
        #expect(try await !store.isEmpty())
        #expect(try await store.loadInventory() == city.canonical)
    }

    /// A second import replaces the first: nothing of the old city is left behind.
    @Test func importReplaces() async throws {
        let store = try SQLiteInventoryStore(path: databasePath())
        try await store.replaceInventory(with: city(seed: 1, schools: 150), measurements: .replace, progress: nil)
        let smaller = city(seed: 2, schools: 40)
        try await store.replaceInventory(with: smaller, measurements: .replace, progress: nil)
        #expect(try await store.loadInventory() == smaller.canonical)
    }

    /// An import that fails part way (a row the schema refuses, written last) leaves the
    /// database exactly as it was.
    @Test func failedImportChangesNothing() async throws {
        let store = try SQLiteInventoryStore(path: databasePath())
        let before = city(seed: 1, schools: 100)
        try await store.replaceInventory(with: before, measurements: .replace, progress: nil)
        var broken = city(seed: 5, schools: 120)
        broken.measurements[broken.measurements.count - 1].mbps = -1  // CHECK (mbps >= 0)
        await #expect(throws: DatabaseError.self) {
            try await store.replaceInventory(with: broken, measurements: .replace, progress: nil)
        }
        #expect(try await store.loadInventory() == before.canonical)
    }

    /// A row naming a school the city lacks is refused before anything is written.
    @Test func danglingReference() async throws {
        let store = try SQLiteInventoryStore(path: databasePath())
        var city = city(seed: 1, schools: 20)
        city.links[0].schoolCode = "DL-XX-9999"
        await #expect(throws: DanglingReference.self) {
            try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
        }
        #expect(try await store.isEmpty())
    }

    /// The file is one database in WAL mode with foreign keys enforced, its indexes back after an
    /// import, and its migrations named.
    @Test func schema() async throws {
        let path = databasePath()
        let store = try SQLiteInventoryStore(path: path)
        try await store.replaceInventory(with: city(seed: 1, schools: 10), measurements: .replace, progress: nil)
        try await store.writer.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
            #expect(try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") == true)
            let indexes = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            #expect(indexes.contains("assets_on_school_code") && indexes.contains("measurements_on_school_time"))
            #expect(
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") == [
                    "v1 inventory", "v2 api tokens", "v3 measurement ids within their school", "v4 change counter",
                    "v5 web sessions",
                ])
        }
        // Foreign keys hold for writes other than the bulk import.
        await #expect(throws: DatabaseError.self) {
            try await store.writer.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO links (link_id, school_code, provider, down_mbps, up_mbps) VALUES ('X', 'nope', 'p', 1, 1)"
                )
            }
        }
    }

    /// Progress is reported up to the total number of rows.
    @Test func progress() async throws {
        let store = try SQLiteInventoryStore()
        let city = city(seed: 1, schools: 600)
        let seen = Mutex<[(Int, Int)]>([])
        try await store.replaceInventory(
            with: city, measurements: .replace, progress: { done, total in seen.withLock { $0.append((done, total)) } })
        let calls = seen.withLock { $0 }
        let total =
            city.schools.count + city.links.count + city.assets.count + city.egressLinks.count
            + city.storageReadings.count + city.districts.count + city.measurements.count
        #expect(calls.last.map { $0 == (total, total) } == true)
        #expect(calls.count > 1)
    }
}
