import InventoryModel

/// `schools.csv`: one row a school.
enum SchoolsFile {
    static let name = "schools.csv"
    /// The column keys in the order the exporter writes them (``InventoryTable/columns``).
    static let header = InventoryTable.schools.header
    static let stageColumns: [(Stage, String)] = Stage.allCases.map { ($0, "classes_" + $0.rawValue) }

    static func read(_ r: CSVReader) -> Keyed<School> {
        func column(_ key: String) -> ReadColumn { r.column(key, of: .schools) }
        let code = column("code")
        let name = column("name")
        let district = column("district")
        let locality = r.column("locality", of: .schools, as: Locality.self)
        let central = column("central")
        let kind = r.column("kind", of: .schools, as: SchoolKind.self)
        let stages = stageColumns.map { (stage, key) in (stage, column(key)) }
        let students = column("students")
        let stars = column("kindergarten_stars")
        let demo = r.column("vocational_demo", of: .schools, as: VocationalDemo.self)
        let wireless = column("wireless_coverage_pct")
        let itStaff = column("it_staff")
        let latitude = column("latitude")
        let longitude = column("longitude")
        var result = Keyed<School>(file: SchoolsFile.name, keyColumn: "code", key: KeyCells(code), reader: r)
        while r.advance() {
            var classes = ClassCounts()
            for (stage, column) in stages { classes[stage] = r.integer(column) ?? 0 }
            let key = r.requiredText(code)
            let school = School(
                code: key, name: r.requiredText(name), district: r.requiredText(district),
                locality: r.choice(locality) ?? .urban, central: r.bool(central) ?? false,
                kind: r.choice(kind) ?? .primary, classes: classes, students: r.integer(students),
                kindergartenStars: r.integer(stars), vocationalDemo: r.choice(demo),
                wirelessCoveragePct: r.number(wireless), itStaff: r.integer(itStaff), latitude: r.number(latitude),
                longitude: r.number(longitude))
            result.append(school, from: r)
        }
        return result
    }

    static func write(_ schools: [School]) -> [UInt8] { CSVWriter.file(header: header, schools, cells: cells) }

    /// One record's cells, in header order.
    static func cells(_ s: School) -> [String] {
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
        return row
    }
}
