import Foundation
import InventoryModel
import SampleCity
import Testing

@testable import InventoryFormat

/// A folder reads to the same city whatever the order of its rows and whatever its keys look
/// like, and refuses the same faults, named by file and row (issue 18).
@Suite struct RowOrderTests {
    /// A generated city as the exporter writes it (every file in key order), large enough for
    /// its assets and measurements to be read in parts.
    static let ordered: String = {
        var options = SampleCityGenerator.Options()
        options.schools = 2_500
        options.testDays = 14
        options.utilisationShare = 0.02
        var generator = SampleCityGenerator(options: options)
        let path = Fixture.temporaryFolder()
        try! InventoryFolder.write(generator.generate(), to: path)
        return path
    }()

    /// A copy of a folder whose CSV files keep their header and have their other lines
    /// reordered (`lines` also sees the file's name) and each line passed through `line`.
    static func copy(
        of folder: String, line: (String) -> String = { $0 },
        lines: (String, [String]) -> [String]
    ) throws -> String {
        let copy = Fixture.temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            var rewritten = text
            if name.hasSuffix(".csv") {
                let all = text.split(separator: "\n").map { line(String($0)) }
                rewritten = ([all[0]] + lines(name, Array(all.dropFirst()))).joined(separator: "\n") + "\n"
            }
            try Data(rewritten.utf8).write(to: URL(fileURLWithPath: copy + "/" + name))
        }
        return copy
    }

    /// Every file's data lines in one fixed random order.
    static func shuffled(_ folder: String) throws -> String {
        try copy(of: folder) { _, lines in
            var random = SeededGenerator(seed: 18)
            return lines.shuffled(using: &random)
        }
    }

    /// The city with its codes' numbers unpadded (`DL-CH-0010` becomes `DL-CH-10`) and every
    /// file still in the exporter's order, now the numeric order of the keys: `DL-CH-9` comes
    /// before `DL-CH-10`, which a byte comparison puts first.
    static func oddKeys() throws -> String {
        let padded = try NSRegularExpression(pattern: "(DL-[A-Z]+-)0+([0-9])")
        return try copy(
            of: ordered,
            line: { line in
                padded.stringByReplacingMatches(
                    in: line, range: NSRange(line.startIndex..., in: line), withTemplate: "$1$2")
            },
            lines: { _, lines in lines })
    }

    /// What a read gives, in an order no file's rows decide: the schools as read (they come
    /// in code order), every other list in its canonical order, the facts counted.
    struct Read: Equatable {
        var schools: [School]
        var canonical: Inventory
        var assetFacts: [AssetFact: Int]
        var measurementFacts: [MeasurementFact: Int]

        init(_ path: String) throws {
            let city = try InventoryFolder.read(at: path).inventory
            let facts = try InventoryFolder.readFacts(at: path).facts
            schools = city.schools
            canonical = city.canonical
            assetFacts = facts.assets.reduce(into: [:]) { $0[$1, default: 0] += 1 }
            measurementFacts = facts.measurements.reduce(into: [:]) { $0[$1, default: 0] += 1 }
            #expect(facts.inventory.schools == city.schools)
        }
    }

    /// The same city read from files whose rows are shuffled, or whose keys are in numeric
    /// rather than byte order, gives the same schools in the same order (by code), the same
    /// records and the same facts, each naming the same school, as from files in key order.
    @Test func anyRowOrderReadsTheSameCity() throws {
        let assets = try FileManager.default.attributesOfItem(atPath: Self.ordered + "/assets.csv")[.size] as? Int
        #expect((assets ?? 0) > InventoryFolder.partThreshold, "the assets are read in parts")
        let ordered = try Read(Self.ordered)
        #expect(ordered.schools.map(\.code) == ordered.schools.map(\.code).sorted())
        #expect(try Read(Self.shuffled(Self.ordered)) == ordered)

        let odd = try Self.oddKeys()
        let codes = try InventoryFolder.read(at: odd).inventory.schools.map(\.code)
        #expect(codes.contains("DL-ZS-9") && codes.contains("DL-ZS-10"))
        let byBytes = try Self.copy(of: odd) { _, lines in lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        let oddRead = try Read(odd)
        #expect(oddRead.schools.map(\.code) == codes.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(try Read(byBytes) == oddRead)
        #expect(try Read(Self.shuffled(odd)) == oddRead)
    }

    /// In shuffled files a repeated key is still found, in one part of a file or across
    /// parts, and named with both rows; a row naming an unknown school is named with its row.
    @Test func shuffledFilesRefuseRepeatsAndUnknownSchools() throws {
        let shuffled = try Self.shuffled(Self.ordered)
        let assets = try String(contentsOfFile: shuffled + "/assets.csv", encoding: .utf8)
        var lines = assets.split(separator: "\n").map(String.init)
        let count = lines.count
        // Row n is line n - 1. A repeat of row 3's tag near the end (another part), a repeat
        // of a tag of the middle two rows on, and a school no one has.
        let early = lines[2]
        let middle = lines[count / 2]
        let unknown = lines[count / 3].replacingOccurrences(
            of: #"^([^,]*),[^,]*,"#, with: "$1-X,DL-XX-0001,", options: .regularExpression)
        lines[count - 5] = early
        lines[count / 2 + 2] = middle
        lines[count / 3 + 1] = unknown
        let broken = shuffled
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: broken + "/assets.csv"))
        let tag = { (line: String) in String(line.prefix { $0 != "," }) }
        let expected = [
            "assets.csv row \(count / 3 + 2), column school_code: \"DL-XX-0001\": no school in schools.csv has this code",
            "assets.csv row \(count / 2 + 3), column asset_tag: \"\(tag(middle))\": already used in row \(count / 2 + 1)",
            "assets.csv row \(count - 4), column asset_tag: \"\(tag(early))\": already used in row 3",
        ]
        do {
            _ = try InventoryFolder.read(at: broken)
            Issue.record("expected the folder to be rejected")
        } catch {
            #expect(error.issues.map(\.description) == expected)
        }
        do {
            _ = try InventoryFolder.readFacts(at: broken)
            Issue.record("expected the folder to be rejected")
        } catch {
            #expect(error.issues.map(\.description) == expected)
        }
    }
}
