import Foundation

/// Runs the package's programs as a user would: the built executables, the scripts, the tools.
public enum Programs {
    /// The package's root folder.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A built executable of the package: the first folder up from the test bundle that holds it.
    public static func executable(_ name: String) -> String {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent(name).path
    }

    /// A path under the package root.
    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs a program to its end.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], directory: String? = nil) throws -> Result {
        let process = try start(executable, arguments, directory: directory)
        let out = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let err = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// Starts a program with its output in pipes.
    public static func start(_ executable: String, _ arguments: [String], directory: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    /// A fresh path in the temporary folder.
    public static func temporaryPath(_ suffix: String = "") -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-test-\(UUID().uuidString)\(suffix)")
            .path
    }
}
