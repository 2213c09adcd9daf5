import Foundation
import InventoryModel
import ProbeAgent
import Testing

@Suite("The probe's outbox")
struct OutboxTests {
    static func measurement(_ id: String, mbps: Double = 95.5) -> ProbeMeasurement {
        ProbeMeasurement(
            id: id, schoolCode: "DL-ZS-0001", probeID: "p1", kind: .throughputDown,
            startedAt: Timestamp(iso: "2026-11-24T09:15:00+08:00")!, durationSeconds: 10, mbps: mbps, rttMs: 4.2)
    }

    /// Results written twice are kept once; they read back as written, across a reopen; removing
    /// confirmed ones leaves the rest.
    @Test func appendReadRemove() throws {
        let path = ProbeProcess.temporaryPath(".sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outbox = try Outbox(path: path)
        #expect(try outbox.append([Self.measurement("a"), Self.measurement("b")]) == 2)
        #expect(try outbox.append([Self.measurement("b", mbps: 1), Self.measurement("c")]) == 1)
        let reopened = try Outbox(path: path)
        let rows = try reopened.all()
        #expect(rows.map(\.id) == ["a", "b", "c"] && rows[1] == Self.measurement("b"))
        #expect(rows[0].startedAt.description == "2026-11-24T09:15:00+08:00")
        try reopened.remove(ids: ["a", "c"])
        #expect(try reopened.all().map(\.id) == ["b"])
    }

    /// `test` stores its result in the outbox before printing it; `export` writes the outbox as
    /// measurements.csv; a probe killed with SIGKILL in the middle of a test leaves the outbox
    /// whole and readable.
    @Test func testExportAndKill() throws {
        let outbox = ProbeProcess.temporaryPath(".sqlite")
        let csv = ProbeProcess.temporaryPath(".csv")
        defer {
            for path in [outbox, outbox + "-wal", outbox + "-shm", csv] {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
        let port = Int.random(in: 20_000...40_000)
        let reflector = try ProbeProcess.start(ProbeProcess.probe, ["reflector", "--port", String(port)])
        defer { kill(reflector.processIdentifier, SIGKILL) }  // SIGTERM is blocked in the runner's children
        Thread.sleep(forTimeInterval: 0.5)
        let arguments = ["test", "--server", "127.0.0.1:\(port)", "--outbox", outbox, "--school", "DL-ZS-0001"]
        let done = try ProbeProcess.run(ProbeProcess.probe, arguments + ["--seconds", "1", "--reverse"])
        #expect(done.status == 0, "\(done.stderr)")
        let killed = try ProbeProcess.start(ProbeProcess.probe, arguments + ["--seconds", "5"])
        Thread.sleep(forTimeInterval: 2)
        kill(killed.processIdentifier, SIGKILL)
        killed.waitUntilExit()
        #expect(killed.terminationReason == .uncaughtSignal)
        let export = try ProbeProcess.run(ProbeProcess.probe, ["export", csv, "--outbox", outbox])
        // The finished test: its throughput row, and the idle latency measured before it.
        #expect(export.status == 0 && export.stderr == "wrote 2 results to \(csv)\n", "\(export.stderr)")
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3 && lines.contains { $0.contains(",DL-ZS-0001,probe,throughput_down,") })
        #expect(lines.contains { $0.contains(",DL-ZS-0001,probe,rtt,") })
        let missing = try ProbeProcess.run(ProbeProcess.probe, ["export", csv, "--outbox", "/nonexistent.sqlite"])
        #expect(missing.status == 2 && missing.stderr.contains("/nonexistent.sqlite: no such outbox"))
    }
}
