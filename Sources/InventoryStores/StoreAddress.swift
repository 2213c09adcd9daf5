import Foundation
import InventoryModel
import InventoryStorePostgres
import InventoryStoreSQLite

/// Where a command or the service keeps the city: a SQLite file (the default, `schoolnet.sqlite`
/// in the working folder) or a PostgreSQL database (`postgres://USER@HOST:PORT/DB`).
///
/// The one place that names the backends: everything above holds `any InventoryStore`.
public enum StoreAddress: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// Reads a `--db` value; a PostgreSQL address takes its password from the environment.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if PostgresLocation.isURL(text) {
            self = .postgres(try PostgresLocation(url: text, environment: environment))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Whether there is anything to open: a SQLite file exists; a database server is asked.
    public var mayExist: Bool {
        switch self {
        case .sqlite(let path): FileManager.default.fileExists(atPath: path)
        case .postgres: true
        }
    }

    /// Opens the store (creating a SQLite file, or the schema of an empty database) and brings
    /// its schema up to date.
    public func open(connections: Int = 8) async throws -> any InventoryStore {
        switch self {
        case .sqlite(let path): try SQLiteInventoryStore(path: path)
        case .postgres(let location): try await PostgresInventoryStore(location, connections: connections)
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }
}

extension StoreAddress {
    /// Opens the store, runs `body` with it and closes it, whether `body` succeeds or throws.
    public func withStore<T>(_ body: (any InventoryStore) async throws -> T) async throws -> T {
        let store = try await open()
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
