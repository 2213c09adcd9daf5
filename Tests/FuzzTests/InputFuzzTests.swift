import Foundation
import InventoryFormat
import InventoryModel
import Planner
import TestSupport
import Testing

@testable import InventoryAPI

/// Bounded random-mutation fuzzing of everything a user or a client hands SchoolNet: the
/// interchange folder's CSV files, plan.yaml and the API's JSON bodies. Each mutated input must
/// be refused with issues or read; a city that is read must go through every planner (the
/// compliance report, renewals, the declaration, capacity) as of the first, a middle and the
/// last day a date may be. Surviving the run is the proof: a trap or a hang fails it.
///
/// `SCHOOLNET_FUZZ_ITERATIONS=200000 swift test --filter FuzzTests` runs longer;
/// `SCHOOLNET_FUZZ_SEED` picks another sequence.
@Suite("fuzzing the readers and the planners")
struct InputFuzzTests {
    /// A small city cut from the sample city: its first schools and their rows, every city-wide row.
    static let corpus: [String: [UInt8]] = {
        let folder = Programs.path("Inventory/sample-city")
        var files: [String: [UInt8]] = [:]
        let schools = Set(["DL-CH-0001", "DL-CH-0002", "DL-ZS-0001", "DL-ZS-0002", "DL-ZH-0001", "DL-JZ-0003"])
        for name in try! FileManager.default.contentsOfDirectory(atPath: folder) {
            let text = try! String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            guard name.hasSuffix(".csv") else {
                files[name] = Array(text.utf8)
                continue
            }
            let lines = text.split(separator: "\n")
            let column = lines[0].split(separator: ",").firstIndex { $0 == "school_code" || $0 == "code" }
            let kept = lines.dropFirst().filter { line in
                guard let column else { return true }
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                return cells.count > column && (cells[column].isEmpty || schools.contains(String(cells[column])))
            }
            files[name] = Array(([lines[0]] + kept.prefix(400)).joined(separator: "\n").utf8) + [10]
        }
        return files
    }()

    static let days = ["1900-01-01", "2026-11-24", "2200-12-31"].map { CalendarDate(iso: $0)! }

    /// Every planner over a city that was read, as of a day: none may trap.
    static func plan(_ city: Inventory, asOf day: CalendarDate) {
        let report = ComplianceSolver(plan: city.plan, asOf: day).evaluate(CityIndex(city))
        _ = report.jsonBytes()
        _ = report.table()
        _ = report.csv()
        let schedule = RenewalPlanner(plan: city.plan).schedule(city, startYear: day.year + 1, years: 3)
        _ = RenewalReport.csv(schedule)
        _ = RenewalReport.table(schedule)
        _ =
            OperationsDeclaration(
                city, plan: city.plan, asOf: day, startYear: day.year + 1, grouping: .school
            ).markdown
        let capacity = CapacityPlanner(plan: city.plan, asOf: day).plan(city, report: report, years: 5)
        _ = CapacityReport.json(capacity)
    }

    /// Mutated CSV files of a folder: read into records and into facts (the same issues or the
    /// same city), then planned.
    @Test func interchangeFolders() throws {
        let folder = Programs.temporaryPath()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, bytes) in Self.corpus { try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        let names = Self.corpus.keys.filter { $0.hasSuffix(".csv") }.sorted()
        var mutator = Mutator(seed: Fuzzing.seed(default: 20_261_203))
        var read = 0
        for iteration in 0..<Fuzzing.iterations(default: 1500) {
            let name = names[iteration % names.count]
            let mutated = mutator.mutate(Self.corpus[name]!)
            let path = URL(fileURLWithPath: folder + "/" + name)
            try Data(mutated).write(to: path)
            defer { try? Data(Self.corpus[name]!).write(to: path) }
            let records = Result { () throws(InventoryReadError) in try InventoryFolder.read(at: folder) }
            let facts = Result { () throws(InventoryReadError) in try InventoryFolder.readFacts(at: folder) }
            switch (records, facts) {
            case (.success(let contents), .success(let (cityFacts, _))):
                read += 1
                let day = Self.days[iteration % Self.days.count]
                Self.plan(contents.inventory, asOf: day)
                _ = ComplianceSolver(plan: cityFacts.inventory.plan, asOf: day).evaluate(CityIndex(cityFacts))
            case (.failure(let a), .failure(let b)):
                #expect(!a.issues.isEmpty && a.issues == b.issues, "\(name) #\(iteration)")
            default:
                Issue.record("\(name) #\(iteration): read into records and into facts disagree")
            }
        }
        // Mutations that keep a file valid are part of the point: the planners see odd cities.
        #expect(read > 0)
    }

    /// Mutated plan.yaml: refused with issues naming a line, or read and planned with.
    @Test func planFiles() throws {
        let city = try InventoryFolder.read(at: Programs.path("Inventory/sample-city")).inventory
        var mutator = Mutator(seed: Fuzzing.seed(default: 20_261_203))
        var read = 0
        for iteration in 0..<Fuzzing.iterations(default: 3000) {
            let text = String(decoding: mutator.mutate(Self.corpus["plan.yaml"]!), as: UTF8.self)
            do {
                var planned = city
                planned.plan = try PlanFile.read(yaml: text)
                read += 1
                // Planning the whole sample city costs; every 50th plan read is enough.
                if read % 50 == 0 { Self.plan(planned, asOf: Self.days[iteration % Self.days.count]) }
            } catch {
                #expect(!error.issues.isEmpty)
                // A message is a line a user reads, not the file printed back.
                #expect(error.issues.allSatisfy { $0.description.count < 1000 }, "\(error.issues)")
            }
        }
        #expect(read > 0)
    }

    /// Mutated API bodies: refused as malformed or as records, or read as records.
    @Test func jsonBodies() throws {
        let body = Array(
            """
            {"measurements": [{"id": "m-1", "school_code": "DL-CH-0001", "probe_id": "p1", "kind": "throughput_down", \
            "started_at": "2026-11-20T10:00:00+08:00", "duration_s": 10, "mbps": 95.5, "cross_traffic_mbps": null, \
            "rtt_ms": 3.1, "loss_pct": 0, "valid": true}]}
            """.utf8)
        var mutator = Mutator(seed: Fuzzing.seed(default: 20_261_203))
        for _ in 0..<Fuzzing.iterations(default: 5000) {
            guard let value = try? JSONValue.parse(mutator.mutate(body)),
                case .array(let items)? = value["measurements"]
            else { continue }
            _ = try? Resource.measurements.records(items, path: { "measurements[\($0)]" })
        }
    }

    /// Inputs that crashed or hung SchoolNet, kept as they were found: each folder under
    /// Regressions/ replaces files of the corpus and must be refused or planned, not trap.
    @Test(arguments: try! FileManager.default.contentsOfDirectory(atPath: InputFuzzTests.regressions).sorted())
    func regression(_ name: String) throws {
        let folder = Programs.temporaryPath()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (file, bytes) in Self.corpus { try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + file)) }
        let overrides = Self.regressions + "/" + name
        for file in try FileManager.default.contentsOfDirectory(atPath: overrides) {
            try FileManager.default.removeItem(atPath: folder + "/" + file)
            try FileManager.default.copyItem(atPath: overrides + "/" + file, toPath: folder + "/" + file)
        }
        do {
            let city = try InventoryFolder.read(at: folder).inventory
            for day in Self.days { Self.plan(city, asOf: day) }
        } catch {
            #expect(!error.issues.isEmpty)
        }
    }

    static let regressions = Programs.path("Tests/FuzzTests/Regressions")
}
