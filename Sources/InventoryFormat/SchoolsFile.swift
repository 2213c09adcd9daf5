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

    static func read(_ r: inout CSVReader) -> Keyed<School> {
        let code = r.column("code", required: true)
        let name = r.column("name", required: true)
        let district = r.column("district", required: true)
        let locality = r.column("locality", required: true)
        let central = r.column("central", required: true)
        let kind = r.column("kind", required: true)
        let stages = stageColumns.map { (stage, column) in (stage, r.column(column, required: false)) }
        let students = r.column("students", required: false)
        let stars = r.column("kindergarten_stars", required: false)
        let demo = r.column("vocational_demo", required: false)
        let wireless = r.column("wireless_coverage_pct", required: false)
        let itStaff = r.column("it_staff", required: false)
        let latitude = r.column("latitude", required: false)
        let longitude = r.column("longitude", required: false)
        var result = Keyed<School>(file: SchoolsFile.name, keyColumn: "code")
        while r.advance() {
            var classes = ClassCounts()
            for (stage, column) in stages { classes[stage] = r.integer(column, required: false) ?? 0 }
            let school = School(
                code: r.requiredText(code), name: r.requiredText(name), district: r.requiredText(district),
                locality: r.choice(locality, required: true, Locality.self) ?? .urban,
                central: r.bool(central, required: false) ?? false,
                kind: r.choice(kind, required: true, SchoolKind.self) ?? .primary, classes: classes,
                students: r.integer(students, required: false),
                kindergartenStars: r.integer(stars, required: false, 0...5),
                vocationalDemo: r.choice(demo, required: false, VocationalDemo.self),
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
struct Keyed<Record> {
    let file: String
    let keyColumn: String
    var records: [Record] = []
    var rows: [Int] = []
    private var rowOfKey: [String: Int] = [:]

    init(file: String, keyColumn: String) {
        self.file = file
        self.keyColumn = keyColumn
    }

    /// Adds a record; a key seen before is logged with the row that had it first.
    mutating func append(_ record: Record, key: String, row: Int, log: IssueLog, shownKey: String? = nil) {
        if !key.isEmpty, let first = rowOfKey.updateValue(row, forKey: key) {
            rowOfKey[key] = first
            log.add(row: row, column: keyColumn, value: shownKey ?? key, "already used in row \(first)")
        }
        records.append(record)
        rows.append(row)
    }

    /// The row of a key, if a record has it.
    func row(of key: String) -> Int? { rowOfKey[key] }

    func contains(_ key: String) -> Bool { rowOfKey[key] != nil }
}
