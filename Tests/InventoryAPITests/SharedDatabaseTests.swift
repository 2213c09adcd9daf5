import Foundation
import TestSupport
import Testing

/// Several `schoolnet serve` processes on one PostgreSQL database, as a province runs them
/// behind a load balancer.
@Suite(.serialized) struct SharedDatabaseTests {
    /// Two services on one database; a probe uploads 5,000 results to each at once, and a third probe's
    /// results go to both (the same results twice, side by side); one service is killed with
    /// SIGKILL mid-upload and started again. Every result is stored exactly once, and a report
    /// from either service reflects what was uploaded through the other.
    @Test func twoServicesOneDatabase() async throws {
        let database = try await TestPostgres.database()
        let first = try ServiceProcess(database: database)
        let second = try ServiceProcess(database: database)
        let planner = try first.token(["--scope", "planner"])
        let count = 5_000
        // Many small batches to the service that is killed (1,000 requests), so that its upload
        // is still going when the kill comes (after 20 of them, watched from a thread of its own),
        // however busy the machine is.
        let killed = 10_000
        let toFirst = try ProbeSide(service: first, count: killed, batch: 10, school: "DL-CH-0001", probe: "probe-a")
        let toSecond = try ProbeSide(service: second, count: count, batch: 100, school: "DL-CH-0002", probe: "probe-b")
        // One probe's results sent through both services at once: every (school, id) twice.
        let twiceA = try ProbeSide(service: first, count: count, batch: 100, school: "DL-CH-0005", probe: "probe-c")
        let twiceB = try ProbeSide(service: second, count: count, batch: 100, school: "DL-CH-0005", probe: "probe-c")
        #expect(try await first.stored(probe: "probe-a") == 0)

        // The report the first service has cached before anything is uploaded.
        let reportPath = "/v1/schools/DL-CH-0004/report?as_of=2026-11-24"
        let before = try LiveAttackTests.request(first, "GET", reportPath, token: planner)
        #expect(before.status == 200 && before.body.contains("\"measured_mbps\": null"), "\(before.body)")

        let uploads = try [toFirst, toSecond, twiceA, twiceB].map { try $0.upload() }
        let heldAtKill = await restart(first, whenStored: 200, of: "probe-a", in: database)
        #expect(
            heldAtKill.map { $0 < killed } == true,
            "the kill came too late to test anything: \(String(describing: heldAtKill))")
        for (upload, side) in zip(uploads, [toFirst, toSecond, twiceA, twiceB]) {
            let (status, log) = finish(upload)
            #expect(status == 0, "\(log)")
            #expect(try side.outbox.count() == 0)
        }
        #expect(try await first.stored(probe: "probe-a") == killed)
        #expect(try await second.stored(probe: "probe-b") == count)
        #expect(try await first.stored(probe: "probe-c") == count)

        // Three tests of a school without results, sent through the second service only.
        let probe = try second.token(["--scope", "probe", "--school", "DL-CH-0004"])
        let tests = (1...3).map { n in
            """
            {"id": "t\(n)", "school_code": "DL-CH-0004", "probe_id": "p4", "kind": "throughput_down", \
            "started_at": "2026-11-2\(n)T10:00:00+08:00", "duration_s": 10, "mbps": \(40 + n), "valid": true}
            """
        }
        let posted = try LiveAttackTests.request(
            second, "POST", "/v1/measurements", token: probe,
            body: "{\"measurements\": [\(tests.joined(separator: ","))]}")
        #expect(posted.status == 200, "\(posted.body)")
        let fromFirst = try LiveAttackTests.request(first, "GET", reportPath, token: planner)
        let fromSecond = try LiveAttackTests.request(second, "GET", reportPath, token: planner)
        #expect(fromFirst.status == 200 && fromFirst.body.contains("\"measured_mbps\": 42"), "\(fromFirst.body)")
        #expect(fromFirst.body == fromSecond.body)
        let city = try LiveAttackTests.request(first, "GET", "/v1/report?as_of=2026-11-24", token: planner)
        let citySecond = try LiveAttackTests.request(second, "GET", "/v1/report?as_of=2026-11-24", token: planner)
        #expect(city.status == 200 && city.body == citySecond.body)
    }

    /// Kills `service` once the database holds `threshold` results of the probe, and starts it
    /// again a second later, watching from a thread of its own with psql: on a loaded machine
    /// the threads the tests share can be busy for minutes (a blocking wait in another suite),
    /// and a kill or a restart that waited for them came after the upload had ended or given up.
    /// Returns the results stored just after the kill; nil when the threshold was never reached.
    func restart(_ service: ServiceProcess, whenStored threshold: Int, of probe: String, in database: String) async
        -> Int?
    {
        nonisolated(unsafe) let service = service
        let output = Programs.temporaryPath(".count")
        @Sendable func stored() -> Int? {
            let query = "SELECT count(*) FROM measurements WHERE probe_id = '\(probe)'"
            guard spawnAndWait("/usr/bin/psql", [database, "-tAc", query], output: output) == 0,
                let text = try? String(contentsOfFile: output, encoding: .utf8)
            else { return nil }
            return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return await withCheckedContinuation { continuation in
            Thread {
                let end = Date().addingTimeInterval(120)
                while Date() < end {
                    if let count = stored(), count >= threshold {
                        service.kill()
                        let held = stored()
                        Thread.sleep(forTimeInterval: 1)
                        try? service.start()
                        continuation.resume(returning: held)
                        return
                    }
                    Thread.sleep(forTimeInterval: 0.02)
                }
                continuation.resume(returning: nil)
            }.start()
        }
    }
}
