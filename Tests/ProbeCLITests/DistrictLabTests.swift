import Foundation
import TestSupport
import Testing

/// The whole loop on one machine (Probes/lab/district.sh): six schools' probe agents measure
/// their own shaped links and upload through their outboxes to the service, and the solver flags
/// exactly the schools built to be below standard, for the reason they were built with.
@Suite(
    "The lab district",
    .enabled(if: ProbeProcess.labAvailable || ProcessInfo.processInfo.environment["CI"] != nil))
struct DistrictLabTests {
    static let script = ProbeProcess.root.appendingPathComponent("Probes/lab/district.sh").path

    /// The verdicts as the district was built: school 3 contracted 100 but delivers 60, school 4
    /// delivers 30 where its 4 classes need 40; the busy school (24 Mbit/s of other traffic
    /// during every test) and the one cut off from the service for a while meet the plan.
    static let designed: [String: [String]] = [
        "DL-LAB-0001": [], "DL-LAB-0002": [], "DL-LAB-0003": ["UNDER_DELIVERING"],
        "DL-LAB-0004": ["MEASURED_BELOW_STANDARD", "UNDER_DELIVERING"], "DL-LAB-0005": [], "DL-LAB-0006": [],
    ]

    /// A run of a few minutes: each school's measured capacity within 5% of the TCP goodput its
    /// shaped rate allows (the busy school's with its other traffic added back), the flags as
    /// designed and no others, every test result the probes logged stored once (the cut-off
    /// school's too, once it reconnected), and no namespace or process left behind.
    @Test func flagsExactlyTheSchoolsBuiltBelowStandard() throws {
        let out = ProbeProcess.temporaryPath("-district")
        defer { try? FileManager.default.removeItem(atPath: out) }
        defer { _ = try? ProbeProcess.run("/bin/bash", [Self.script, "down"]) }
        let bin = URL(fileURLWithPath: ProbeProcess.probe).deletingLastPathComponent().path
        let run = try ProbeProcess.run(
            "/bin/bash", [Self.script, "run", "--window-minutes", "3", "--out", out, "--bin", bin])
        try #require(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/comparison.json"))
        let rows = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(rows.count == 6, "\(run.stdout)")
        for row in rows {
            let school = row["school"] as? String ?? "?"
            let measured = try #require(row["measured_mbps"] as? Double, "\(school) has no measured capacity")
            let expected = try #require(row["expected_mbps"] as? Double)
            #expect(abs(measured / expected - 1) <= 0.05, "\(school): measured \(measured), expected \(expected)")
            #expect(row["flags"] as? [String] == Self.designed[school], "\(school): \(row["flags"] ?? "")")
            let logged = row["tests_logged"] as? Int ?? 0
            #expect(logged >= 6, "\(school): at least 3 tests each way, \(logged) logged")
            #expect(row["tests_stored"] as? Int == logged, "\(school): every result the probe logged is stored")
            #expect(row["tests_distinct"] as? Int == logged, "\(school): none stored twice")
        }
        let cutOff = try String(contentsOfFile: out + "/s6/agent.log", encoding: .utf8)
        #expect(cutOff.contains("trying again"), "school 6 was cut off from the service for a while")
        #expect(run.stdout.contains("DL-LAB-0004") && run.stdout.contains("MEASURED_BELOW_STANDARD"))

        let namespaces = try ProbeProcess.run("/usr/sbin/ip", ["netns", "list"])
        #expect(!namespaces.stdout.contains("snd-"), "left behind: \(namespaces.stdout)")
        let processes = try ProbeProcess.run("/usr/bin/pgrep", ["-f", out])
        #expect(processes.stdout.isEmpty, "processes left behind: \(processes.stdout)")
    }
}
