import InventoryModel

/// `schools.csv`: one row a school.
enum SchoolsFile {
    static let name = "schools.csv"
    /// The columns in the order the exporter writes them, each with the Chinese caption a header
    /// row may give instead of its key (Inventory/README.md lists both).
    static let columns: [(key: String, caption: String)] = [
        ("code", "学校代码"), ("name", "学校名称"), ("district", "所属区县"), ("locality", "城乡类别"), ("central", "是否中心校"),
        ("kind", "学校类型"), ("classes_kindergarten", "学前班级数"), ("classes_primary", "小学班级数"),
        ("classes_junior", "初中班级数"), ("classes_senior", "高中班级数"), ("classes_vocational", "中职班级数"),
        ("classes_special", "特教班级数"), ("students", "学生数"), ("kindergarten_stars", "幼儿园星级"),
        ("vocational_demo", "中职示范等级"), ("wireless_coverage_pct", "无线覆盖率(%)"), ("it_staff", "专职信息技术人员数"),
        ("latitude", "纬度"), ("longitude", "经度"),
    ]
    static let header = columns.map(\.key)
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
        var result = Keyed<School>(file: SchoolsFile.name, keyColumn: "code", key: KeyCells(code), reader: r)
        while r.advance() {
            var classes = ClassCounts()
            for (stage, column) in stages {
                classes[stage] = r.integer(column, required: false, 0...Limits.classes) ?? 0
            }
            let key = r.requiredText(code)
            let school = School(
                code: key, name: r.requiredText(name), district: r.requiredText(district),
                locality: r.choice(locality) ?? .urban,
                central: r.bool(central, required: false) ?? false,
                kind: r.choice(kind) ?? .primary, classes: classes,
                students: r.integer(students, required: false, 0...Limits.students),
                kindergartenStars: r.integer(stars, required: false, 0...5),
                vocationalDemo: r.choice(demo),
                wirelessCoveragePct: r.number(wireless, required: false, .range(0...100)),
                itStaff: r.integer(itStaff, required: false, 0...Limits.staff),
                latitude: r.number(latitude, required: false, .range(-90...90)),
                longitude: r.number(longitude, required: false, .range(-180...180)))
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
