import InventoryModel

/// `districts.csv` (optional): the districts' information centres.
enum DistrictsFile {
    static let name = "districts.csv"
    /// The columns in the order the exporter writes them, each with the Chinese caption a header
    /// row may give instead of its key (Inventory/README.md lists both).
    static let columns: [(key: String, caption: String)] = [
        ("district", "区县"), ("info_center_staff", "信息中心人数"), ("small_district", "是否小区县"),
    ]
    static let header = columns.map(\.key)

    static func read(_ r: CSVReader) -> Keyed<District> {
        let name = r.column("district", required: true)
        let staff = r.column("info_center_staff", required: true)
        let small = r.column("small_district", required: false)
        var result = Keyed<District>(file: DistrictsFile.name, keyColumn: "district", key: KeyCells(name), reader: r)
        while r.advance() {
            let district = District(
                name: r.requiredText(name), infoCenterStaff: r.integer(staff, required: true, 0...Limits.staff) ?? 0,
                smallDistrict: r.bool(small, required: false) ?? false)
            result.append(district, from: r)
        }
        return result
    }

    static func write(_ districts: [District]) -> [UInt8] { CSVWriter.file(header: header, districts, cells: cells) }

    /// One record's cells, in header order.
    static func cells(_ d: District) -> [String] {
        [d.name, String(d.infoCenterStaff), CSVWriter.cell(d.smallDistrict)]
    }
}
