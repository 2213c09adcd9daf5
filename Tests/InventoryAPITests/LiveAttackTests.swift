import Foundation
import InventoryFormat
import TestSupport
import Testing

/// The attacks of a hostile client with valid tokens, against a real `schoolnet serve` process
/// with tokens of each scope made on the command line, through curl.
@Suite(.serialized) struct LiveAttackTests {
    /// One request through curl: the status and the body.
    static func request(
        _ service: ServiceProcess, _ method: String, _ path: String, token: String?, body: String? = nil,
        headers: [String] = []
    ) throws -> (status: Int, body: String) {
        var arguments = ["-s", "-X", method, "-w", "\n%{http_code}", "--path-as-is", service.url + path]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        for header in headers { arguments += ["-H", header] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        let result = try Programs.run("/usr/bin/curl", arguments)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    /// Values no network has, repeated keys, a NUL in a key, another school's result id: each
    /// refused or kept apart, and the service still reports after a restart.
    @Test func hostileClientWithValidTokens() async throws {
        let service = try ServiceProcess()
        let admin = try service.token(["--scope", "admin"])
        let planner = try service.token(["--scope", "planner"])
        let probe = try service.token(["--scope", "probe", "--school", "DL-CH-0001"])
        let asset = try #require(
            try String(contentsOfFile: Programs.path("Inventory/sample-city/assets.csv"), encoding: .utf8)
                .split(separator: "\n").dropFirst().first?.split(separator: ",").first.map(String.init))

        let life = try Self.request(
            service, "PATCH", "/v1/assets/\(asset)", token: admin, body: #"{"expected_life_years": 1e19}"#)
        #expect(life.status == 422, "\(life.body)")
        let rate = try Self.request(
            service, "POST", "/v1/measurements", token: probe,
            body: batch([measurementJSON(id: "big", school: "DL-CH-0001", mbps: "1e22")]))
        #expect(rate.status == 422, "\(rate.body)")
        let twice = try Self.request(
            service, "PATCH", "/v1/schools/DL-ZS-0001", token: admin,
            body: #"{"code": "DL-ZS-0001", "code": "DL-ZS-0002", "name": "x"}"#)
        #expect(twice.status == 400, "\(twice.body)")
        let nul = try Self.request(service, "DELETE", "/v1/schools/DL-ZS-0001%00x", token: admin)
        #expect(nul.status == 400, "\(nul.body)")
        #expect(try Self.request(service, "GET", "/v1/schools/DL-ZS-0001", token: planner).status == 200)
        #expect(
            try Self.request(service, "GET", "/v1/schools/DL-ZS-0002", token: planner).body.contains("\"x\"") == false)

        // DL-CH-0001's probe posts the id DL-CH-0002's probe will use next; the real one is stored.
        let id = "DL-CH-0002-P1-next-down"
        let squatted = try Self.request(
            service, "POST", "/v1/measurements", token: probe,
            body: batch([measurementJSON(id: id, school: "DL-CH-0001")]),
            headers: ["X-Outbox-Depth: 3"])
        #expect(squatted.status == 200 && squatted.body.contains(#""inserted":1"#), "\(squatted.body)")
        let real = try Self.request(
            service, "POST", "/v1/measurements", token: admin,
            body: batch([measurementJSON(id: id, school: "DL-CH-0002")]))
        #expect(real.body.contains(#""inserted":1"#), "\(real.body)")

        // The metrics name schools and tokens to a planner, not to anyone.
        let open = try Self.request(service, "GET", "/metrics", token: nil)
        #expect(open.status == 200 && !open.body.contains("school=\""))
        #expect(try Self.request(service, "GET", "/metrics", token: planner).body.contains(#"school="DL-CH-0001""#))

        // Reports of many past days all come; the service keeps running and answers after a restart.
        for day in 1...10 {
            let report = try Self.request(
                service, "GET", "/v1/report?as_of=2025-01-\(day < 10 ? "0" : "")\(day)", token: planner)
            #expect(report.status == 200)
        }
        service.kill()
        try service.start()
        #expect(try Self.request(service, "GET", "/v1/report", token: planner).status == 200, "\(service.logTail)")
        let mode = try FileManager.default.attributesOfItem(atPath: service.database)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// A city imported with the command line into the database a running service uses is what
    /// the service reports next, and the probes' results uploaded since the export are kept.
    @Test func importWhileServing() async throws {
        let service = try ServiceProcess()
        let planner = try service.token(["--scope", "planner"])
        let probe = try service.token(["--scope", "probe", "--school", "DL-CH-0001"])
        #expect(try Self.request(service, "GET", "/v1/report", token: planner).status == 200)
        let uploaded = try Self.request(
            service, "POST", "/v1/measurements", token: probe,
            body: batch([measurementJSON(id: "since-export", school: "DL-CH-0001")]))
        #expect(uploaded.body.contains(#""inserted":1"#))
        // The sample city without its last school.
        let folder = Programs.temporaryPath()
        try FileManager.default.copyItem(atPath: Programs.path("Inventory/sample-city"), toPath: folder)
        let schoolsFile = folder + "/schools.csv"
        var lines = try String(contentsOfFile: schoolsFile, encoding: .utf8).split(separator: "\n")
        let gone = String(lines.removeLast().split(separator: ",")[0])
        try (lines.joined(separator: "\n") + "\n").write(toFile: schoolsFile, atomically: true, encoding: .utf8)
        for name in ["links.csv", "assets.csv", "measurements.csv"] {
            let path = folder + "/" + name
            let kept = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
                .filter { !$0.contains(",\(gone),") }
            try (kept.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let imported = try Programs.run(
            Programs.executable("schoolnet"), ["import", folder, "--db", service.database])
        #expect(imported.status == 0, "\(imported.stderr)")
        let health = try Self.request(service, "GET", "/healthz", token: nil)
        #expect(health.body.contains(#""schools":299"#), "\(health.body)")
        let report = try Self.request(service, "GET", "/v1/report", token: planner)
        #expect(try JSONValue.parse(Array(report.body.utf8))["schools"]?.items.count == 299)
        let kept = try Self.request(
            service, "GET", "/v1/measurements?school_code=DL-CH-0001&limit=10000", token: planner)
        #expect(kept.body.contains("since-export"))
    }
}
