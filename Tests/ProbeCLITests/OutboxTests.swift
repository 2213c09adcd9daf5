import Foundation
import InventoryModel
import Testing

@testable import ProbeAgent
@testable import ProbeCLI

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

@Suite("The agent's test schedule")
struct TestScheduleTests {
    /// Four tests on a school day: one in each quarter of school hours, each ending inside them;
    /// none on a Saturday.
    @Test func spreadInsideSchoolHours() {
        let schedule = TestSchedule(testsPerDay: 4, startMinute: 8 * 60, endMinute: 17 * 60, testSeconds: 10)
        var random = SystemRandomNumberGenerator()
        let midnight: Int64 = 1_795_795_200  // 2026-11-27 00:00 local (as seconds), a Friday
        let offset = 8 * 3600
        for _ in 0..<200 {
            let times = schedule.times(onDayStartingAt: midnight, weekday: 5, utcOffsetSeconds: offset, using: &random)
            #expect(times.count == 4 && times == times.sorted())
            let start = midnight - Int64(offset) + 8 * 3600
            let part = (9 * 3600 - 10) / 4
            for (index, time) in times.enumerated() {
                #expect(time >= start + Int64(index * part) && time < start + Int64((index + 1) * part))
                #expect(time + 10 <= midnight - Int64(offset) + 17 * 3600)
            }
        }
        #expect(schedule.times(onDayStartingAt: midnight, weekday: 6, utcOffsetSeconds: offset, using: &random).isEmpty)
    }

    /// The school's day, not the machine's: at 2026-12-04 17:30 UTC it is already Saturday
    /// 01:30 in Beijing, so no test is due that day; an hour earlier in London it is Friday.
    @Test func localDayInTheSchoolsZone() {
        let instant = Date(timeIntervalSince1970: 1_796_405_400)  // 2026-12-04T17:30:00Z
        let beijing = TestService.localDay(of: instant, in: TimeZone(identifier: "Asia/Shanghai")!)
        #expect(beijing.weekday == 6 && beijing.offset == 8 * 3600)
        #expect(beijing.midnight == 1_796_428_800)  // 2026-12-05 00:00 as local seconds
        let london = TestService.localDay(of: instant, in: TimeZone(identifier: "Europe/London")!)
        #expect(london.weekday == 5 && london.offset == 0)
        #expect(TestService.clock(1_796_405_400, in: TimeZone(identifier: "Asia/Shanghai")!) == "01:30")
    }

    @Test func monthlyCap() {
        let capped = TestSchedule(monthlyCapBytes: 1_000_000_000)
        #expect(capped.allows(usedBytes: 900_000_000, nextBytes: 100_000_000))
        #expect(!capped.allows(usedBytes: 900_000_001, nextBytes: 100_000_000))
        #expect(TestSchedule().allows(usedBytes: .max / 2, nextBytes: 1))
    }

    /// The outbox adds up each month's test bytes.
    @Test func usage() throws {
        let path = ProbeProcess.temporaryPath(".sqlite")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outbox = try Outbox(path: path)
        try outbox.addUsage(month: "2026-11", bytes: 5)
        try outbox.addUsage(month: "2026-11", bytes: 7)
        #expect(try outbox.usage(month: "2026-11") == 12 && outbox.usage(month: "2026-12") == 0)
    }

    /// The configuration's tests and school_hours sections, and their mistakes by line.
    @Test func configuration() throws {
        let yaml = """
            school_code: S
            local_prefixes: [10.0.0.0/8]
            tests:
              server: 10.201.0.2:5201
              per_day: 6
              seconds: 5
              monthly_cap_mb: 2000
            school_hours:
              days: [mon, wed]
              start: "07:30"
              end: "16:00"
            """
        let config = try AgentConfig.read(yaml: yaml, file: "agent.yaml")
        #expect(config.testServer == "10.201.0.2:5201" && config.schedule.testsPerDay == 6)
        #expect(config.schedule.schoolDays == [1, 3] && config.schedule.startMinute == 450)
        #expect(config.schedule.endMinute == 960 && config.schedule.monthlyCapBytes == 2_000_000_000)
        let bad = yaml.replacingOccurrences(of: "per_day: 6", with: "per_day: lots")
            .replacingOccurrences(of: "[mon, wed]", with: "[mon, someday]")
        #expect(throws: (any Error).self) { try AgentConfig.read(yaml: bad, file: "agent.yaml") }
        do {
            _ = try AgentConfig.read(yaml: bad, file: "agent.yaml")
        } catch {
            let lines = "\(error)".split(separator: "\n")
            #expect(lines.count == 2 && lines[0].hasPrefix("agent.yaml line 5, key tests.per_day: "))
            #expect(lines[1].hasPrefix("agent.yaml line 9, key school_hours.days: "))
        }
    }
}
