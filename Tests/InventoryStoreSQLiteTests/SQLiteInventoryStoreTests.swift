import Foundation
import GRDB
import InventoryFormat
import InventoryModel
import SampleCity
import Synchronization
import Testing

@testable import InventoryStoreSQLite

/// What only the SQLite store has: its migrations from older files and its file's settings. The
/// behaviour every backend shares is `StoreContractTests`.
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

    func databasePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-\(UUID().uuidString).sqlite").path
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
            #expect(indexes.contains("store_changes_on_generation"))
            #expect(
                try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") == [
                    "v1 inventory", "v2 api tokens", "v3 measurement ids within their school", "v4 change counter",
                    "v5 web sessions", "v6 change log",
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
}
