import Foundation
import InventoryModel
import Logging
import NIOSSL
import PostgresNIO
import Synchronization

/// The shared store: one PostgreSQL database that many service instances and commands use at
/// once, through a pool of connections.
///
/// Every statement binds its values as parameters (or streams them as `COPY` data); table and
/// column names come from the schema, never from a request. Every write runs in one
/// transaction and raises the change counter in it, so every process learns of it from the
/// database.
public final class PostgresInventoryStore: InventoryStore {
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>
    /// The months of measurements that have a partition already (first days, in milliseconds).
    let partitions = Mutex(Set<Int64>())
    /// Reads of the city's facts that may hold a second connection at once (each holds one and
    /// asks for another): at most half the pool, so that every one of them gets its second;
    /// nil for a pool of one connection, where a read takes both halves on its one.
    let factReads: Admission?
    /// How many generations of changes the log keeps (``StoreChanges/generationsKept``).
    let generationsKept: Int

    /// Connects to the database (the pool opens connections as they are needed) and brings its
    /// schema up to date.
    ///
    /// - Parameter connections: the most connections the pool opens.
    /// - Parameter generationsKept: the generations of changes the log keeps (tests keep few).
    public init(
        _ location: PostgresLocation, connections: Int = 8, generationsKept: Int = StoreChanges.generationsKept,
        logger: Logger = Logger(label: "schoolnet.postgres")
    ) async throws {
        // One connection first: the pool retries a refused connection quietly, while this one
        // says why (no server there, a wrong password, no such database).
        do {
            let connection = try await PostgresConnection.connect(
                on: PostgresClient.defaultEventLoopGroup.any(),
                configuration: PostgresConnection.Configuration(
                    host: location.host, port: location.port, username: location.user, password: location.password,
                    database: location.database, tls: location.requiresTLS ? .require(try Self.tls()) : .disable),
                id: 0, logger: logger
            ).get()
            try await connection.close()
        } catch {
            throw Self.connectionError(error, location)
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: location.requiresTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = connections
        configuration.options.connectTimeout = .seconds(10)
        let client = PostgresClient(configuration: configuration)
        self.client = client
        self.logger = logger
        factReads = connections >= 2 ? Admission(limit: connections / 2) : nil
        precondition(generationsKept >= 1, "a change log keeps at least the last generation")
        self.generationsKept = generationsKept
        running = Task { await client.run() }
        do {
            try await PostgresMigrations.migrate(client, logger: logger)
        } catch {
            running.cancel()
            throw Self.connectionError(error, location)
        }
    }

    /// TLS to the database, its certificate checked against the system's authorities.
    private static func tls() throws -> NIOSSLContext {
        try NIOSSLContext(configuration: .makeClientConfiguration())
    }

    public func close() async {
        running.cancel()
        await running.value
    }

    /// An error of connecting in words a reader can act on.
    static func connectionError(_ error: any Error, _ location: PostgresLocation) -> any Error {
        guard let error = error as? PSQLError else {
            return PostgresLocationError(
                "\(location): no database server answers there (is PostgreSQL running and listening on that port?): "
                    + "\(error)")
        }
        if let message = error.serverInfo?[.message] {
            return PostgresLocationError("\(location): \(message)")
        }
        switch error.code {
        case .connectionError, .serverClosedConnection:
            return PostgresLocationError(
                "\(location): no database server answers there (is PostgreSQL running and listening on that port?)")
        case .authMechanismRequiresPassword:
            return PostgresLocationError(
                "\(location) asks for a password: set PGPASSWORD or SCHOOLNET_DB_PASSWORD_FILE")
        default:
            return PostgresLocationError("\(location): \(String(reflecting: error))")
        }
    }

    // MARK: Small reads

    public func isEmpty() async throws -> Bool {
        try await single("SELECT (SELECT count(*) FROM schools) + (SELECT count(*) FROM plan)", as: Int.self) == 0
    }

    public func generation() async throws -> Int {
        try await single("SELECT generation FROM store_generation WHERE id = 1", as: Int.self) ?? 0
    }

    public func schoolCount() async throws -> Int {
        try await single("SELECT count(*) FROM schools", as: Int.self) ?? 0
    }

    public func counts() async throws -> [InventoryTable: Int] {
        var counts: [InventoryTable: Int] = [:]
        for table in InventoryTable.allCases {
            counts[table] = try await single(
                PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table.storeName)"), as: Int.self)
        }
        return counts
    }

    public func planTimeZone() async throws -> String? {
        try await single("SELECT text FROM plan WHERE key = \("time_zone")", as: String?.self) ?? nil
    }

    /// The first value of the first row, or nil when there is no row.
    func single<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type) async throws -> T? {
        for try await value in try await client.query(query, logger: logger).decode(T.self) { return value }
        return nil
    }

    // MARK: Writes of the plan

    public func replacePlan(_ plan: Plan) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("DELETE FROM plan", logger: logger)
            try await Self.insert(plan, connection, logger)
            try await self.recordChange(.wholeCity, connection, logger)
        }
    }

    static func insert(_ plan: Plan, _ connection: PostgresConnection, _ logger: Logger) async throws {
        for field in Plan.fields {
            let query: PostgresQuery =
                switch field.value(plan) {
                case .number(let n): "INSERT INTO plan (key, number) VALUES (\(field.key), \(n))"
                case .text(let t): "INSERT INTO plan (key, text) VALUES (\(field.key), \(t))"
                case .list(let items):
                    "INSERT INTO plan (key, text) VALUES (\(field.key), \(items.joined(separator: ",")))"
                }
            try await connection.query(query, logger: logger)
        }
    }

    /// Raises the change counter and logs what the write touched, inside the transaction of the
    /// write it records (last, so that the counter's row is locked briefly: two writers take
    /// their generations in the order they commit); drops the log of generations no longer kept.
    func recordChange(_ scope: ChangeScope, _ connection: PostgresConnection, _ logger: Logger) async throws {
        // The log pruned first, before the counter's row is locked: what falls out once the
        // generation this write takes (one more than the counter now) is logged.
        try await connection.query(
            """
            DELETE FROM store_changes
            WHERE generation <= (SELECT generation FROM store_generation WHERE id = 1) + 1 - \(generationsKept)
            """, logger: logger)
        let generation = try await Self.count(
            "UPDATE store_generation SET generation = generation + 1 WHERE id = 1 RETURNING generation",
            connection, logger)
        if scope.city {
            try await connection.query(
                "INSERT INTO store_changes (generation, school_code) VALUES (\(generation), NULL)", logger: logger)
        } else {
            let schools = scope.logged.compactMap { $0 }
            try await connection.query(
                "INSERT INTO store_changes (generation, school_code) SELECT \(generation), unnest(\(schools)::text[])",
                logger: logger)
        }
    }

    /// The schools that the rows of a single-key table (links, assets) with these keys belong
    /// to now (nil for a row of no school), the rows locked until the transaction ends so that
    /// no other write moves them meanwhile.
    static func owners(
        _ table: InventoryTable, keys: [String], _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> [String?] {
        guard !keys.isEmpty, let key = table.storeKeyColumns.first else { return [] }
        var binds = PostgresBindings()
        binds.append(keys)
        let rows = try await connection.query(
            PostgresQuery(
                unsafeSQL: "SELECT school_code FROM \(table.storeName) WHERE \(key) = ANY($1::text[]) FOR UPDATE",
                binds: binds), logger: logger)
        var owners: [String?] = []
        for try await owner in rows.decode(String?.self) { owners.append(owner) }
        return owners
    }

    // MARK: Tokens and sessions

    public func addToken(_ token: APIToken, sha256: String) async throws {
        try await client.query(
            """
            INSERT INTO api_tokens (id, name, scope, school_code, sha256, created_at, revoked_at)
            VALUES (\(token.id), \(token.name), \(token.scope.rawValue), \(token.schoolCode), \(sha256), \
            \(token.createdAt), \(token.revokedAt))
            """, logger: logger)
    }

    public func token(sha256: String) async throws -> APIToken? {
        try await tokens(
            "SELECT \(unescaped: Self.tokenColumns) FROM api_tokens WHERE sha256 = \(sha256) AND revoked_at IS NULL"
        ).first
    }

    public func tokens() async throws -> [APIToken] {
        try await tokens("SELECT \(unescaped: Self.tokenColumns) FROM api_tokens ORDER BY created_at, id")
    }

    public func revokeToken(id: String, at time: String) async throws -> Bool {
        try await single(
            "UPDATE api_tokens SET revoked_at = \(time) WHERE id = \(id) AND revoked_at IS NULL RETURNING id",
            as: String.self) != nil
    }

    static let tokenColumns = "id, name, scope, school_code, created_at, revoked_at"

    private func tokens(_ query: PostgresQuery) async throws -> [APIToken] {
        var found: [APIToken] = []
        for try await (id, name, scope, school, created, revoked) in try await client.query(query, logger: logger)
            .decode((String, String, String, String?, String, String?).self)
        {
            guard let scope = TokenScope(rawValue: scope) else { continue }
            found.append(
                APIToken(
                    id: id, name: name, scope: scope, schoolCode: school, createdAt: created, revokedAt: revoked))
        }
        return found
    }

    public func addSession(sha256: String, tokenID: String, csrf: String, expiresAtMs: Int64, nowMs: Int64)
        async throws
    {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("DELETE FROM web_sessions WHERE expires_at_ms <= \(nowMs)", logger: logger)
            try await connection.query(
                """
                INSERT INTO web_sessions (sha256, token_id, csrf, expires_at_ms)
                VALUES (\(sha256), \(tokenID), \(csrf), \(expiresAtMs))
                """, logger: logger)
        }
    }

    public func session(sha256: String, nowMs: Int64) async throws -> WebSession? {
        let rows = try await client.query(
            """
            SELECT s.csrf, s.expires_at_ms, t.id, t.name, t.scope, t.school_code, t.created_at, t.revoked_at
            FROM web_sessions s JOIN api_tokens t ON t.id = s.token_id
            WHERE s.sha256 = \(sha256) AND s.expires_at_ms > \(nowMs) AND t.revoked_at IS NULL
            """, logger: logger)
        for try await (csrf, ends, id, name, scope, school, created, revoked) in rows.decode(
            (String, Int64, String, String, String, String?, String, String?).self)
        {
            guard let scope = TokenScope(rawValue: scope) else { return nil }
            let token = APIToken(
                id: id, name: name, scope: scope, schoolCode: school, createdAt: created, revokedAt: revoked)
            return WebSession(token: token, csrf: csrf, expiresAtMs: ends)
        }
        return nil
    }

    public func removeSession(sha256: String) async throws {
        try await client.query("DELETE FROM web_sessions WHERE sha256 = \(sha256)", logger: logger)
    }
}
