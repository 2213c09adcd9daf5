import Foundation
import InventoryFormat
import InventoryModel
import InventoryStorePostgres
import Planner

/// Where a command takes its city from: an interchange folder, or the database.
struct CityLoader {
    /// The folder, when given; else the database.
    var inventory: String?
    /// The database (a file or a PostgreSQL address); nil for the default `schoolnet.sqlite`.
    var database: String?

    /// The whole city; from a database, only the measurements that started within the range
    /// `window` gives for the city's plan (all when it gives nil). Bad input (a broken folder, no
    /// database, an empty one) exits with status 2.
    func load(measurements window: @escaping @Sendable (Plan) -> Range<Int64>? = { _ in nil }) async throws
        -> Inventory
    {
        if let inventory { return try readFolder(inventory) }
        return try await withNonEmptyStore { try await $0.loadInventory(measurements: window) }
    }

    /// Runs `body` with the database's store; a missing or empty database exits with status 2.
    private func withNonEmptyStore<T>(_ body: (any InventoryStore) async throws -> T) async throws -> T {
        let path = database ?? DatabaseOptions.defaultPath
        if !PostgresLocation.isURL(path), !FileManager.default.fileExists(atPath: path) {
            Terminal.error("error: \(path): no such database; import a folder first, or give --inventory DIR")
            throw badInputExitCode
        }
        return try await DatabaseOptions.withStore(at: path) { store in
            guard try await !store.isEmpty() else {
                Terminal.error("error: \(path) holds no city; import a folder first")
                throw badInputExitCode
            }
            return try await body(store)
        }
    }

    /// The city, or the part of it in one district when one is named.
    func load(district: String?) async throws -> Inventory {
        let city = try await load()
        guard let district else { return city }
        try CityLoader.check(district: district, in: city)
        return city.restricted(toDistrict: district)
    }

    /// The city as the compliance rules read it (a folder's assets and measurements are read
    /// straight into facts; a database's too, and only the measurements of the window of the
    /// day `asOf` gives for the city's plan), or the part of it in one district when one is named.
    func loadFacts(district: String?, asOf: AsOfOption) async throws -> CityFacts {
        let city: CityFacts
        if let inventory {
            city = try readFolder(inventory) { progress throws(InventoryReadError) in
                try InventoryFolder.readFacts(at: inventory, progress: progress)
            }
        } else {
            city = try await withNonEmptyStore { store in
                try await store.loadFacts { plan in
                    ComplianceSolver.measurementWindow(plan: plan, asOf: asOf.day(under: plan))
                }
            }
        }
        guard let district else { return city }
        try CityLoader.check(district: district, in: city.inventory)
        return city.restricted(toDistrict: district)
    }

    private static func check(district: String, in city: Inventory) throws {
        guard city.schools.contains(where: { $0.district == district }) else {
            Terminal.error("error: no school is in district \"\(district)\"")
            throw badInputExitCode
        }
    }
}
