import Foundation

/// Runs programs as a user would: the built `schoolnet-probe`, the lab script, tcpdump, iperf3.
enum ProbeProcess {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable beside the test bundle in the build folder.
    static let probe: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("schoolnet-probe").path),
            url.path != "/"
        {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("schoolnet-probe").path
    }()

    static let lab = root.appendingPathComponent("Probes/lab.sh").path

    static func capture(_ name: String) -> String { root.appendingPathComponent("Probes/captures/\(name)").path }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to its end.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = try start(executable, arguments)
        let out = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let err = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// Starts a program with its output in pipes.
    static func start(_ executable: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    static func temporaryPath(_ suffix: String = "") -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-probe-\(UUID().uuidString)\(suffix)")
            .path
    }

    /// Whether the lab can be built here: root, iproute2 and network namespaces.
    static let labAvailable: Bool = (try? run("/bin/bash", [lab, "check"]).status == 0) ?? false
}
