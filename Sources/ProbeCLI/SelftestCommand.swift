import ArgumentParser
import Foundation

/// Runs the probe against its own reflector across the shaped-link lab, beside iperf3 on the
/// same link, and prints measured against expected.
struct SelftestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Calibrate: test across the shaped-link lab at known rates, beside iperf3 (needs root).",
        discussion: """
            For each rate the lab (Probes/lab.sh) shapes both directions with tbf; the probe's reflector \
            and an iperf3 server run in the metro namespace, the clients in the school namespace. \
            Expected goodput is the rate x 1448/1514 (TCP payload in a full Ethernet frame). Exit \
            status 1 when a result is more than 2% from iperf3's, or more than 3% from expected at a \
            rate where iperf3 reaches expected (where iperf3 does not either, the machine could not \
            drive the link that fast, and iperf3 is the only yardstick). A rate that misses is measured \
            again, both tools, up to --attempts times: on a busy machine one stalled test is not the \
            probe's error; the table shows how many attempts each rate took.
            """)

    @Option(help: "Rates in Mbit/s, comma-separated.")
    var rates = "5,10,15,100,1000"
    @Option(help: "Seconds per test.")
    var seconds = 10
    @Option(help: "The lab script.")
    var lab = "Probes/lab.sh"
    @Option(help: "Output: table or json.")
    var format = "table"
    @Option(help: "Measurements of a rate (both tools) before it counts as missed.")
    var attempts = 3

    struct Row: Codable {
        var rateMbps: Double
        var expectedMbps: Double
        var probeUpMbps: Double
        var iperfUpMbps: Double
        var probeDownMbps: Double
        var iperfDownMbps: Double
        /// Which measurement of the rate this is: the first that passed, or the last.
        var attempt: Int

        /// Worst relative distance of the probe's two results from expected, and from iperf3's.
        var offExpected: Double {
            max(abs(probeUpMbps / expectedMbps - 1), abs(probeDownMbps / expectedMbps - 1))
        }
        var offIperf: Double { max(abs(probeUpMbps / iperfUpMbps - 1), abs(probeDownMbps / iperfDownMbps - 1)) }
        /// Whether iperf3 reached the expected goodput both ways; when it did not, the machine
        /// could not drive the link at this rate (its CPU, not the link) and iperf3 is the
        /// probe's only yardstick.
        var machineKeptUp: Bool {
            max(abs(iperfUpMbps / expectedMbps - 1), abs(iperfDownMbps / expectedMbps - 1)) <= 0.03
        }
        var passes: Bool { offIperf <= 0.02 && (offExpected <= 0.03 || !machineKeptUp) }
    }

    func validate() throws {
        guard parsedRates != nil else { throw ValidationError("--rates must be Mbit/s numbers like 5,10,100") }
        guard (2...600).contains(seconds) else { throw ValidationError("--seconds must be between 2 and 600") }
        guard ["table", "json"].contains(format) else { throw ValidationError("--format must be table or json") }
        guard (1...10).contains(attempts) else { throw ValidationError("--attempts must be between 1 and 10") }
        guard FileManager.default.isExecutableFile(atPath: lab) else {
            throw ValidationError(
                "--lab \(lab) is not an executable script (run from the repository, or give its path)")
        }
    }

    var parsedRates: [Int]? {
        let values = rates.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return values.map { $0! }
    }

    func run() throws {
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var rows: [Row] = []
        defer { _ = try? Self.run(lab, ["down"]) }
        for rate in parsedRates! {
            let up = try Self.run(lab, ["up", "--rate", "\(rate)mbit"])
            guard up.status == 0 else { throw ValidationError("the lab did not come up: \(up.stderr)") }
            let reflector = try Self.start(lab, ["exec", "metro", me, "reflector", "--port", "5201"])
            let iperfServer = try Self.start(lab, ["exec", "metro", "iperf3", "-s", "-p", "5202"])
            Thread.sleep(forTimeInterval: 0.5)
            func probe(_ reverse: Bool) throws -> Double {
                let result = try Self.run(
                    me,
                    ["test", "--server", "10.201.0.2:5201", "--seconds", "\(seconds)", "--format", "json"]
                        + (reverse ? ["--reverse"] : []), inside: lab)
                guard let object = Self.json(result.stdout), let mbps = object["goodput_mbps"] as? Double else {
                    throw ValidationError("the probe's test failed: \(result.stderr)")
                }
                return mbps
            }
            func iperf(_ reverse: Bool) throws -> Double {
                let result = try Self.run(
                    "iperf3", ["-c", "10.201.0.2", "-p", "5202", "-t", "\(seconds)", "-J"] + (reverse ? ["-R"] : []),
                    inside: lab)
                guard let object = Self.json(result.stdout), let end = object["end"] as? [String: Any],
                    let received = end["sum_received"] as? [String: Any],
                    let bits = received["bits_per_second"] as? Double
                else { throw ValidationError("iperf3 failed: \(result.stdout.suffix(300))") }
                return bits / 1e6
            }
            var row: Row
            var attempt = 0
            repeat {
                attempt += 1
                row = Row(
                    rateMbps: Double(rate), expectedMbps: Double(rate) * 1448 / 1514, probeUpMbps: try probe(false),
                    iperfUpMbps: try iperf(false), probeDownMbps: try probe(true), iperfDownMbps: try iperf(true),
                    attempt: attempt)
            } while !row.passes && attempt < attempts
            rows.append(row)
            reflector.terminate()
            iperfServer.terminate()
            _ = try Self.run(lab, ["down"])
        }
        if format == "json" {
            let data = try JSONEncoder().encode(rows)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            var out =
                "  rate  expected  probe up  iperf3 up  probe down  iperf3 down  vs expected  vs iperf3  attempt\n"
            for row in rows {
                out += String(
                    format: "%6.0f  %8.3f  %8.3f  %9.3f  %10.3f  %11.3f  %10.2f%%  %8.2f%%  %7d%@\n", row.rateMbps,
                    row.expectedMbps, row.probeUpMbps, row.iperfUpMbps, row.probeDownMbps, row.iperfDownMbps,
                    row.offExpected * 100, row.offIperf * 100, row.attempt, row.passes ? "" : "  OFF")
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
        if !rows.allSatisfy(\.passes) { throw ExitCode(1) }
    }

    static func json(_ text: String) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    /// Runs a program to its end (inside the school namespace when `inside` names the lab).
    static func run(_ program: String, _ arguments: [String], inside lab: String? = nil) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let process = try start(program, arguments, inside: lab)
        let out = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let err = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static func start(_ program: String, _ arguments: [String], inside lab: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = (lab.map { [$0, "exec", "school"] } ?? []) + [program] + arguments
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }
}
