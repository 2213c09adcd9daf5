import Foundation
import Testing

/// `check --inventory` reports the same, byte for byte, whatever the order of a folder's rows,
/// and names a fault's file and row in any order (issue 18).
@Suite("schoolnet check, any row order")
struct CheckRowOrderTests {
    /// A copy of the sample city whose CSV files keep their header and have their data lines
    /// passed through `line` and then reordered by `lines`.
    static func sampleCity(
        line: (String) -> String = { $0 }, lines: ([String]) -> [String]
    ) throws -> String {
        let copy = SchoolNetProcess.temporaryPath()
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        let city = SchoolNetProcess.sampleCity
        for name in try FileManager.default.contentsOfDirectory(atPath: city) {
            var text = try String(contentsOfFile: city + "/" + name, encoding: .utf8)
            if name.hasSuffix(".csv") {
                let all = text.split(separator: "\n").map(String.init)
                text = ([all[0]] + lines(all.dropFirst().map(line))).joined(separator: "\n") + "\n"
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: copy + "/" + name))
        }
        return copy
    }

    /// Lines in a fixed order that has nothing to do with their keys.
    static func shuffle(_ lines: [String]) -> [String] {
        var random = SplitMix(seed: 18)
        return lines.shuffled(using: &random)
    }

    /// A code's number without its leading zeros: `DL-CH-0010` becomes `DL-CH-10`.
    static func unpadded(_ line: String) -> String {
        line.replacingOccurrences(of: #"(DL-[A-Z]+-)0+([0-9])"#, with: "$1$2", options: .regularExpression)
    }

    static func report(_ folder: String, format: String = "json") throws -> String {
        let result = try SchoolNetProcess.run([
            "check", "--inventory", folder, "--as-of", "2026-11-24", "--format", format,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// The sample city with every file's rows shuffled gives the report of the city as
    /// exported; with its codes unpadded, files in the numeric order of their keys (`DL-CH-9`
    /// before `DL-CH-10`), in byte order or shuffled give one report too.
    @Test func sameReportInAnyRowOrder() throws {
        let ordered = try Self.report(SchoolNetProcess.sampleCity)
        #expect(try Self.report(Self.sampleCity(lines: Self.shuffle)) == ordered)
        #expect(
            try Self.report(Self.sampleCity(lines: Self.shuffle), format: "table")
                == Self.report(SchoolNetProcess.sampleCity, format: "table"))

        let numeric = try Self.report(Self.sampleCity(line: Self.unpadded) { $0 })
        #expect(numeric.contains("\"DL-CH-9\"") && numeric.contains("\"DL-CH-10\""))
        let byBytes = try Self.sampleCity(line: Self.unpadded) {
            $0.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        #expect(try Self.report(byBytes) == numeric)
        #expect(try Self.report(Self.sampleCity(line: Self.unpadded, lines: Self.shuffle)) == numeric)
    }

    /// In a shuffled folder a repeated asset tag and a row naming no school are refused with
    /// their file and rows, and the command exits 2.
    @Test func shuffledFaultsNamedWithTheirRows() throws {
        let folder = try Self.sampleCity(lines: Self.shuffle)
        var lines = try String(contentsOfFile: folder + "/assets.csv", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        // Row n is line n - 1: row 40 repeats row 7, row 60 names a school no one has.
        lines[39] = lines[6]
        lines[59] = lines[59].replacingOccurrences(
            of: #"^([^,]*),[^,]*,"#, with: "$1,DL-XX-0001,", options: .regularExpression)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/assets.csv"))
        let result = try SchoolNetProcess.run(["check", "--inventory", folder, "--as-of", "2026-11-24"])
        #expect(result.status == 2)
        let tag = String(lines[6].prefix { $0 != "," })
        #expect(result.stderr.contains("assets.csv row 40, column asset_tag: \"\(tag)\": already used in row 7"))
        #expect(
            result.stderr.contains(
                "assets.csv row 60, column school_code: \"DL-XX-0001\": no school in schools.csv has this code"))
    }
}

/// SplitMix64: a fixed sequence of random numbers for a seed, the same on every machine.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
