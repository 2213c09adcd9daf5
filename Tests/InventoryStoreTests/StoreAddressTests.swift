import Foundation
import InventoryStorePostgres
import InventoryStores
import TestSupport
import Testing

/// `--db` values: a file, or a PostgreSQL address whose password never comes from the command line.
@Suite("Store address")
struct StoreAddressTests {
    @Test func fileOrDatabase() throws {
        #expect(try StoreAddress("schoolnet.sqlite", environment: [:]) == .sqlite(path: "schoolnet.sqlite"))
        let address = try StoreAddress("postgres://planner@db.example:6432/city", environment: ["PGPASSWORD": "s3"])
        guard case .postgres(let location) = address else {
            Issue.record("not read as PostgreSQL")
            return
        }
        #expect(location.user == "planner" && location.host == "db.example" && location.port == 6432)
        #expect(location.database == "city" && location.password == "s3" && !location.requiresTLS)
        #expect(address.description == "postgres://planner@db.example:6432/city")
        let secure = try PostgresLocation(url: "postgresql://u@h/d?sslmode=require", environment: [:])
        #expect(secure.port == 5432 && secure.requiresTLS && secure.password == nil)
    }

    /// The password file wins over PGPASSWORD, its line end dropped; a file that cannot be read
    /// is named.
    @Test func passwordFromAFile() throws {
        let file = Programs.temporaryPath(".password")
        try Data("from-file\n".utf8).write(to: URL(fileURLWithPath: file))
        let location = try PostgresLocation(
            url: "postgres://u@h/d", environment: ["PGPASSWORD": "from-env", "SCHOOLNET_DB_PASSWORD_FILE": file])
        #expect(location.password == "from-file")
        #expect {
            try PostgresLocation(url: "postgres://u@h/d", environment: ["SCHOOLNET_DB_PASSWORD_FILE": "/nonexistent"])
        } throws: { "\($0)".contains("/nonexistent") }
    }

    /// Each bad address is refused with what to write instead; a password in it is refused
    /// (anyone on the machine reads a command line) and not repeated in the message.
    @Test(arguments: [
        ("postgres://u:hunter2@h/d", "PGPASSWORD"),
        ("postgres://h/d", "names no user"),
        ("postgres://u@h", "names no database"),
        ("postgres://u@h/d/e", "names no database"),
        ("postgres://u@/d", "not a database address"),
        ("postgres://u@h/d?sslmode=verify-full", "sslmode=require"),
    ])
    func badAddresses(_ text: String, _ said: String) {
        #expect {
            try PostgresLocation(url: text, environment: [:])
        } throws: { error in
            let message = "\(error)"
            return message.contains(said) && !message.contains("hunter2")
        }
    }

    /// A server that is not there, a wrong password and a database that does not exist: the
    /// command exits with status 2 and says which.
    @Test func unusableDatabasesSayWhy() async throws {
        let server = try await TestPostgres.server()
        let schoolnet = Programs.executable("schoolnet")
        let base = "postgres://\(server.user)@\(server.host):\(server.port)"
        func check(_ url: String, password: String?) throws -> (status: Int32, stderr: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                ["-u", "PGPASSWORD", "-u", "SCHOOLNET_DB_PASSWORD_FILE"]
                + (password.map { ["PGPASSWORD=\($0)"] } ?? []) + [schoolnet, "check", "--db", url]
            let err = Pipe()
            process.standardError = err
            process.standardOutput = Pipe()
            try process.run()
            let text = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: text, as: UTF8.self))
        }
        let wrong = try check(base + "/postgres", password: "wrong")
        #expect(wrong.status == 2 && wrong.stderr.contains("password authentication failed"), "\(wrong.stderr)")
        let missing = try check(base + "/nowhere", password: server.password)
        #expect(missing.status == 2 && missing.stderr.contains("\"nowhere\" does not exist"), "\(missing.stderr)")
        let absent = try check("postgres://u@127.0.0.1:9/d", password: "x")
        #expect(absent.status == 2 && absent.stderr.contains("no database server answers"), "\(absent.stderr)")
        let empty = try check(try await TestPostgres.database(), password: server.password)
        #expect(empty.status == 2 && empty.stderr.contains("holds no city"), "\(empty.stderr)")
    }
}
