import Foundation
import Synchronization

/// A PostgreSQL server for the tests: the one `SCHOOLNET_TEST_POSTGRES` names (a URL
/// `postgres://USER@HOST:PORT/DB` whose user may create databases, its password in PGPASSWORD),
/// else one of the test process's own, started once with `Scripts/temp-postgres.sh` in a
/// temporary folder and stopped when the process ends.
public enum TestPostgres {
    public struct Server: Sendable {
        public var user: String
        public var host: String
        public var port: Int
        public var password: String?
    }

    /// Found or started once; awaited, not waited for with a lock, so that the threads the
    /// tests share stay free to notice the starting script's end.
    private static let started = Task { () throws(TestPostgresError) -> Server in try find() }
    private static let folder = Mutex<String?>(nil)

    /// The server, started on first use.
    public static func server() async throws -> Server {
        try await started.value
    }

    /// A new, empty database of its own on the server, for one test: its URL. The password the
    /// server wants is in the environment of this process (`PGPASSWORD`).
    public static func database() async throws -> String {
        let server = try await server()
        let name = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try psql(server, "postgres", "CREATE DATABASE \(name)")
        return "postgres://\(server.user)@\(server.host):\(server.port)/\(name)"
    }

    /// Runs one statement with psql.
    public static func psql(_ server: Server, _ database: String, _ statement: String) throws {
        let result = try Programs.run(
            "/usr/bin/env",
            [
                "psql", "-h", server.host, "-p", "\(server.port)", "-U", server.user, "-d", database, "-v",
                "ON_ERROR_STOP=1", "-qc", statement,
            ])
        guard result.status == 0 else { throw TestPostgresError(message: "psql: \(result.stderr)") }
    }

    private static func find() throws(TestPostgresError) -> Server {
        let environment = ProcessInfo.processInfo.environment
        if let text = environment["SCHOOLNET_TEST_POSTGRES"] {
            guard let url = URLComponents(string: text), let host = url.host, let user = url.user else {
                throw TestPostgresError(message: "SCHOOLNET_TEST_POSTGRES=\(text) is not postgres://USER@HOST:PORT/DB")
            }
            return Server(user: user, host: host, port: url.port ?? 5432, password: environment["PGPASSWORD"])
        }
        let directory = Programs.temporaryPath("-postgres")
        // A port of its own per process, so two test runs on one machine do not meet.
        let port = 20_000 + Int(getpid() % 20_000)
        let status = spawnAndWait(
            Programs.path("Scripts/temp-postgres.sh"), ["start", directory, "\(port)", "--fast"],
            output: directory + ".log")
        guard status == 0 else {
            let log = (try? String(contentsOfFile: directory + ".log", encoding: .utf8)) ?? ""
            throw TestPostgresError(message: "Scripts/temp-postgres.sh could not start PostgreSQL: \(log)")
        }
        folder.withLock { $0 = directory }
        atexit {
            guard let directory = TestPostgres.folder.withLock({ $0 }) else { return }
            _ = spawnAndWait(Programs.path("Scripts/temp-postgres.sh"), ["stop", directory], output: "/dev/null")
            try? FileManager.default.removeItem(atPath: directory)
        }
        let password = (try? String(contentsOfFile: directory + "/password", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        setenv("PGPASSWORD", password ?? "", 1)
        return Server(user: "schoolnet", host: "127.0.0.1", port: port, password: password)
    }
}

/// Runs a program with its output in a file and waits for it with waitpid. Foundation's
/// `Process` does not notice the end of a script that starts a daemon (it waits for ever), and
/// waits on the threads the tests share; this needs neither.
public func spawnAndWait(_ path: String, _ arguments: [String], output: String) -> Int32 {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid = pid_t()
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return -1 }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    return (status >> 8) & 0xFF
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
