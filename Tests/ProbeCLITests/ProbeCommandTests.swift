import Foundation
import PacketCapture
import ProbeAgent
import Testing

@testable import ProbeCLI

@Suite("schoolnet-probe analyze")
struct AnalyzeCommandTests {
    static let file = ProbeProcess.capture("ethernet.pcap")

    /// The table names the file and prints each second; CSV has one row per second; JSON parses
    /// and splits the traffic by direction with the school's prefixes.
    @Test func formats() throws {
        let table = try ProbeProcess.run(ProbeProcess.probe, ["analyze", Self.file, "--local", "10.201.0.1"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("\(Self.file): 2806 packets, 2762582 bytes, link type ethernet\n"))
        #expect(table.stdout.contains("5-minute samples"))
        let csv = try ProbeProcess.run(ProbeProcess.probe, ["analyze", Self.file, "--format", "csv"])
        let rows = csv.stdout.split(separator: "\n")
        #expect(
            rows.first
                == "second,start,down_bytes,up_bytes,other_bytes,down_packets,up_packets,other_packets,bytes,packets")
        let bytes: [UInt64] = rows.dropFirst().compactMap { UInt64($0.split(separator: ",")[8]) }
        #expect(bytes.reduce(0, +) == 2_762_582)
        let json = try ProbeProcess.run(
            ProbeProcess.probe,
            ["analyze", Self.file, "--format", "json", "--local", "10.201.0.1", "--local", "fd00:201::1"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let seconds = try #require(object["seconds"] as? [[String: Any]])
        let down = seconds.compactMap { $0["down_bytes"] as? Int }.reduce(0, +)
        let up = seconds.compactMap { $0["up_bytes"] as? Int }.reduce(0, +)
        #expect(down > 1_000_000 && up > 1_000_000 && object["packets"] as? Int == 2806)
    }

    /// --samples appends utilisation rows to a measurements.csv, the header once, with ids that
    /// name the probe, the slot and the direction.
    @Test func samplesFile() throws {
        let path = ProbeProcess.temporaryPath(".csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let arguments = [
            "analyze", Self.file, "--config", ProbeProcess.root.appendingPathComponent("Probes/agent.yaml").path,
            "--local", "10.201.0.1", "--samples", path,
        ]
        for _ in 0..<2 { #expect(try ProbeProcess.run(ProbeProcess.probe, arguments).status == 0) }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 5 && lines[0].hasPrefix("id,school_code,probe_id,kind,started_at,duration_s,mbps"))
        #expect(
            lines[1].hasPrefix("probe-dl-zs-0001-")
                && lines[1].contains(",DL-ZS-0001,probe-dl-zs-0001,utilisation_down,"))
        #expect(lines[2].contains(",utilisation_up,") && lines[1].hasSuffix(",true"))
        #expect(lines[3] == lines[1])
    }

    @Test(arguments: [
        (["--format", "xml"], "--format must be one of table, json, csv"),
        (["--local", "10.0.0.0/40"], "--local \"10.0.0.0/40\" is not an address prefix"),
        (["--class", "nameonly"], "--class \"nameonly\" is not NAME=PREFIX or NAME=vlan:ID"),
        (["--align", "middle"], "--align must be first or clock"),
        (["--samples", "/tmp/x.csv"], "samples and results need the school's code"),
        (["--filter", "port port"], "bad filter \"port port\""),
        (["--config", "/nonexistent/agent.yaml"], "/nonexistent/agent.yaml: cannot read"),
    ])
    func badUsage(arguments: [String], message: String) throws {
        let result = try ProbeProcess.run(ProbeProcess.probe, ["analyze", Self.file] + arguments)
        #expect(result.status == 2 && result.stderr.contains(message), "\(result.stderr)")
    }

    /// Damaged files exit 2 with the file named, never a crash (a crash is a signal, not 2): the
    /// pcapng with a time past 2262 aborted the process before.
    @Test(arguments: [
        "bad-truncated.pcap", "bad-record-length.pcap", "bad-link-type.pcap", "bad-not-a-capture.pcap",
        "bad-time.pcapng", "bad-truncated.pcapng",
    ])
    func badFiles(file: String) throws {
        let result = try ProbeProcess.run(ProbeProcess.probe, ["analyze", ProbeProcess.capture(file)])
        #expect(result.status == 2 && result.stderr.hasPrefix("error: \(ProbeProcess.capture(file)): "), "\(result)")
    }

    /// A capture whose clock jumps three weeks ahead halfway prints the seconds it has, numbered
    /// across the jump, and a line for the gap; it no longer walks the weeks second by second.
    @Test func clockJump() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.file)))
        // Classic pcap records: 16-byte headers (seconds, fraction, lengths) after a 24-byte header.
        // From the fourth clock second on, so that no second is split by the jump.
        func seconds(at offset: Int) -> UInt32 {
            bytes[offset..<offset + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        let first = seconds(at: 24)
        var offset = 24
        while offset + 16 <= bytes.count {
            let time = seconds(at: offset)
            if time >= first + 3 {
                withUnsafeBytes(of: (time + 21 * 86_400).littleEndian) {
                    bytes.replaceSubrange(offset..<offset + 4, with: $0)
                }
            }
            offset += 16 + bytes[offset + 8..<offset + 12].reversed().reduce(0) { $0 << 8 | Int($1) }
        }
        let path = ProbeProcess.temporaryPath(".pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let csv = try ProbeProcess.run(ProbeProcess.probe, ["analyze", path, "--format", "csv", "--align", "clock"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let original = try ProbeProcess.run(
            ProbeProcess.probe, ["analyze", Self.file, "--format", "csv", "--align", "clock"])
        let originalRows = original.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.count == originalRows.count && rows.count >= 6)
        // The same counts second by second; the numbers jump by the gap after the jump.
        #expect(rows.map { $0[2...] } == originalRows.map { $0[2...] })
        let numbers = rows.compactMap { Int($0[0]) }
        let jump = try #require(zip(numbers, numbers.dropFirst()).first { $1 != $0 + 1 })
        #expect(jump.1 - jump.0 > 21 * 86_400 - 10)
        let table = try ProbeProcess.run(ProbeProcess.probe, ["analyze", path])
        #expect(table.status == 0 && table.stdout.contains("the capture paused or its clock jumped"))
    }
}

@Suite("agent.yaml")
struct AgentConfigTests {
    @Test func example() throws {
        let config = try AgentConfig.read(file: ProbeProcess.root.appendingPathComponent("Probes/agent.yaml").path)
        #expect(config.schoolCode == "DL-ZS-0001" && config.interface == "eth1" && config.localPrefixes.count == 2)
        #expect(config.classNetworks.map(\.name) == ["一年级1班", "一年级2班", "教师办公"])
        #expect(config.snapLength == 128 && config.bufferMB == 8)
    }

    /// Every problem is listed with its line and key.
    @Test func problems() {
        let yaml = """
            school_code: X
            local_prefixes: [10.0.0.0/33]
            class_networks:
              - name: a
                vlan: 5000
            capture:
              snap_length: 10
            zzz: 1
            """
        do {
            _ = try AgentConfig.read(yaml: yaml, file: "agent.yaml")
            Issue.record("read")
        } catch {
            let lines = "\(error)".split(separator: "\n")
            #expect(lines.count == 4)
            #expect(
                lines[0]
                    == "agent.yaml line 2, key local_prefixes: \"10.0.0.0/33\" is not an address prefix such as 10.12.0.0/16"
            )
            #expect(lines[1].hasPrefix("agent.yaml line 4, key class_networks: "))
            #expect(lines[2].hasPrefix("agent.yaml line 7, key capture.snap_length: "))
            #expect(lines[3].hasPrefix("agent.yaml line 8, key zzz: unknown key"))
        }
        #expect(throws: (any Error).self) { try AgentConfig.read(yaml: "school_code: X\n", file: "a.yaml") }
    }

    /// School hours that end at or before they start are refused, naming the file, the line and
    /// school_hours.end (the agent would never test, and say nothing).
    @Test(arguments: [
        (
            "  start: \"17:00\"\n  end: \"08:00\"",
            "agent.yaml line 4, key school_hours.end: 08:00 is not after school_hours.start 17:00"
        ),
        (
            "  start: \"09:30\"\n  end: \"09:30\"",
            "agent.yaml line 4, key school_hours.end: 09:30 is not after school_hours.start 09:30"
        ),
        ("  start: \"18:00\"", "agent.yaml line 2, key school_hours.end: 17:00 is not after school_hours.start 18:00"),
    ])
    func schoolHoursEndBeforeStart(hours: String, message: String) {
        let yaml = "local_prefixes: [10.0.0.0/8]\nschool_hours:\n" + hours + "\n"
        #expect(throws: CaptureError(.configuration, message)) { try AgentConfig.read(yaml: yaml, file: "agent.yaml") }
        let fine = "local_prefixes: [10.0.0.0/8]\nschool_hours:\n  start: \"07:45\"\n  end: \"16:00\"\n"
        #expect((try? AgentConfig.read(yaml: fine, file: "agent.yaml"))?.schedule.endMinute == 16 * 60)
    }
}

@Suite("agent.yaml: right by default")
struct AgentConfigDefaultsTests {
    /// Without `time_zone` the school is on the plan's time (Beijing), whatever the machine's
    /// clock is set to; a name that is not a time zone is refused with its line.
    @Test func timeZone() throws {
        let plain = try AgentConfig.read(yaml: "local_prefixes: [10.0.0.0/8]\n", file: "agent.yaml")
        #expect(plain.timeZone.identifier == "Asia/Shanghai")
        // 2026-12-04 00:30 UTC is 08:30 in Beijing: a result of that instant carries +08:00.
        #expect(plain.timestamp(Date(timeIntervalSince1970: 1_796_344_200)).description.hasSuffix("08:30:00+08:00"))
        let london = try AgentConfig.read(yaml: "local_prefixes: [10.0.0.0/8]\ntime_zone: Europe/London\n", file: "a")
        #expect(london.timeZone.identifier == "Europe/London")
        #expect(throws: (any Error).self) {
            try AgentConfig.read(yaml: "local_prefixes: [10.0.0.0/8]\ntime_zone: Beijing\n", file: "agent.yaml")
        }
    }

    /// A class network of fewer than 8 addresses (a single host, a /30) is refused at start with
    /// its line; a /29 and a VLAN are taken; `--class` refuses the same.
    @Test func narrowClassNetworks() throws {
        let yaml = """
            local_prefixes: [10.12.0.0/16]
            class_networks:
              - name: 一年级1班
                prefix: 10.12.1.5/32
              - name: b
                prefix: 2001:db8::/126
              - name: c
                prefix: 10.12.2.0/29
              - name: d
                vlan: 20
            """
        do {
            _ = try AgentConfig.read(yaml: yaml, file: "agent.yaml")
            Issue.record("a /32 class network was taken")
        } catch {
            let lines = "\(error)".split(separator: "\n")
            #expect(lines.count == 2, "\(error)")
            #expect(
                lines.first?.hasPrefix("agent.yaml line 3, key class_networks: 一年级1班: a class network needs at least 8")
                    == true)
            #expect(lines.last?.hasPrefix("agent.yaml line 5, key class_networks: b:") == true)
        }
        let fine = yaml.replacingOccurrences(of: "10.12.1.5/32", with: "10.12.1.0/24")
            .replacingOccurrences(of: "2001:db8::/126", with: "2001:db8::/64")
        #expect(try AgentConfig.read(yaml: fine, file: "agent.yaml").classNetworks.count == 4)
        let refused = try ProbeProcess.run(
            ProbeProcess.probe,
            ["analyze", ProbeProcess.capture("ethernet.pcap"), "--local", "10.201.0.1", "--class", "x=10.201.0.1/32"])
        #expect(refused.status == 2 && refused.stderr.contains("at least 8 addresses"), "\(refused.stderr)")
    }

    /// The outbox's folder is made when missing (the guide's example path on a new machine).
    @Test func outboxFolderMade() throws {
        let folder = ProbeProcess.temporaryPath("-state")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let outbox = try Outbox(path: folder + "/deeper/outbox.sqlite")
        #expect(try outbox.count() == 0)
        try outbox.checkWritable()
    }
}

/// Live tests in the shaped-link lab (root, network namespaces): they run in CI, and wherever
/// the lab can be built.
@Suite(
    "Live tests in the lab", .serialized,
    .enabled(if: ProbeProcess.labAvailable || ProcessInfo.processInfo.environment["CI"] != nil))
struct LabTests {
    init() throws {
        let up = try ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "up", "--rate", "20mbit"])
        #expect(up.status == 0, "\(up.stderr)")
    }

    func inLab(_ namespace: String, _ command: [String]) throws -> Process {
        try ProbeProcess.start("/bin/bash", [ProbeProcess.lab, "exec", namespace] + command)
    }

    /// tcpdump on the school's veth while iperf3 sends through it: the capture's per-second
    /// frames and bytes equal tshark's io,stat, interval for interval.
    @Test func tcpdumpCaptureAgreesWithTShark() throws {
        defer { _ = try? ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "down"]) }
        let file = ProbeProcess.temporaryPath(".pcap")
        defer { try? FileManager.default.removeItem(atPath: file) }
        let server = try inLab("metro", ["iperf3", "-s", "-1", "-p", "5301"])
        let tcpdump = try inLab("school", ["tcpdump", "-i", "veth-school", "-s", "128", "-U", "-w", file])
        Thread.sleep(forTimeInterval: 1)
        let client = try ProbeProcess.run(
            "/bin/bash", [ProbeProcess.lab, "exec", "school", "iperf3", "-c", "10.201.0.2", "-p", "5301", "-t", "3"])
        #expect(client.status == 0, "\(client.stderr)")
        // libpcap hands packets over about every second and -U writes each at once: after two
        // quiet seconds the file is whole. Children of the test runner inherit its blocked
        // signals, so SIGINT would wait forever: SIGKILL ends tcpdump.
        Thread.sleep(forTimeInterval: 2)
        kill(tcpdump.processIdentifier, SIGKILL)
        tcpdump.waitUntilExit()
        server.waitUntilExit()
        let csv = try ProbeProcess.run(ProbeProcess.probe, ["analyze", file, "--format", "csv"])
        let ours = csv.stdout.split(separator: "\n").dropFirst().map { row in
            let cells = row.split(separator: ",")
            return "\(cells[9]) \(cells[8])"
        }
        let tshark = try ProbeProcess.run("/usr/bin/tshark", ["-q", "-z", "io,stat,1", "-r", file])
        let theirs = tshark.stdout.split(separator: "\n").filter { $0.contains("<>") }.map { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return "\(cells[1]) \(cells[2])"
        }
        #expect(ours.count >= 4 && ours == theirs)
    }

    /// `schoolnet-probe capture` in the school's namespace while iperf3 uploads at the shaped
    /// 20 Mbit/s: no kernel drops, a sample written whose upload mean matches the seconds it saw.
    @Test func liveCapture() throws {
        defer { _ = try? ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "down"]) }
        let samples = ProbeProcess.temporaryPath(".csv")
        defer { try? FileManager.default.removeItem(atPath: samples) }
        let server = try inLab("metro", ["iperf3", "-s", "-1", "-p", "5302"])
        let probe = try inLab(
            "school",
            [
                ProbeProcess.probe, "capture", "--interface", "veth-school", "--seconds", "6", "--local", "10.201.0.1",
                "--school", "DL-ZS-0001", "--samples", samples,
            ])
        Thread.sleep(forTimeInterval: 1)
        _ = try ProbeProcess.run(
            "/bin/bash", [ProbeProcess.lab, "exec", "school", "iperf3", "-c", "10.201.0.2", "-p", "5302", "-t", "3"])
        let out = (probe.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let err = (probe.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        probe.waitUntilExit()
        server.waitUntilExit()
        let stdout = String(decoding: out, as: UTF8.self)
        let stderr = String(decoding: err, as: UTF8.self)
        #expect(probe.terminationStatus == 0, "\(stderr)")
        #expect(stderr.contains(" 0 dropped,"), "\(stderr)")
        // Each printed second: "... up 19.997 Mbit/s ..."; the busiest is the shaped rate.
        let upRates = stdout.split(separator: "\n").compactMap { line -> Double? in
            guard let range = line.range(of: " up ") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != " " })
        }
        let busiest = try #require(upRates.max())
        #expect(busiest > 18 && busiest < 21, "\(stdout)")
        let rows = try String(contentsOfFile: samples, encoding: .utf8).split(separator: "\n")
        // The capture may straddle a 5-minute boundary: then two samples, one of them busy.
        let up = rows.filter { $0.contains(",utilisation_up,") }
        let mbps = try #require(
            up.compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[6]) }.max())
        #expect(mbps > 1 && up.allSatisfy { $0.hasSuffix(",true") })
    }

    /// A 3 Mbit/s cross flow on a 10 Mbit/s link: the test's goodput drops, and its capacity
    /// estimate (goodput plus the other traffic the probe captured) is within 5% of the goodput
    /// of the same test without the cross flow.
    @Test func crossTraffic() throws {
        defer { _ = try? ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "down"]) }
        _ = try ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "shape", "--rate", "10mbit"])
        let reflector = try inLab("metro", [ProbeProcess.probe, "reflector", "--port", "5201"])
        let crossServer = try inLab("metro", ["iperf3", "-s", "-1", "-p", "5203"])
        defer { _ = (reflector, crossServer) }
        Thread.sleep(forTimeInterval: 0.5)
        func test() throws -> [String: Any] {
            let result = try ProbeProcess.run(
                "/bin/bash",
                [
                    ProbeProcess.lab, "exec", "school", ProbeProcess.probe, "test", "--server", "10.201.0.2",
                    "--seconds", "10", "--interface", "veth-school", "--local", "10.201.0.1", "--format", "json",
                ])
            #expect(result.status == 0, "\(result.stderr)")
            return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        }
        let alone = try test()
        let cross = try inLab("school", ["iperf3", "-c", "10.201.0.2", "-p", "5203", "-b", "3M", "-t", "16"])
        Thread.sleep(forTimeInterval: 2)
        let shared = try test()
        cross.waitUntilExit()
        let baseline = try #require(alone["goodput_mbps"] as? Double)
        let goodput = try #require(shared["goodput_mbps"] as? Double)
        let other = try #require(shared["cross_traffic_mbps"] as? Double)
        let capacity = try #require(shared["capacity_mbps"] as? Double)
        #expect((alone["cross_traffic_mbps"] as? Double ?? 1) < 0.1)
        #expect(goodput < baseline * 0.8 && other > 2.5 && other < 3.6, "\(goodput) + \(other)")
        #expect(abs(capacity / baseline - 1) <= 0.05, "capacity \(capacity) vs \(baseline) alone")
    }

    /// 50 ms more on every round trip and 0.5% loss, the bottleneck in a middle namespace: the
    /// probe's goodput agrees with iperf3's within 5%, download and upload, on the same link in
    /// the same run. Both pin BBR: with cubic the loss-limited rate of one 10 s run varies by far
    /// more than 5% from the next (2.8 and 5.9 Mbit/s measured here for the same command), so no
    /// two tools could agree on it; the link's delay and loss show in the probe's RTT and
    /// retransmits.
    @Test func delayAndLoss() throws {
        defer { _ = try? ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "down"]) }
        let up = try ProbeProcess.run(
            "/bin/bash", [ProbeProcess.lab, "up", "--rate", "10mbit", "--delay", "50", "--loss", "0.5"])
        try #require(up.status == 0, "\(up.stderr)")
        let reflector = try inLab("metro", [ProbeProcess.probe, "reflector", "--port", "5201"])
        let iperfServer = try inLab("metro", ["iperf3", "-s", "-p", "5202"])
        defer {
            for process in [reflector, iperfServer] { kill(process.processIdentifier, SIGKILL) }
        }
        Thread.sleep(forTimeInterval: 0.5)
        for reverse in [false, true] {
            let probe = try ProbeProcess.run(
                "/bin/bash",
                [
                    ProbeProcess.lab, "exec", "school", ProbeProcess.probe, "test", "--server", "10.201.0.2",
                    "--seconds", "10", "--congestion", "bbr", "--format", "json",
                ] + (reverse ? ["--reverse"] : []))
            #expect(probe.status == 0, "\(probe.stderr)")
            let result = try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any] ?? [:]
            let iperf = try ProbeProcess.run(
                "/bin/bash",
                [
                    ProbeProcess.lab, "exec", "school", "iperf3", "-c", "10.201.0.2", "-p", "5202", "-t", "10", "-C",
                    "bbr", "-J",
                ] + (reverse ? ["-R"] : []))
            let report = try JSONSerialization.jsonObject(with: Data(iperf.stdout.utf8)) as? [String: Any] ?? [:]
            let received = (report["end"] as? [String: Any])?["sum_received"] as? [String: Any]
            let theirs = try #require(received?["bits_per_second"] as? Double, "\(iperf.stdout.prefix(400))") / 1e6
            let ours = try #require(result["goodput_mbps"] as? Double)
            #expect(result["congestion"] as? String == "bbr")
            #expect(abs(ours / theirs - 1) <= 0.05, "\(reverse ? "down" : "up"): probe \(ours), iperf3 \(theirs)")
            #expect(ours > 8, "BBR fills a 10 Mbit/s link despite the loss: \(ours)")
            #expect((result["rtt_ms"] as? Double ?? 0) >= 50, "the delay line holds every round trip 50 ms")
            if !reverse { #expect((result["retransmits"] as? Int ?? 0) > 0, "the loss rule drops segments") }
        }
    }

    /// SIGTERM (or Ctrl-C) stops a live capture cleanly: the last, partial sample is written
    /// and the summary printed, exit 0.
    @Test func stopsOnSignal() throws {
        let samples = ProbeProcess.temporaryPath(".csv")
        defer { try? FileManager.default.removeItem(atPath: samples) }
        let probe = try ProbeProcess.start(
            ProbeProcess.probe,
            ["capture", "--interface", "lo", "--local", "127.0.0.1", "--quiet", "--school", "S", "--samples", samples])
        Thread.sleep(forTimeInterval: 0.5)
        _ = try ProbeProcess.run("/usr/bin/ping", ["-c", "3", "-i", "0.2", "127.0.0.1"])  // something to count
        Thread.sleep(forTimeInterval: 0.5)
        kill(probe.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(5)
        while probe.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if probe.isRunning { kill(probe.processIdentifier, SIGKILL) }
        probe.waitUntilExit()
        let stderr = String(
            decoding: (probe.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(probe.terminationReason == .exit && probe.terminationStatus == 0, "\(stderr)")
        #expect(stderr.hasPrefix("captured "))
        #expect(try String(contentsOfFile: samples, encoding: .utf8).contains(",utilisation_down,"))
    }

    /// The agent's check: `run --test-now` captures the link, runs a download and an upload test
    /// against the reflector and leaves both results (with their latency) in the outbox.
    @Test func agentTestNow() throws {
        defer { _ = try? ProbeProcess.run("/bin/bash", [ProbeProcess.lab, "down"]) }
        let folder = ProbeProcess.temporaryPath()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let reflector = try inLab("metro", [ProbeProcess.probe, "reflector", "--port", "5201"])
        defer { _ = reflector }
        Thread.sleep(forTimeInterval: 0.5)
        let config = """
            school_code: DL-ZS-0001
            probe_id: lab-probe
            interface: veth-school
            local_prefixes: [10.201.0.1/32]
            outbox: \(folder)/outbox.sqlite
            tests:
              server: 10.201.0.2:5201
              seconds: 3
            """
        try config.write(toFile: folder + "/agent.yaml", atomically: true, encoding: .utf8)
        let run = try ProbeProcess.run(
            "/bin/bash",
            [
                ProbeProcess.lab, "exec", "school", ProbeProcess.probe, "run", "--config", folder + "/agent.yaml",
                "--test-now",
            ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("download ") && run.stderr.contains("upload "), "\(run.stderr)")
        let export = try ProbeProcess.run(
            ProbeProcess.probe, ["export", folder + "/out.csv", "--outbox", folder + "/outbox.sqlite"])
        #expect(export.status == 0)
        let rows = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8).split(separator: "\n")
        for kind in ["throughput_down", "throughput_up", "rtt"] {
            #expect(rows.contains { $0.contains(",DL-ZS-0001,lab-probe,\(kind),") }, "\(kind)")
        }
        // The shaped 20 Mbit/s link: the download goodput is near 0.956 of it.
        let down = rows.first { $0.contains(",throughput_down,") }?.split(
            separator: ",", omittingEmptySubsequences: false)
        let mbps = try #require(down.flatMap { Double($0[6]) })
        #expect(mbps > 18 && mbps < 20, "\(mbps)")
    }

    /// The self-calibration: at 5, 10, 15, 100 and 1000 Mbit/s, 10 s tests each way, the probe's
    /// goodput is within 2% of iperf3's on the same link in the same run, and within 3% of the
    /// expected TCP goodput wherever iperf3 reaches it too (a busy machine may not drive 1 Gbit/s
    /// through the namespaces with either tool); selftest exits 1 otherwise, and prints its table.
    /// A rate that misses is measured again, up to three times: in one CI run the other suites,
    /// running beside this one, stalled one probe upload at 1 Gbit/s (917 against iperf3's 943).
    @Test func selftest() throws {
        let result = try ProbeProcess.run(
            ProbeProcess.probe, ["selftest", "--lab", ProbeProcess.lab, "--format", "json", "--seconds", "10"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Double]] ?? []
        #expect(rows.map { $0["rateMbps"] ?? 0 } == [5, 10, 15, 100, 1000])
        #expect(rows.allSatisfy { (1...3).contains($0["attempt"] ?? 0) })
        for row in rows {
            let expected = row["expectedMbps"]!
            let iperfKeptUp = ["iperfUpMbps", "iperfDownMbps"].allSatisfy { abs(row[$0]! / expected - 1) <= 0.03 }
            for key in ["probeUpMbps", "probeDownMbps"] where iperfKeptUp {
                #expect(abs(row[key]! / expected - 1) <= 0.03, "\(key) at \(row["rateMbps"]!) Mbit/s: \(row[key]!)")
            }
            #expect(abs(row["probeUpMbps"]! / row["iperfUpMbps"]! - 1) <= 0.02)
            #expect(abs(row["probeDownMbps"]! / row["iperfDownMbps"]! - 1) <= 0.02)
        }
    }
}
