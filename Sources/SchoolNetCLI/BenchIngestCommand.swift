import ArgumentParser
import AsyncHTTPClient
import Foundation
import GRDB
import InventoryFormat
import InventoryModel
import InventoryStoreSQLite
import NIOCore

/// `schoolnet bench-ingest`: the service's ingest rate against a raw GRDB insert of the same rows
/// (Benchmarks/ingest.sh runs it against a service it starts).
struct BenchIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-ingest",
        abstract: "Benchmark: POST measurement batches to a running service; beside it, GRDB inserts of the same rows.",
        shouldDisplay: false)

    @Option(help: "A service's base URL; give it again for several instances (clients take them in turn).")
    var url: [String]
    @Option(help: "An admin or probe token.") var token: String
    @Option(help: "Schools the results are spread over (one a client); the sample city's by default.")
    var schools: [String] = ["DL-CH-0001", "DL-CH-0002", "DL-CH-0003", "DL-CH-0004"]
    @Option(help: "Results in all.") var rows = 100_000
    @Option(help: "Results a request.") var batch = 500
    @Option(help: "Concurrent clients (each a connection, one request at a time).") var clients = 4
    @Option(help: "The seed folder for the raw insert's scratch database.") var seed = "Inventory/sample-city"
    @Flag(help: "Skip the raw GRDB insert (for a service on PostgreSQL, where it is no peer).") var serviceOnly = false

    func run() async throws {
        let run = String(UUID().uuidString.prefix(8))
        let perClient = rows / clients
        let batches: [[[ProbeMeasurement]]] = (0..<clients).map { client in
            let school = schools[client % schools.count]
            let results = (0..<perClient).map { (n: Int) -> ProbeMeasurement in
                let kind: MeasurementKind = n % 2 == 0 ? .utilisationDown : .utilisationUp
                let start = Timestamp(
                    millisecondsSinceEpoch: 1_763_600_000_000 + Int64(n / 2) * 300_000, utcOffsetMinutes: 480)
                return ProbeMeasurement(
                    id: "bench-\(run)-\(client)-\(n)", schoolCode: school, probeID: "bench-\(client)",
                    kind: kind, startedAt: start, durationSeconds: 300, mbps: Double(n % 997) / 10, valid: true)
            }
            return stride(from: 0, to: results.count, by: batch).map {
                Array(results[$0..<min($0 + batch, results.count)])
            }
        }
        let total = perClient * clients

        let raw = serviceOnly ? nil : try await rawInsert(batches, run: run)

        // The service: each client posts its batches one after the other over its connection.
        let bodies = batches.map { $0.map { ByteBuffer(bytes: MeasurementsFile.jsonBatch($0)) } }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let targets = url.map { $0.hasSuffix("/") ? $0 + "v1/measurements" : $0 + "/v1/measurements" }
        let start = ContinuousClock.now
        let inserted = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, share) in bodies.enumerated() {
                let target = targets[index % targets.count]
                group.addTask {
                    var inserted = 0
                    for body in share {
                        var request = HTTPClientRequest(url: target)
                        request.method = .POST
                        request.headers.add(name: "Authorization", value: "Bearer \(token)")
                        request.headers.add(name: "Content-Type", value: "application/json")
                        request.body = .bytes(body)
                        let response = try await client.execute(request, timeout: .seconds(60))
                        let reply = try await response.body.collect(upTo: 1 << 20)
                        guard response.status == .ok,
                            case .number(let n)? = try? JSONValue.parse(reply.readableBytesView)["inserted"]
                        else {
                            throw ValidationError(
                                "the service answered \(response.status.code): \(String(buffer: reply))")
                        }
                        inserted += Int(n)
                    }
                    return inserted
                }
            }
            return try await group.reduce(0, +)
        }
        let served = (ContinuousClock.now - start).seconds
        try await client.shutdown()
        print("rows                  \(total) in batches of \(batch), \(clients) clients, \(url.count) instance(s)")
        if let raw { print(String(format: "raw GRDB insert       %8.2f s  %9.0f rows/s", raw, Double(total) / raw)) }
        print(
            String(
                format: "service ingest (HTTP) %8.2f s  %9.0f rows/s  (%d stored)", served, Double(total) / served,
                inserted))
        if let raw {
            print(String(format: "service / raw         %8.2f    (goals: >= 20000 rows/s, >= 0.33)", raw / served))
        }
    }

    /// Raw GRDB: the same rows into the same schema (a scratch copy of the city), one
    /// transaction a batch, through one prepared statement. Returns the seconds it took.
    private func rawInsert(_ batches: [[[ProbeMeasurement]]], run: String) async throws -> Double {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bench-ingest-\(run).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
        }
        let store = try SQLiteInventoryStore(path: scratch)
        var city = try readFolder(seed)
        city.measurements = []
        try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let pool = try DatabasePool(path: scratch, configuration: configuration)
        let rawStart = ContinuousClock.now
        for client in batches {
            for rows in client {
                try await pool.write { db in
                    let insert = try db.makeStatement(
                        sql: "INSERT OR IGNORE INTO measurements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    for m in rows {
                        try insert.execute(arguments: [
                            m.id, m.schoolCode, m.probeID, m.kind.rawValue, m.startedAt.millisecondsSinceEpoch,
                            Int(m.startedAt.utcOffsetMinutes), m.durationSeconds, m.mbps, m.crossTrafficMbps, m.rttMs,
                            m.lossPct, m.valid,
                        ])
                    }
                }
            }
        }
        return (ContinuousClock.now - rawStart).seconds
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
