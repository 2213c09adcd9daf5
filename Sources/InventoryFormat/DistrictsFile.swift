import InventoryModel

/// `districts.csv` (optional): the districts' information centres.
enum DistrictsFile {
    static let name = "districts.csv"
    /// The column keys in the order the exporter writes them (``InventoryTable/columns``).
    static let header = InventoryTable.districts.header

    static func read(_ r: CSVReader) -> Keyed<District> {
        let name = r.column("district", of: .districts)
        let staff = r.column("info_center_staff", of: .districts)
        let small = r.column("small_district", of: .districts)
        var result = Keyed<District>(file: DistrictsFile.name, keyColumn: "district", key: KeyCells(name), reader: r)
        while r.advance() {
            let district = District(
                name: r.requiredText(name), infoCenterStaff: r.integer(staff) ?? 0,
                smallDistrict: r.bool(small) ?? false)
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
