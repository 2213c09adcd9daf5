import Foundation

/// Where a PostgreSQL database is: `postgres://USER@HOST:PORT/DB`, its password from the
/// environment (`PGPASSWORD`) or a file (`SCHOOLNET_DB_PASSWORD_FILE`), never from the command
/// line, where every user of the machine can read it in the process list.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var password: String?
    /// Whether the connection must be TLS (`?sslmode=require`), the server's certificate checked
    /// against the system's authorities; else it is plain TCP (`sslmode=disable`, the default),
    /// for a database on the same host or a private network.
    public var requiresTLS = false

    /// Whether a `--db` value names a PostgreSQL database rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Reads a URL and finds its password.
    ///
    /// - Throws: ``PostgresLocationError`` naming what is wrong, in words a reader can act on.
    public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Self.isURL(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw PostgresLocationError("\"\(text)\" is not a database address; expected postgres://USER@HOST:PORT/DB")
        }
        guard url.password == nil else {
            throw PostgresLocationError(
                "the address holds a password; give it in PGPASSWORD or in a file named by SCHOOLNET_DB_PASSWORD_FILE, "
                    + "not on the command line")
        }
        guard let user = url.user, !user.isEmpty else {
            throw PostgresLocationError("\"\(text)\" names no user; expected postgres://USER@HOST:PORT/DB")
        }
        let database = String(url.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresLocationError("\"\(text)\" names no database; expected postgres://USER@HOST:PORT/DB")
        }
        for item in url.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", "require"): requiresTLS = true
            case ("sslmode", "disable"): requiresTLS = false
            default:
                throw PostgresLocationError(
                    "\"\(item.name)=\(item.value ?? "")\" in \(text) is not understood; expected sslmode=require or "
                        + "sslmode=disable")
            }
        }
        self.user = user
        self.host = host
        port = url.port ?? 5432
        self.database = database
        if let file = environment["SCHOOLNET_DB_PASSWORD_FILE"] {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw PostgresLocationError("SCHOOLNET_DB_PASSWORD_FILE names \(file), which cannot be read")
            }
            password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } else {
            password = environment["PGPASSWORD"]
        }
    }

    /// The address without the password, for logs and messages.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (requiresTLS ? "?sslmode=require" : "")
    }
}

/// A database address that cannot be used.
public struct PostgresLocationError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
