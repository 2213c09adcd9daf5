import Foundation
import Testing

/// Runs the built `schoolnet` executable, as a user would.
struct SchoolNetProcess {
    /// The executable beside the test bundle in the build folder.
    static let executable: URL = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("schoolnet").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("schoolnet")
    }()

    static let sampleCity = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Inventory/sample-city").path

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the command with the test's environment but for its locale: `LC_ALL`, `LC_MESSAGES`
    /// and `LANG` are those given (none unless told), so that a developer's Chinese locale does
    /// not turn the tables that tests read into Chinese.
    static func run(_ arguments: [String], in directory: String? = nil, locale: [String: String] = [:]) throws
        -> Result
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] { environment[name] = nil }
        process.environment = environment.merging(locale) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    static func temporaryPath(_ suffix: String = "") -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-cli-\(UUID().uuidString)\(suffix)")
            .path
    }
}

@Suite("schoolnet commands")
struct CommandTests {
    /// Importing the sample city prints its summary and exporting it gives the same files back.
    @Test func importThenExport() throws {
        let db = SchoolNetProcess.temporaryPath(".sqlite")
        let imported = try SchoolNetProcess.run(["import", SchoolNetProcess.sampleCity, "--db", db])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("schools                300"))
        #expect(imported.stdout.contains("egress                   4"))
        #expect(imported.stderr.isEmpty)  // not a terminal: no progress lines
        let out = SchoolNetProcess.temporaryPath()
        let exported = try SchoolNetProcess.run(["export", out, "--db", db])
        #expect(exported.status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: SchoolNetProcess.sampleCity) {
            let original = try Data(
                contentsOf: URL(fileURLWithPath: SchoolNetProcess.sampleCity).appendingPathComponent(name))
            let written = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(name))
            #expect(original == written, "\(name) differs")
        }
    }

    /// A folder with errors exits 2, names every error on standard error and leaves the
    /// database exactly as it was.
    @Test func badImportChangesNothing() throws {
        let db = SchoolNetProcess.temporaryPath(".sqlite")
        #expect(try SchoolNetProcess.run(["import", SchoolNetProcess.sampleCity, "--db", db]).status == 0)
        let before = SchoolNetProcess.temporaryPath()
        #expect(try SchoolNetProcess.run(["export", before, "--db", db]).status == 0)
        let bad = SchoolNetProcess.temporaryPath()
        try FileManager.default.copyItem(atPath: SchoolNetProcess.sampleCity, toPath: bad)
        let links = URL(fileURLWithPath: bad).appendingPathComponent("links.csv")
        var text = try String(contentsOf: links, encoding: .utf8)
        let row = text.split(separator: "\n").count + 1
        text += "BROKEN-L1,DL-NO-0001,中国电信,abc,100,,,\n"
        try text.write(to: links, atomically: true, encoding: .utf8)
        let result = try SchoolNetProcess.run(["import", bad, "--db", db])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "error: links.csv row \(row), column school_code: \"DL-NO-0001\": no school in schools.csv has this code"
            ))
        #expect(result.stderr.contains("error: links.csv row \(row), column down_mbps: \"abc\": expected a number > 0"))
        #expect(result.stderr.contains("the folder cannot be used as it is (nothing was changed)"))
        let after = SchoolNetProcess.temporaryPath()
        #expect(try SchoolNetProcess.run(["export", after, "--db", db]).status == 0)
        for name in try FileManager.default.contentsOfDirectory(atPath: before) {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: before).appendingPathComponent(name))
                    == Data(contentsOf: URL(fileURLWithPath: after).appendingPathComponent(name)), "\(name) changed")
        }
    }

    /// A dry run checks and summarises without creating the database.
    @Test func dryRun() throws {
        let db = SchoolNetProcess.temporaryPath(".sqlite")
        let result = try SchoolNetProcess.run(["import", SchoolNetProcess.sampleCity, "--db", db, "--dry-run"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("nothing written (dry run)"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    /// validate says what the folder holds, or exits 2 with the errors.
    @Test func validate() throws {
        let good = try SchoolNetProcess.run(["validate", SchoolNetProcess.sampleCity])
        #expect(good.status == 0 && good.stdout.contains("is valid: 300 schools"))
        let missing = try SchoolNetProcess.run(["validate", "/nonexistent/folder"])
        #expect(missing.status == 2 && missing.stderr.contains("error: /nonexistent/folder: no such folder"))
    }

    /// Exporting from a database that holds no city is an error, not an empty folder.
    @Test func exportEmpty() throws {
        let result = try SchoolNetProcess.run([
            "export", SchoolNetProcess.temporaryPath(), "--db", SchoolNetProcess.temporaryPath(".sqlite"),
        ])
        #expect(result.status == 2 && result.stderr.contains("no such database"))
    }

    /// sample-city writes the same files for the same seed, and bad options are usage errors.
    @Test func sampleCity() throws {
        let a = SchoolNetProcess.temporaryPath()
        let b = SchoolNetProcess.temporaryPath()
        #expect(try SchoolNetProcess.run(["sample-city", a, "--schools", "50", "--seed", "9"]).status == 0)
        #expect(try SchoolNetProcess.run(["sample-city", b, "--schools", "50", "--seed", "9"]).status == 0)
        for name in ["schools.csv", "assets.csv", "measurements.csv"] {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: a).appendingPathComponent(name))
                    == Data(contentsOf: URL(fileURLWithPath: b).appendingPathComponent(name)))
        }
        let bad = try SchoolNetProcess.run(["sample-city", a, "--schools", "0"])
        #expect(bad.status == 2 && bad.stderr.contains("--schools must be at least 1"))
    }

    /// Help is printed once, to standard output, with status 0.
    @Test func help() throws {
        let result = try SchoolNetProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.components(separatedBy: "OVERVIEW:").count == 2)
        #expect(result.stdout.contains("check                   Judge every school and the city against the plan."))
    }
}
