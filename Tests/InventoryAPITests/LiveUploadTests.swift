import Foundation
import InventoryModel
import InventoryStores
import ProbeAgent
import TestSupport
import Testing

/// A real `schoolnet serve` process on loopback, over a database of its own (a SQLite file, or a
/// PostgreSQL address that several services may share).
final class ServiceProcess {
    let database: String
    private(set) var port: Int
    private var process: Process?

    /// Starts a service over a new database seeded with the sample city; `port` 0 picks one.
    /// PEM files the service serves TLS with, when it does.
    let tls: (certificate: String, key: String)?

    init(database: String = Programs.temporaryPath(".sqlite"), port: Int = 0, tls: (String, String)? = nil) throws {
        self.database = database
        self.port = port
        self.tls = tls
        try start()
    }

    /// Starts (or restarts) the service on the same database and port, and waits until it listens.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Programs.executable("schoolnet"))
        process.arguments =
            [
                "serve", "--db", database, "--port", String(port), "--seed", Programs.path("Inventory/sample-city"),
                "--log-level", "error",
            ] + (tls.map { ["--tls-certificate", $0.certificate, "--tls-key", $0.key] } ?? [])
        let out = Pipe()
        process.standardOutput = out
        if !FileManager.default.fileExists(atPath: log) {
            _ = FileManager.default.createFile(atPath: log, contents: nil)
        }
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try errors.seekToEnd()
        process.standardError = errors
        try process.run()
        self.process = process
        var text = ""
        while !text.contains("\n") {
            let data = out.fileHandleForReading.availableData
            guard !data.isEmpty else { throw ServiceFailed(reason: "the service exited before it listened") }
            text += String(decoding: data, as: UTF8.self)
        }
        // "schoolnet serve: listening on http://127.0.0.1:PORT (database ...)"
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
            let found = Int(text[range].split(separator: ":")[1])
        else { throw ServiceFailed(reason: "unexpected first line: \(text)") }
        port = found
    }

    /// Kills the service at once (SIGKILL): no graceful shutdown, no last write.
    func kill() {
        guard let process else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    var url: String { (tls == nil ? "http" : "https") + "://127.0.0.1:\(port)" }

    /// The service's standard error (its log, and a crash's backtrace), across restarts.
    let log = Programs.temporaryPath(".log")

    /// The end of the log, for a failed expectation.
    /// The end of the service's log, or, when it crashed, the crash report's start (the reason
    /// and the first frames).
    var logTail: String {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        if let crash = text.range(of: "Fatal error") ?? text.range(of: "Crash") {
            let start = text.index(crash.lowerBound, offsetBy: -1500, limitedBy: text.startIndex) ?? text.startIndex
            return String(text[start...].prefix(4000))
        }
        return String(text.suffix(3000))
    }

    /// A token made with the command line, as an administrator would.
    func token(_ arguments: [String]) throws -> String {
        let result = try Programs.run(
            Programs.executable("schoolnet"), ["tokens", "create", "--db", database] + arguments)
        guard result.status == 0 else { throw ServiceFailed(reason: result.stderr) }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The service's database, opened once for the test's checks.
    private var store: (any InventoryStore)?

    /// Measurements of a probe the service's database holds.
    func stored(probe: String) async throws -> Int {
        if store == nil { store = try await StoreAddress(database).open(connections: 2) }
        guard let store else { throw ServiceFailed(reason: "cannot open \(database)") }
        var query = RecordQuery()
        query.equal = [("probe_id", .text(probe))]
        query.limit = 1
        return try await store.records(.measurements, query).total
    }

    deinit { kill() }
}

struct ServiceFailed: Error { var reason: String }

/// A probe's outbox and configuration pointing at a service.
struct ProbeSide {
    let outbox: Outbox
    let config: String
    let probe: String
    let school: String

    /// - Parameter batch: results a request; the kill tests send small batches so that an upload
    ///   lasts long enough (thousands of requests) to be killed in its middle.
    init(
        service: ServiceProcess, port: Int? = nil, count: Int, caFile: String? = nil, batch: Int = 500,
        school: String = "DL-CH-0001", probe: String = "live-probe"
    ) throws {
        self.school = school
        self.probe = probe
        let outboxPath = Programs.temporaryPath(".outbox")
        outbox = try Outbox(path: outboxPath)
        let tokenFile = Programs.temporaryPath(".token")
        try Data(try service.token(["--scope", "probe", "--school", school]).utf8).write(
            to: URL(fileURLWithPath: tokenFile))
        config = Programs.temporaryPath(".yaml")
        let yaml = """
            school_code: \(school)
            probe_id: \(probe)
            local_prefixes: [10.12.0.0/16]
            outbox: \(outboxPath)
            service:
              url: \(service.tls == nil ? "http" : "https")://\(caFile == nil ? "127.0.0.1" : "localhost"):\(port ?? service.port)
              token_file: \(tokenFile)
              batch_size: \(batch)
              max_backoff_s: 1
            """ + (caFile.map { "\n  ca_file: \($0)\n" } ?? "\n")
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: config))
        try add(count, from: 0)
    }

    /// Adds results numbered from `first`, as the agent would store them.
    func add(_ count: Int, from first: Int) throws {
        let start = Int64(1_763_600_000_000)
        let results = (first..<first + count).map { n in
            ProbeMeasurement(
                id: "\(probe)-\(n)", schoolCode: school, probeID: probe, kind: .utilisationDown,
                startedAt: Timestamp(millisecondsSinceEpoch: start + Int64(n) * 300_000, utcOffsetMinutes: 480),
                durationSeconds: 300, mbps: Double(n % 1000) / 10)
        }
        try outbox.append(results)
    }

    func upload() throws -> Process {
        // A bound, so a broken upload fails the test instead of hanging it.
        try Programs.start(Programs.executable("schoolnet-probe"), ["upload", "--config", config, "--max-wait", "120"])
    }
}

/// Waits for a condition, checking every 20 ms, up to a limit.
func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return false
}

/// Runs a process to its end, draining its output so it never blocks on a full pipe.
func finish(_ process: Process) -> (Int32, String) {
    let err = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
    _ = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: err, as: UTF8.self))
}

@Suite(.serialized) struct LiveUploadTests {
    /// A real probe process uploads to a real service process; the outbox ends empty.
    @Test func probeUploadsToService() async throws {
        let service = try ServiceProcess()
        let probe = try ProbeSide(service: service, count: 2_000)
        let (status, log) = finish(try probe.upload())
        #expect(status == 0, "\(log)")
        #expect(try probe.outbox.count() == 0)
        #expect(try await service.stored(probe: probe.probe) == 2_000)
        // A second run has nothing to send and changes nothing.
        #expect(finish(try probe.upload()).0 == 0)
        #expect(try await service.stored(probe: probe.probe) == 2_000)
    }

    /// The service killed with SIGKILL in the middle of 100,000 uploads, then restarted: the
    /// database holds exactly the 100,000 results, once each.
    @Test func serviceKilledMidUpload() async throws {
        let service = try ServiceProcess()
        let probe = try ProbeSide(service: service, count: 100_000, batch: 100)
        let upload = try probe.upload()
        #expect(try await eventually(60) { try await service.stored(probe: probe.probe) >= 2_000 })
        service.kill()
        let heldAtKill = try await service.stored(probe: probe.probe)
        #expect(heldAtKill < 100_000, "the kill came too late to test anything")
        try await Task.sleep(for: .seconds(2))
        try service.start()
        let (status, log) = finish(upload)
        // The probe need not see the service down: killed between two requests, the next one
        // waits in the HTTP client, which tries a refused connection again until the request's
        // timeout, and the restarted service answers it. (On a busy CI machine it did.)
        #expect(status == 0, "\(log)")
        #expect(try probe.outbox.count() == 0)
        #expect(try await service.stored(probe: probe.probe) == 100_000)
    }

    /// The probe killed with SIGKILL mid-upload and started again: nothing lost, nothing twice.
    @Test func probeKilledMidUpload() async throws {
        let service = try ServiceProcess()
        let probe = try ProbeSide(service: service, count: 100_000, batch: 100)
        let upload = try probe.upload()
        #expect(try await eventually(60) { try await service.stored(probe: probe.probe) >= 2_000 })
        kill(upload.processIdentifier, SIGKILL)
        _ = finish(upload)
        let stored = try await service.stored(probe: probe.probe)
        let waiting = try probe.outbox.count()
        #expect(stored < 100_000, "the kill came too late to test anything")
        // Everything is on one side or the other (a batch may be on both: sent, not yet deleted).
        #expect(stored + waiting >= 100_000)
        let (status, log) = finish(try probe.upload())
        #expect(status == 0, "\(log)")
        #expect(try probe.outbox.count() == 0)
        #expect(try await service.stored(probe: probe.probe) == 100_000)
    }

    /// The service unreachable for a while: the outbox grows, then drains once it is back.
    @Test func networkCut() async throws {
        let service = try ServiceProcess()
        let port = service.port
        service.kill()
        let probe = try ProbeSide(service: service, port: port, count: 1_000)
        let upload = try probe.upload()
        try await Task.sleep(for: .seconds(3))
        try probe.add(1_000, from: 1_000)
        #expect(try probe.outbox.count() == 2_000)
        #expect(upload.isRunning)
        try service.start()
        #expect(service.port == port)
        let (status, log) = finish(upload)
        #expect(status == 0, "\(log)")
        #expect(log.contains("trying again"))
        #expect(try probe.outbox.count() == 0)
        #expect(try await service.stored(probe: probe.probe) == 2_000)
    }

    /// TLS: the service serves HTTPS with a certificate of its own CA, and the probe, trusting
    /// that CA (service.ca_file), uploads over it.
    @Test func uploadOverTLS() async throws {
        let folder = Programs.temporaryPath()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (key, certificate) = (folder + "/key.pem", folder + "/cert.pem")
        let made = try Programs.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost", "-keyout", key, "-out", certificate,
            ])
        try #require(made.status == 0, "\(made.stderr)")
        let service = try ServiceProcess(tls: (certificate, key))
        let probe = try ProbeSide(service: service, count: 1_000, caFile: certificate)
        let (status, log) = finish(try probe.upload())
        #expect(status == 0, "\(log)")
        #expect(try await service.stored(probe: probe.probe) == 1_000)
    }

    /// schemathesis (PyPI) against the running service with an admin token: no server error, no
    /// response that breaks the OpenAPI document.
    ///
    /// With a fixed seed, so that a run is the same on every machine. A random seed once found a
    /// school whose district read back as null (a district beginning with NUL, now refused:
    /// `HostileClientTests.nulInTextFields`).
    @Test func schemathesisFindsNothing() async throws {
        let service = try ServiceProcess()
        let admin = try service.token(["--scope", "admin"])
        let result = try Programs.run(
            "/usr/bin/env",
            [
                "st", "run", service.url + "/openapi.json", "-H", "Authorization: Bearer \(admin)", "--checks",
                "not_a_server_error,response_schema_conformance", "--max-examples", "25", "--seed", "1",
            ])
        if result.status == 127 {
            Issue.record("schemathesis is not installed (Scripts/install-deps.sh installs it)")
            return
        }
        #expect(result.status == 0, "\(result.stdout.suffix(6000))\nservice log:\n\(service.logTail)")
        #expect(result.stdout.contains("passed"))
    }
}
