import Foundation
import ProbeAgent
import TestSupport
import Testing

/// The service in the lab's metro namespace, as a probe at a school meets it: `schoolnet serve`
/// on 10.201.0.2 over a database of its own, seeded with the sample city.
final class LabService {
    let database = ProbeProcess.temporaryPath(".sqlite")
    let port = 8090
    private let process: Process

    var url: String { "http://10.201.0.2:\(port)" }

    init() throws {
        let schoolnet = Programs.executable("schoolnet")
        process = try ProbeProcess.start(
            "/bin/bash",
            [
                ProbeProcess.lab, "exec", "metro", schoolnet, "serve", "--db", database, "--host", "10.201.0.2",
                "--port", String(port), "--seed", Programs.path("Inventory/sample-city"), "--log-level", "error",
            ])
        // The first line says it listens.
        let out = (process.standardOutput as! Pipe).fileHandleForReading
        var text = ""
        while !text.contains("\n") {
            let data = out.availableData
            guard !data.isEmpty else { throw ServiceNotStarted() }
            text += String(decoding: data, as: UTF8.self)
        }
    }

    struct ServiceNotStarted: Error {}

    /// A new token (`schoolnet tokens create`), as the city's administrator makes it.
    func token(scope: String, school: String?) throws -> (id: String, secret: String) {
        let result = try ProbeProcess.run(
            Programs.executable("schoolnet"),
            ["tokens", "create", "--db", database, "--scope", scope, "--name", "lab-\(scope)"]
                + (school.map { ["--school", $0] } ?? []))
        let secret = try #require(
            result.stdout.split(separator: "\n").first { $0.hasPrefix("snt_") }.map(String.init), "\(result)")
        return (String(secret.split(separator: "_")[1]), secret)
    }

    func revoke(_ id: String) throws {
        let result = try ProbeProcess.run(Programs.executable("schoolnet"), ["tokens", "revoke", "--db", database, id])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// Results the service holds from a probe: its tests' (throughput and latency), or its
    /// 5-minute samples.
    func stored(probe: String, samples: Bool = false) throws -> Int {
        let kinds = samples ? "kind LIKE 'utilisation%'" : "kind NOT LIKE 'utilisation%'"
        let result = try ProbeProcess.run(
            "/usr/bin/sqlite3",
            [database, "SELECT COUNT(*) FROM measurements WHERE probe_id = '\(probe)' AND \(kinds)"])
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    deinit {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    }
}

/// A school's agent.yaml in the lab: the school's veth, its address, the reflector and the
/// service in the metro namespace.
struct LabAgentFolder {
    let path = ProbeProcess.temporaryPath("-agent")
    var config: String { path + "/agent.yaml" }
    var token: String { path + "/probe.token" }
    var outbox: String { path + "/state/outbox.sqlite" }

    init() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes agent.yaml; `changes` replace whole lines of the good configuration by their key.
    func write(service: String, _ changes: [String: String] = [:]) throws {
        var lines = [
            "school_code: DL-ZS-0001", "probe_id: lab-agent", "interface: veth-school",
            "local_prefixes: [10.201.0.1/32]", "outbox: \(outbox)", "time_zone: Asia/Shanghai", "tests:",
            "  server: 10.201.0.2:5201", "  per_day: 0", "  seconds: 1", "service:", "  url: \(service)",
            "  token_file: \(token)",
            "  interval_s: 1", "  max_backoff_s: 1",
        ]
        for (key, line) in changes {
            if let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }) {
                lines[index] = line
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: config, atomically: true, encoding: .utf8)
    }

    func writeToken(_ secret: String) throws {
        try (secret + "\n").write(toFile: token, atomically: true, encoding: .utf8)
        chmod(token, 0o600)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

extension LabTests {
    /// The doctor at a school, service and reflector in the metro: all well, every step passes;
    /// then, one fault at a time, it fails exactly the step at fault and names it: a wrong
    /// interface, a wrong token, a service that does not answer, a time zone not the city's.
    @Test func doctorNamesEachFault() throws {
        defer { _ = try? ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "down"]) }
        try #require(try ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "up", "--rate", "100mbit"]).status == 0)
        let service = try LabService()
        let reflector = try inLab("metro", [ProbeProcess.probe, "reflector", "--port", "5201"])
        defer { kill(reflector.processIdentifier, SIGTERM) }
        let folder = try LabAgentFolder()
        defer { folder.remove() }
        try folder.writeToken(try service.token(scope: "probe", school: "DL-ZS-0001").secret)

        // Traffic from the school for the doctor to see, all along.
        let ping = try inLab("school", ["ping", "-i", "0.2", "10.201.0.2"])
        defer { kill(ping.processIdentifier, SIGTERM) }
        func doctor() throws -> Programs.Result {
            try ProbeProcess.run(
                "/bin/bash",
                [
                    ProbeProcess.lab, "exec", "school", ProbeProcess.probe, "doctor", "--config", folder.config,
                    "--lang",
                    "en", "--seconds", "1.5",
                ])
        }

        func testNow() throws -> Programs.Result {
            try ProbeProcess.run(
                "/bin/bash",
                [
                    ProbeProcess.lab, "exec", "school", ProbeProcess.probe, "run", "--config", folder.config,
                    "--test-now",
                ])
        }

        try folder.write(service: service.url)
        let healthy = try doctor()
        #expect(healthy.status == 0, "\(healthy.stdout)")
        #expect(healthy.stdout.split(separator: "\n").filter { $0.hasPrefix("✔") }.count == 10, "\(healthy.stdout)")
        let tested = try testNow()
        #expect(tested.status == 0 && tested.stderr.contains("upload: sent"), "\(tested.stderr)")

        // Valid tokens, but of another school, and of another scope.
        let otherSchool = try service.token(scope: "probe", school: "DL-ZS-0002").secret
        let planner = try service.token(scope: "planner", school: nil).secret
        let faults: [(change: [String: String], token: String?, step: String, finding: String)] = [
            (["interface": "interface: eth7"], nil, "interface", "no interface \"eth7\""),
            ([:], "snt_000000000000_00", "probe token", "the service refused the token (HTTP 401"),
            ([:], otherSchool, "probe token", "this token is school DL-ZS-0002's, but agent.yaml says DL-ZS-0001"),
            ([:], planner, "probe token", "this is a token of scope planner, not a probe token"),
            (["url": "  url: http://10.201.0.2:8091"], nil, "service reachable", "cannot reach http://10.201.0.2:8091"),
            (["time_zone": "time_zone: Europe/London"], nil, "time zone", "the city's is Asia/Shanghai"),
        ]
        let good = try String(contentsOfFile: folder.token, encoding: .utf8)
        for fault in faults {
            try folder.write(service: service.url, fault.change)
            try folder.writeToken(fault.token ?? good.trimmingCharacters(in: .newlines))
            let result = try doctor()
            let failed = result.stdout.split(separator: "\n").filter { $0.hasPrefix("✘") }
            #expect(result.status == 1, "\(fault.step)")
            #expect(failed.count == 1 && failed[0].hasPrefix("✘ \(fault.step): "), "\(fault.step):\n\(result.stdout)")
            #expect(failed.first?.contains(fault.finding) == true, "\(fault.step):\n\(result.stdout)")
            #expect(result.stdout.contains("\n    fix: "), "a fix is named:\n\(result.stdout)")
            if fault.step == "probe token" {
                let refused = try testNow()
                #expect(refused.status == 1 && refused.stderr.contains("refused the token"), "\(refused.stderr)")
            }
        }
    }

    /// The agent for good: a revoked token stops the uploads (logged, in `status`), and the
    /// results wait in the outbox; a new token in the file resumes them without a restart, and
    /// the service holds every result once. SIGTERM mid-sample then stores the partial sample and
    /// sends it in the last upload: nothing the agent measured is lost.
    @Test func revokedTokenThenSignal() throws {
        defer { _ = try? ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "down"]) }
        try #require(try ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "up", "--rate", "50mbit"]).status == 0)
        let service = try LabService()
        let reflector = try inLab("metro", [ProbeProcess.probe, "reflector", "--port", "5201"])
        defer { kill(reflector.processIdentifier, SIGTERM) }
        let folder = try LabAgentFolder()
        defer { folder.remove() }
        let first = try service.token(scope: "probe", school: "DL-ZS-0001")
        try folder.writeToken(first.secret)
        try folder.write(service: service.url)
        let ping = try inLab("school", ["ping", "-i", "0.2", "10.201.0.2"])
        defer { kill(ping.processIdentifier, SIGTERM) }

        let agent = try inLab("school", [ProbeProcess.probe, "run", "--config", folder.config])
        let log = AgentLog(agent)
        #expect(log.waitFor("started for school DL-ZS-0001"), "\(log.text)")
        try service.revoke(first.id)
        // Two tests' results (throughput and latency each) while the token is refused.
        for _ in 0..<2 {
            let test = try ProbeProcess.run(
                "/bin/bash",
                [
                    ProbeProcess.lab, "exec", "school", ProbeProcess.probe, "test", "--server", "10.201.0.2",
                    "--seconds", "1", "--config", folder.config,
                ])
            #expect(test.status == 0, "\(test.stderr)")
        }
        #expect(log.waitFor("upload stopped: the service refused the token: HTTP 401"), "\(log.text)")
        Thread.sleep(forTimeInterval: 2)
        let outbox = try Outbox(path: folder.outbox)
        // (A 5-minute slot may close meanwhile: its sample waits too, and is counted apart.)
        #expect(try outbox.all().filter { !$0.kind.rawValue.hasPrefix("utilisation") }.count == 4, "every result waits")
        #expect(try service.stored(probe: "lab-agent") == 0)
        let status = try ProbeProcess.run(ProbeProcess.probe, ["status", "--config", folder.config, "--lang", "en"])
        #expect(status.status == 1 && status.stdout.contains("✘ last upload:"), "\(status.stdout)")
        #expect(status.stdout.contains("outbox: \(try outbox.count()) results waiting"), "\(status.stdout)")

        try folder.writeToken(try service.token(scope: "probe", school: "DL-ZS-0001").secret)
        #expect(log.waitFor("uploads resume"), "\(log.text)")
        #expect(log.waitFor("0 left in the outbox", after: "uploads resume"), "\(log.text)")
        #expect(try service.stored(probe: "lab-agent") == 4)

        // Mid-sample: the slot under way has seen the ping for a few seconds.
        kill(agent.processIdentifier, SIGTERM)
        agent.waitUntilExit()
        #expect(agent.terminationStatus == 0, "\(log.text)")
        let rows = try outbox.all()
        #expect(rows.isEmpty, "the last upload sent the partial sample: \(rows.map(\.id))")
        // The last slot's sample, down and up, whatever part of the slot the agent saw; one more
        // pair when a slot closed while it ran.
        let samples = try ProbeProcess.run(
            "/usr/bin/sqlite3",
            [
                service.database,
                "SELECT started_at_ms, duration_s FROM measurements WHERE probe_id = 'lab-agent' "
                    + "AND kind LIKE 'utilisation%' ORDER BY started_at_ms DESC",
            ])
        let lines = samples.stdout.split(separator: "\n")
        #expect([2, 4].contains(lines.count), "\(samples.stdout)")
        #expect(lines.prefix(2).allSatisfy { Double($0.split(separator: "|")[1]) ?? 0 >= 1 }, "\(samples.stdout)")
        #expect(try service.stored(probe: "lab-agent") == 4, "each test's results once")
    }
}

/// An agent's standard error, read as it comes.
final class AgentLog: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    init(_ process: Process) {
        (process.standardError as! Pipe).fileHandleForReading.readabilityHandler = { [self] handle in
            let data = handle.availableData
            lock.withLock { buffer += String(decoding: data, as: UTF8.self) }
        }
    }

    var text: String { lock.withLock { buffer } }

    /// Waits up to `seconds` for the log to hold `needle` (after the first `after`, when given).
    func waitFor(_ needle: String, after: String? = nil, seconds: Double = 30) -> Bool {
        func found() -> Bool {
            var log = Substring(text)
            if let after {
                guard let range = log.range(of: after) else { return false }
                log = log[range.upperBound...]
            }
            return log.contains(needle)
        }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if found() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return found()
    }
}
