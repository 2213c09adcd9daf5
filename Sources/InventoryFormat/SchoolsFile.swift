import InventoryModel

/// `schools.csv`: one row a school.
enum SchoolsFile {
    static let name = "schools.csv"
    static let header = [
        "code", "name", "district", "locality", "central", "kind", "classes_kindergarten", "classes_primary",
        "classes_junior", "classes_senior", "classes_vocational", "classes_special", "students",
        "kindergarten_stars", "vocational_demo", "wireless_coverage_pct", "it_staff", "latitude", "longitude",
    ]
    static let stageColumns: [(Stage, String)] = Stage.allCases.map { ($0, "classes_" + $0.rawValue) }

    static func read(_ r: CSVReader) -> Keyed<School> {
        let code = r.column("code", required: true)
        let name = r.column("name", required: true)
        let district = r.column("district", required: true)
        let locality = r.column("locality", required: true, of: Locality.self)
        let central = r.column("central", required: true)
        let kind = r.column("kind", required: true, of: SchoolKind.self)
        let stages = stageColumns.map { (stage, column) in (stage, r.column(column, required: false)) }
        let students = r.column("students", required: false)
        let stars = r.column("kindergarten_stars", required: false)
        let demo = r.column("vocational_demo", required: false, of: VocationalDemo.self)
        let wireless = r.column("wireless_coverage_pct", required: false)
        let itStaff = r.column("it_staff", required: false)
        let latitude = r.column("latitude", required: false)
        let longitude = r.column("longitude", required: false)
        var result = Keyed<School>(
            file: SchoolsFile.name, keyColumn: "code", expected: r.estimatedRecords, key: { $0.code })
        while r.advance() {
            var classes = ClassCounts()
            for (stage, column) in stages { classes[stage] = r.integer(column, required: false) ?? 0 }
            let school = School(
                code: r.requiredText(code), name: r.requiredText(name), district: r.requiredText(district),
                locality: r.choice(locality) ?? .urban,
                central: r.bool(central, required: false) ?? false,
                kind: r.choice(kind) ?? .primary, classes: classes,
                students: r.integer(students, required: false),
                kindergartenStars: r.integer(stars, required: false, 0...5),
                vocationalDemo: r.choice(demo),
                wirelessCoveragePct: r.number(wireless, required: false, .range(0...100)),
                itStaff: r.integer(itStaff, required: false),
                latitude: r.number(latitude, required: false, .range(-90...90)),
                longitude: r.number(longitude, required: false, .range(-180...180)))
            result.append(school, key: school.code, row: r.row, log: r.log)
        }
        return result
    }

    static func write(_ schools: [School]) -> [UInt8] {
        var out = CSVWriter(header: header)
        for s in schools {
            var row = [
                s.code, s.name, s.district, CSVWriter.cell(s.locality), CSVWriter.cell(s.central),
                CSVWriter.cell(s.kind),
            ]
            for (stage, _) in stageColumns { row.append(String(s.classes[stage])) }
            row += [
                CSVWriter.cell(s.students), CSVWriter.cell(s.kindergartenStars), CSVWriter.cell(s.vocationalDemo),
                CSVWriter.cell(s.wirelessCoveragePct), CSVWriter.cell(s.itStaff), CSVWriter.cell(s.latitude),
                CSVWriter.cell(s.longitude),
            ]
            out.append(row: row)
        }
        return out.bytes
    }
}

/// Records of one file with the row each came from, checked for unique keys as they arrive.
///
/// While keys arrive in increasing order (as every file SchoolNet exports has them), each is
/// unique if it is greater than the one before, and no index is built; the first key out of
/// order builds the index from the records so far, and every later key goes through it.
struct Keyed<Record> {
    let file: String
    let keyColumn: String
    private let keyOf: (Record) -> String
    var records: [Record] = []
    var rows: [Int32] = []
    /// Whether the keys so far came in strictly increasing order.
    private(set) var ascending = true
    private var firstKey = ""
    private var lastKey = ""
    /// One index per part of the file that was read on its own; empty while ascending.
    private var indexes: [KeyIndex] = []

    /// An empty set of records, sized for about `expected` of them.
    init(file: String, keyColumn: String, expected: Int = 16, key: @escaping (Record) -> String) {
        self.file = file
        self.keyColumn = keyColumn
        keyOf = key
        records.reserveCapacity(expected)
        rows.reserveCapacity(expected)
    }

    /// Adds a record; a key seen before is logged with the row that had it first.
    mutating func append(_ record: consuming Record, key: String, row: Int, log: IssueLog, shownKey: String? = nil) {
        if !key.isEmpty {
            if ascending, key > lastKey {
                if firstKey.isEmpty { firstKey = key }
                lastKey = key
            } else {
                if ascending { buildIndex() }
                if let first = indexes[indexes.count - 1].insert(key, row: row) {
                    log.add(row: row, column: keyColumn, value: shownKey ?? key, "already used in row \(first)")
                }
            }
        }
        records.append(record)
        rows.append(Int32(truncatingIfNeeded: row))
    }

    /// Leaves the ascending mode: indexes every key so far.
    private mutating func buildIndex() {
        ascending = false
        var index = KeyIndex(expected: max(records.count * 2, 16))
        for (record, row) in zip(records, rows) {
            let key = keyOf(record)
            if !key.isEmpty { _ = index.insert(key, row: Int(row)) }
        }
        indexes = [index]
    }

    /// Appends the records of the next part of the file, logging keys both parts use.
    mutating func merge(_ next: Keyed<Record>, log: IssueLog) {
        var next = next
        if ascending, next.ascending, next.firstKey.isEmpty || next.firstKey > lastKey {
            if !next.lastKey.isEmpty { lastKey = next.lastKey }
        } else {
            if ascending { buildIndex() }
            if next.ascending { next.buildIndex() }
            for index in next.indexes {
                for (key, row) in index.entries {
                    if let first = indexes.lazy.compactMap({ $0.row(of: key) }).first {
                        log.add(row: row, column: keyColumn, value: key, "already used in row \(first)")
                    }
                }
            }
            indexes += next.indexes
        }
        records += next.records
        rows += next.rows
    }

    func contains(_ key: String) -> Bool { keys.contains(key) }

    /// The keys, for other files to check their references against.
    var keys: KnownKeys {
        ascending ? KnownKeys(sorted: records.map(keyOf)) : KnownKeys(indexes)
    }
}

/// The keys of one file, which rows of other files may name; read concurrently, never written.
final class KnownKeys: Sendable {
    private let indexes: [KeyIndex]
    /// Keys in increasing order, searched by halving, when the file had them so.
    private let sorted: [String]

    init(_ indexes: [KeyIndex]) {
        self.indexes = indexes
        sorted = []
    }

    init(sorted: [String]) {
        indexes = []
        self.sorted = sorted
    }

    func contains(_ key: String) -> Bool {
        if !indexes.isEmpty { return indexes.contains { $0.row(of: key) != nil } }
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == key
    }
}
