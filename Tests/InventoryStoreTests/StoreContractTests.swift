import Foundation
import InventoryModel
import InventoryStorePostgres
import InventoryStoreSQLite
import InventoryStores
import SampleCity
import Synchronization
import TestSupport
import Testing

/// The backends a store test runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A new, empty store of this backend.
    ///
    /// - Parameter generationsKept: the generations of changes its log keeps.
    func emptyStore(generationsKept: Int = StoreChanges.generationsKept) async throws -> any InventoryStore {
        switch self {
        case .sqlite:
            try SQLiteInventoryStore(path: Programs.temporaryPath(".sqlite"), generationsKept: generationsKept)
        case .postgres:
            try await PostgresInventoryStore(
                PostgresLocation(
                    url: try await TestPostgres.database(),
                    environment: ["PGPASSWORD": try await TestPostgres.server().password ?? ""]),
                connections: 4, generationsKept: generationsKept)
        }
    }

    /// Runs `body` with a new store and closes it.
    func withStore(
        generationsKept: Int = StoreChanges.generationsKept, _ body: (any InventoryStore) async throws -> Void
    ) async throws {
        let store = try await emptyStore(generationsKept: generationsKept)
        do {
            try await body(store)
            await store.close()
        } catch {
            await store.close()
            throw error
        }
    }
}

func sampleCity(seed: UInt64, schools: Int) -> Inventory {
    var options = SampleCityGenerator.Options()
    options.seed = seed
    options.schools = schools
    var generator = SampleCityGenerator(options: options)
    return generator.generate()
}

/// Every behaviour the service and the commands rely on, the same on every backend: what is
/// stored is what is read, all or nothing, idempotent ingest, the conflict rules, queries,
/// tokens and sessions, and the change counter.
@Suite("Store contract")
struct StoreContractTests {
    /// What is stored is what is loaded: the whole city, plan included, in canonical order.
    @Test(arguments: Backend.allCases) func storeAndLoad(_ backend: Backend) async throws {
        try await backend.withStore { store in
            #expect(try await store.isEmpty())
            var city = sampleCity(seed: 1, schools: 120)
            city.plan.measurementTolerance = 0.85
            city.plan.schoolDays = [1, 2, 3, 4, 5, 6]
            city.plan.timeZone = "Asia/Urumqi"
            // Texts COPY and SQL must carry as they are: tabs, newlines, backslashes, quotes, NULL's look.
            city.schools[0].name = "第一\t中学\\N\n'; DROP TABLE schools; --"
            city.assets[0].room = "\\\r\\t"
            try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
            #expect(try await !store.isEmpty())
            #expect(try await store.loadInventory() == city.canonical)
            #expect(try await store.schoolCount() == 120)
            #expect(try await store.planTimeZone() == "Asia/Urumqi")
            let counts = try await store.counts()
            #expect(counts[.schools] == 120 && counts[.assets] == city.assets.count)
            #expect(counts[.measurements] == city.measurements.count)
        }
    }

    /// A second import replaces the first: nothing of the old city is left behind.
    @Test(arguments: Backend.allCases) func importReplaces(_ backend: Backend) async throws {
        try await backend.withStore { store in
            try await store.replaceInventory(
                with: sampleCity(seed: 1, schools: 100), measurements: .replace, progress: nil)
            let smaller = sampleCity(seed: 2, schools: 40)
            try await store.replaceInventory(with: smaller, measurements: .replace, progress: nil)
            #expect(try await store.loadInventory() == smaller.canonical)
        }
    }

    /// Importing with `keep`, the results of schools the new city keeps stay (uploads since the
    /// export are not lost), those of schools it drops go, and the folder's are added once.
    @Test(arguments: Backend.allCases) func importKeepsMeasurements(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let city = sampleCity(seed: 4, schools: 60)
            try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
            let kept = city.schools[0].code
            let dropped = city.schools[1].code
            let upload = [
                measurement("late-1", school: kept, day: 3), measurement("late-2", school: dropped, day: 3),
            ]
            #expect(try await store.write(Inventory(measurements: upload), on: .ignore) == 2)
            var next = city
            next.schools.removeAll { $0.code == dropped }
            next.links.removeAll { $0.schoolCode == dropped }
            next.assets.removeAll { $0.schoolCode == dropped }
            next.measurements.removeAll { $0.schoolCode == dropped }
            next.schools[0].name = "renamed"
            try await store.replaceInventory(with: next, measurements: .keep, progress: nil)
            var expected = next
            expected.measurements.append(upload[0])
            #expect(try await store.loadInventory() == expected.canonical)
        }
    }

    /// An import that fails part way (a row the schema refuses, written last) leaves the
    /// store exactly as it was; so does a row naming a school the city lacks.
    @Test(arguments: Backend.allCases) func failedImportChangesNothing(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let before = sampleCity(seed: 1, schools: 80)
            try await store.replaceInventory(with: before, measurements: .replace, progress: nil)
            let generation = try await store.generation()
            var broken = sampleCity(seed: 5, schools: 90)
            broken.measurements[broken.measurements.count - 1].mbps = -1  // CHECK (mbps >= 0)
            for rule in [MeasurementsOnImport.replace, .keep] {
                await #expect(throws: RecordWriteError.self) {
                    try await store.replaceInventory(with: broken, measurements: rule, progress: nil)
                }
            }
            var dangling = sampleCity(seed: 6, schools: 20)
            dangling.links[0].schoolCode = "DL-XX-9999"
            await #expect(throws: DanglingReference.self) {
                try await store.replaceInventory(with: dangling, measurements: .replace, progress: nil)
            }
            #expect(try await store.loadInventory() == before.canonical)
            #expect(try await store.generation() == generation)
        }
    }

    /// A result is its school and id: sent again it is skipped, in one batch or the next; another
    /// school may use the same id; the counter moves only when something was written.
    @Test(arguments: Backend.allCases) func idempotentIngest(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let city = sampleCity(seed: 2, schools: 10)
            try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
            let (a, b) = (city.schools[0].code, city.schools[1].code)
            let held = city.measurements.filter { $0.schoolCode == a }.count
            let batch = (0..<50).map { measurement("r\($0)", school: a, day: $0 % 40) }
            #expect(try await store.write(Inventory(measurements: batch), on: .ignore) == 50)
            let generation = try await store.generation()
            #expect(try await store.write(Inventory(measurements: batch), on: .ignore) == 0)
            #expect(try await store.generation() == generation)
            // The same id at another time is the same result; twice in one batch, the first is kept.
            var moved = batch[0]
            moved.startedAt.millisecondsSinceEpoch += 86_400_000 * 90
            var twice = [measurement("new", school: a, day: 1), measurement("new", school: a, day: 2)]
            twice[1].mbps = 999
            #expect(try await store.write(Inventory(measurements: [moved] + twice), on: .ignore) == 1)
            #expect(
                try await store.write(Inventory(measurements: [measurement("r0", school: b, day: 1)]), on: .ignore) == 1
            )
            var query = RecordQuery()
            query.equal = [("school_code", .text(a))]
            query.limit = 10_000
            let stored = try await store.records(.measurements, query)
            #expect(stored.total == held + 51)
            #expect(stored.page.measurements.first { $0.id == "new" }?.mbps == twice[0].mbps)
            #expect(stored.page.measurements.first { $0.id == "r0" } == batch[0])
            // A result long before or after the years partitions are made for is kept too.
            var old = measurement("1999", school: a, day: 0)
            old.startedAt.millisecondsSinceEpoch = 915_148_800_000  // 1999-01-01
            var far = measurement("2150", school: a, day: 0)
            far.startedAt.millisecondsSinceEpoch = 5_680_281_600_000
            #expect(try await store.write(Inventory(measurements: [old, far]), on: .ignore) == 2)
            #expect(try await store.record(.measurements, key: [a, "1999"])?.measurements == [old])
        }
    }

    /// Create refuses a taken key, update writes over it, ignore keeps the stored one; a record
    /// naming an unknown school or holding a refused value fails; a fragment is written whole or
    /// not at all.
    @Test(arguments: Backend.allCases) func conflictRules(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let city = sampleCity(seed: 3, schools: 10)
            try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
            var school = city.schools[0]
            await #expect(throws: RecordWriteError.conflict("a record with this key exists already")) {
                try await store.write(Inventory(schools: [school]), on: .fail)
            }
            school.name = "changed"
            #expect(try await store.write(Inventory(schools: [school]), on: .ignore) == 0)
            #expect(try await store.record(.schools, key: [school.code])?.schools[0].name == city.schools[0].name)
            #expect(try await store.write(Inventory(schools: [school]), on: .update) == 1)
            #expect(try await store.record(.schools, key: [school.code])?.schools[0].name == "changed")

            var link = city.links[0]
            link.linkID = "L-NEW"
            link.schoolCode = "DL-XX-9999"
            await #expect(throws: RecordWriteError.unknownSchool) {
                try await store.write(Inventory(links: [link]), on: .fail)
            }
            link.schoolCode = school.code
            var bad = city.links[1]
            bad.linkID = "L-BAD"
            bad.downMbps = -5
            let before = try await store.loadInventory()
            for rule in [WriteConflict.fail, .update, .ignore] {
                await #expect {
                    try await store.write(Inventory(links: [link, bad]), on: rule)
                } throws: { error in
                    guard case .invalid = error as? RecordWriteError else { return false }
                    return true
                }
            }
            #expect(try await store.loadInventory() == before)
            #expect(try await store.write(Inventory(links: [link]), on: .fail) == 1)
            // A measurement's create refuses its (school, id) whatever its time.
            var result = measurement("m1", school: school.code, day: 1)
            #expect(try await store.write(Inventory(measurements: [result]), on: .fail) == 1)
            result.startedAt.millisecondsSinceEpoch += 60_000
            await #expect(throws: RecordWriteError.self) {
                try await store.write(Inventory(measurements: [result]), on: .fail)
            }
            result.mbps = 42
            #expect(try await store.write(Inventory(measurements: [result]), on: .update) == 1)
            #expect(try await store.record(.measurements, key: [school.code, "m1"])?.measurements == [result])
        }
    }

    /// Lists filter by equal values (text and yes/no), by time and by school, in key order, a
    /// page at a time with the total; a record is found and deleted by its key, a school with
    /// everything that names it.
    @Test(arguments: Backend.allCases) func queries(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let city = sampleCity(seed: 7, schools: 90)
            try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
            let district = city.schools[5].district
            var query = RecordQuery()
            query.equal = [("district", .text(district)), ("central", .boolean(true))]
            query.limit = 3
            query.offset = 1
            let expected = city.canonical.schools.filter { $0.district == district && $0.central }
            let page = try await store.records(.schools, query)
            #expect(page.total == expected.count)
            #expect(page.page.schools == Array(expected.dropFirst().prefix(3)))

            let probed = try #require(city.measurements.first).schoolCode
            let times = city.measurements.filter { $0.schoolCode == probed }.map(\.startedAt).sorted()
            var timed = RecordQuery()
            timed.equal = [("school_code", .text(probed))]
            timed.startedFrom = times[times.count / 4]
            timed.startedBefore = times[times.count / 2]
            timed.limit = 10_000
            let inRange = try await store.records(.measurements, timed)
            #expect(inRange.total == times.filter { $0 >= times[times.count / 4] && $0 < times[times.count / 2] }.count)

            var some = RecordQuery()
            some.schoolCodes = [city.schools[0].code, city.schools[1].code, "DL-XX-0000"]
            some.limit = 1000
            #expect(
                try await store.records(.links, some).page.links
                    == city.canonical.links.filter { some.schoolCodes!.contains($0.schoolCode) })
            #expect(try await store.unknownSchools([city.schools[0].code, "DL-XX-0000"]) == ["DL-XX-0000"])

            let storage = city.storageReadings[0]
            #expect(
                try await store.record(.storage, key: [storage.pool, storage.asOf.description])?.storageReadings == [
                    storage
                ])
            #expect(try await store.record(.schools, key: ["DL-XX-0000"]) == nil)
            let generation = try await store.generation()
            #expect(try await store.delete(.schools, key: [probed]))
            #expect(try await !store.delete(.schools, key: [probed]))
            #expect(try await store.generation() == generation + 1)
            let left = try await store.loadInventory()
            #expect(!left.links.contains { $0.schoolCode == probed })
            #expect(!left.measurements.contains { $0.schoolCode == probed })
            #expect(left.assets.count == city.assets.filter { $0.schoolCode != probed }.count)
        }
    }

    /// Tokens are found by their hash while valid; sessions while they last and their token is
    /// valid; an ended session is dropped when the next begins; a session needs a real token.
    @Test(arguments: Backend.allCases) func tokensAndSessions(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let planner = APIToken(
                id: "t1", name: "p", scope: .planner, schoolCode: nil, createdAt: "2026-12-04T00:00:00Z")
            let probe = APIToken(
                id: "t2", name: "q", scope: .probe, schoolCode: "DL-ZS-0001", createdAt: "2026-12-04T00:00:01Z")
            try await store.addToken(planner, sha256: "h1")
            try await store.addToken(probe, sha256: "h2")
            #expect(try await store.token(sha256: "h2") == probe)
            #expect(try await store.token(sha256: "nope") == nil)
            #expect(try await store.tokens() == [planner, probe])
            await #expect(throws: (any Error).self) { try await store.addToken(probe, sha256: "h3") }

            try await store.addSession(sha256: "s1", tokenID: "t1", csrf: "c1", expiresAtMs: 2_000, nowMs: 1_000)
            #expect(
                try await store.session(sha256: "s1", nowMs: 1_500)
                    == WebSession(token: planner, csrf: "c1", expiresAtMs: 2_000))
            #expect(try await store.session(sha256: "s1", nowMs: 2_000) == nil)
            try await store.addSession(sha256: "s2", tokenID: "t1", csrf: "c2", expiresAtMs: 9_000, nowMs: 3_000)
            try await store.removeSession(sha256: "s2")
            #expect(try await store.session(sha256: "s2", nowMs: 3_500) == nil)
            try await store.addSession(sha256: "s3", tokenID: "t1", csrf: "c3", expiresAtMs: 9_000, nowMs: 3_000)
            #expect(try await store.revokeToken(id: "t1", at: "2026-12-04T01:00:00Z"))
            #expect(try await !store.revokeToken(id: "t1", at: "2026-12-04T02:00:00Z"))
            #expect(try await store.token(sha256: "h1") == nil)
            #expect(try await store.session(sha256: "s3", nowMs: 3_500) == nil)
            #expect(try await store.tokens().first?.revokedAt == "2026-12-04T01:00:00Z")
            await #expect(throws: (any Error).self) {
                try await store.addSession(sha256: "s4", tokenID: "nobody", csrf: "c", expiresAtMs: 9_000, nowMs: 3_000)
            }
        }
    }

    /// The plan is replaced alone; every write of the city raises the counter.
    @Test(arguments: Backend.allCases) func planAndGeneration(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let city = sampleCity(seed: 8, schools: 5)
            try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
            let first = try await store.generation()
            var plan = city.plan
            plan.timeZone = "Asia/Harbin"
            plan.perClassRuralMbps = 7.5
            try await store.replacePlan(plan)
            #expect(try await store.generation() == first + 1)
            #expect(try await store.planTimeZone() == "Asia/Harbin")
            #expect(try await store.loadInventory().plan == plan)
        }
    }

    /// The city as the rules read it: the small tables whole, assets and measurements as the
    /// facts of the records stored, and of the measurements only those of the window asked for.
    @Test(arguments: Backend.allCases) func factsAsTheRulesReadThem(_ backend: Backend) async throws {
        try await backend.withStore { store in
            var city = sampleCity(seed: 12, schools: 60)
            city.assets[0].schoolCode = nil
            city.assets[1].expectedLifeYears = nil
            city.assets[2].expectedLifeYears = 3.5
            city.measurements[0].crossTrafficMbps = nil
            city.measurements[1].crossTrafficMbps = 12.25
            city.measurements[2].valid = false
            try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
            let stored = CityFacts(try await store.loadInventory())
            func counted<T: Hashable>(_ facts: [T]) -> [T: Int] { facts.reduce(into: [:]) { $0[$1, default: 0] += 1 } }

            let all = try await store.loadFacts { _ in nil }
            var small = stored.inventory
            small.assets = []
            small.measurements = []
            #expect(all.inventory == small)
            #expect(counted(all.assets) == counted(stored.assets))
            #expect(counted(all.measurements) == counted(stored.measurements))

            let times = city.measurements.map(\.startedAt.millisecondsSinceEpoch).sorted()
            let window = times[times.count / 3]..<times[2 * times.count / 3]
            let cityPlan = city.plan
            let inWindow = try await store.loadFacts { plan in plan == cityPlan ? window : nil }
            #expect(!inWindow.measurements.isEmpty)
            #expect(
                counted(inWindow.measurements)
                    == counted(stored.measurements.filter { window.contains($0.startedAtMs) }))
        }
    }

    /// The log keeps the generations it is told to: a reader within them learns which schools
    /// changed, one further behind reads the city again.
    @Test(arguments: Backend.allCases) func changeLogPruned(_ backend: Backend) async throws {
        try await backend.withStore(generationsKept: 3) { store in
            let city = sampleCity(seed: 9, schools: 20)
            let code = city.schools.map(\.code)
            try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
            let imported = try await store.generation()
            for (day, school) in code.prefix(5).enumerated() {
                try await store.write(
                    Inventory(measurements: [measurement("p\(day)", school: school, day: day)]), on: .ignore)
            }
            #expect(try await store.generation() == imported + 5)
            // Kept: the last three writes' generations, imported + 3 to imported + 5.
            #expect(
                try await store.changes(since: imported + 2, atMostSchools: 10)
                    == schoolsChanged([code[2], code[3], code[4]], in: store))
            #expect(try await store.changes(since: imported + 1, atMostSchools: 10) == .city(generation: imported + 5))
            #expect(try await store.changes(since: imported, atMostSchools: 10) == .city(generation: imported + 5))
        }
    }

    /// Each write logs what it touched, so a reader behind learns which schools changed (with all
    /// their records as they are now) or that it must read the city again.
    @Test(arguments: Backend.allCases) func changeLog(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let city = sampleCity(seed: 9, schools: 40)
            let code = city.schools.map(\.code)
            try await store.replaceInventory(with: city, measurements: .replace, progress: nil)
            let imported = try await store.generation()
            #expect(try await store.changes(since: imported, atMostSchools: 10) == StoreChanges.none)
            #expect(try await store.changes(since: imported - 1, atMostSchools: 10) == .city(generation: imported))
            #expect(try await store.changes(since: imported + 5, atMostSchools: 10) == .city(generation: imported))

            // A result of one school: that school, with every record of it.
            try await store.write(Inventory(measurements: [measurement("x1", school: code[3], day: 3)]), on: .ignore)
            #expect(try await store.changes(since: imported, atMostSchools: 10) == schoolsChanged([code[3]], in: store))

            // Of the changed schools' measurements, those of a window only when asked.
            let x1 = measurement("x1", school: code[3], day: 3)
            let time = x1.startedAt.millisecondsSinceEpoch
            guard
                case .schools(_, let windowCodes, let windowed) = try await store.changes(
                    since: imported, atMostSchools: 10, measuredWithin: time..<time + 1)
            else {
                Issue.record("a change of schools")
                return
            }
            #expect(windowCodes == [code[3]] && windowed.measurements == [x1])
            #expect(!windowed.links.isEmpty || !windowed.assets.isEmpty)

            // A link written over from one school to another: both changed.
            var moved = city.links.first { $0.schoolCode == code[5] }!
            moved.schoolCode = code[6]
            try await store.write(Inventory(links: [moved]), on: .update)
            let afterMove = try await store.generation()
            #expect(
                try await store.changes(since: afterMove - 1, atMostSchools: 10)
                    == schoolsChanged([code[5], code[6]], in: store))
            #expect(
                try await store.changes(since: imported, atMostSchools: 10)
                    == schoolsChanged([code[3], code[5], code[6]], in: store))
            // More schools than the reader takes: the city.
            #expect(try await store.changes(since: imported, atMostSchools: 2) == .city(generation: afterMove))

            // A deleted asset: its school. A deleted school: its code, and no records of it left.
            let asset = city.assets.first { $0.schoolCode == code[7] }!
            #expect(try await store.delete(.assets, key: [asset.assetTag]))
            #expect(
                try await store.changes(since: afterMove, atMostSchools: 10) == schoolsChanged([code[7]], in: store))
            #expect(try await store.delete(.schools, key: [code[8]]))
            guard
                case .schools(_, let codes, let records) = try await store.changes(since: afterMove, atMostSchools: 10)
            else {
                Issue.record("a deleted school is a change of schools")
                return
            }
            #expect(codes == [code[7], code[8]])
            #expect(
                !records.schools.contains { $0.code == code[8] } && !records.links.contains { $0.schoolCode == code[8] }
            )

            // An asset moved between schools: both; to no school: the city.
            var movedAsset = city.assets.first { $0.schoolCode == code[9] }!
            movedAsset.schoolCode = code[10]
            try await store.write(Inventory(assets: [movedAsset]), on: .update)
            let afterAsset = try await store.generation()
            #expect(
                try await store.changes(since: afterAsset - 1, atMostSchools: 10)
                    == schoolsChanged([code[9], code[10]], in: store))
            movedAsset.schoolCode = nil
            try await store.write(Inventory(assets: [movedAsset]), on: .update)
            #expect(
                try await store.changes(since: afterAsset, atMostSchools: 10) == .city(generation: afterAsset + 1))

            // What no school owns: the city.
            let beforeCity = try await store.generation()
            var egress = city.egressLinks[0]
            egress.capacityGbps += 1
            try await store.write(Inventory(egressLinks: [egress]), on: .update)
            #expect(try await store.changes(since: beforeCity, atMostSchools: 10) == .city(generation: beforeCity + 1))
            var orphan = city.assets[0]
            orphan.assetTag = "CITY-1"
            orphan.schoolCode = nil
            try await store.write(Inventory(assets: [orphan]), on: .fail)
            #expect(
                try await store.changes(since: beforeCity + 1, atMostSchools: 10) == .city(generation: beforeCity + 2))
            try await store.replacePlan(city.plan)
            #expect(
                try await store.changes(since: beforeCity + 2, atMostSchools: 10) == .city(generation: beforeCity + 3))
            // A write that changes nothing logs nothing.
            try await store.write(Inventory(measurements: [measurement("x1", school: code[3], day: 3)]), on: .ignore)
            #expect(try await store.generation() == beforeCity + 3)
        }
    }

    /// Progress is reported up to the total number of rows.
    @Test(arguments: Backend.allCases) func progress(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let city = sampleCity(seed: 1, schools: 600)
            let seen = Mutex<[(Int, Int)]>([])
            try await store.replaceInventory(
                with: city, measurements: .replace,
                progress: { done, total in seen.withLock { $0.append((done, total)) } })
            let calls = seen.withLock { $0 }
            let total = InventoryTable.allCases.count
            #expect(total == 7)
            let rows =
                city.schools.count + city.links.count + city.assets.count + city.egressLinks.count
                + city.storageReadings.count + city.districts.count + city.measurements.count
            #expect(calls.last.map { $0 == (rows, rows) } == true)
            #expect(calls.count > 1)
        }
    }
}

/// What a store must answer when these schools alone changed: their codes and every record of
/// theirs, as the whole city read now holds them.
func schoolsChanged(_ codes: Set<String>, in store: any InventoryStore) async throws -> StoreChanges {
    let now = try await store.loadInventory()
    var records = Inventory()
    records.schools = now.schools.filter { codes.contains($0.code) }
    records.links = now.links.filter { codes.contains($0.schoolCode) }
    records.assets = now.assets.filter { $0.schoolCode.map(codes.contains) ?? false }
    records.measurements = now.measurements.filter { codes.contains($0.schoolCode) }
    return .schools(generation: try await store.generation(), codes: codes, records: records)
}

/// A 5-minute download sample of a school, `day` days after 2026-10-01.
func measurement(_ id: String, school: String, day: Int) -> ProbeMeasurement {
    ProbeMeasurement(
        id: id, schoolCode: school, probeID: "probe-\(school)", kind: .utilisationDown,
        startedAt: Timestamp(
            millisecondsSinceEpoch: 1_759_276_800_000 + Int64(day) * 86_400_000, utcOffsetMinutes: 480),
        durationSeconds: 300, mbps: Double(day) + 0.5, valid: true)
}
