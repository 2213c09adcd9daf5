import InventoryModel

/// `egress.csv`: the metro network's egress links.
enum EgressFile {
    static let name = "egress.csv"
    static let header = ["link_id", "provider", "capacity_gbps", "monthly_cost", "contract_start", "contract_end"]

    static func read(_ r: CSVReader) -> Keyed<EgressLink> {
        let id = r.column("link_id", required: true)
        let provider = r.column("provider", required: true)
        let capacity = r.column("capacity_gbps", required: true)
        let cost = r.column("monthly_cost", required: false)
        let start = r.column("contract_start", required: false)
        let end = r.column("contract_end", required: false)
        var result = Keyed<EgressLink>(file: name, keyColumn: "link_id", expected: r.estimatedRecords) { $0.linkID }
        while r.advance() {
            let link = EgressLink(
                linkID: r.requiredText(id), provider: r.requiredText(provider),
                capacityGbps: r.number(capacity, required: true, .positive) ?? 1,
                monthlyCostYuan: r.number(cost, required: false, .nonNegative),
                contractStart: r.date(start, required: false), contractEnd: r.date(end, required: false))
            r.checkContractOrder(link, endColumn: end)
            result.append(link, key: link.linkID, row: r.row, log: r.log)
        }
        return result
    }

    static func write(_ links: [EgressLink]) -> [UInt8] {
        var out = CSVWriter(header: header)
        for l in links {
            out.append(row: [
                l.linkID, l.provider, CSVWriter.cell(l.capacityGbps), CSVWriter.cell(l.monthlyCostYuan),
                CSVWriter.cell(l.contractStart), CSVWriter.cell(l.contractEnd),
            ])
        }
        return out.bytes
    }
}

/// `storage.csv`: readings of the storage pools; several rows of a pool give its history.
enum StorageFile {
    static let name = "storage.csv"
    static let header = ["pool", "kind", "capacity_tb", "used_tb", "as_of"]

    static func read(_ r: CSVReader) -> Keyed<StorageReading> {
        let pool = r.column("pool", required: true)
        let kind = r.column("kind", required: true, of: StoragePoolKind.self)
        let capacity = r.column("capacity_tb", required: true)
        let used = r.column("used_tb", required: true)
        let asOf = r.column("as_of", required: true)
        var result = Keyed<StorageReading>(file: name, keyColumn: "as_of", expected: r.estimatedRecords) {
            StorageFile.key($0)
        }
        var kindOfPool: [String: (StoragePoolKind, Int)] = [:]
        while r.advance() {
            let reading = StorageReading(
                pool: r.requiredText(pool), kind: r.choice(kind) ?? .cloudStorage,
                capacityTB: r.number(capacity, required: true, .positive) ?? 1,
                usedTB: r.number(used, required: true, .nonNegative) ?? 0,
                asOf: r.date(asOf, required: true) ?? CalendarDate(daysSinceEpoch: 0))
            if let (firstKind, firstRow) = kindOfPool[reading.pool], firstKind != reading.kind {
                r.log.add(
                    row: r.row, column: "kind", value: reading.kind.rawValue,
                    "pool \(reading.pool) is \(firstKind.rawValue) in row \(firstRow)")
            } else {
                kindOfPool[reading.pool] = (reading.kind, r.row)
            }
            result.append(
                reading, key: key(reading), row: r.row, log: r.log,
                shownKey: reading.asOf.description + " for pool " + reading.pool)
        }
        return result
    }

    /// A pool has one reading a day: (pool, as_of) is the key.
    static func key(_ reading: StorageReading) -> String {
        reading.pool + "\u{0}" + reading.asOf.description
    }

    static func write(_ readings: [StorageReading]) -> [UInt8] {
        var out = CSVWriter(header: header)
        for s in readings {
            out.append(row: [
                s.pool, CSVWriter.cell(s.kind), CSVWriter.cell(s.capacityTB), CSVWriter.cell(s.usedTB),
                CSVWriter.cell(s.asOf),
            ])
        }
        return out.bytes
    }
}

/// `districts.csv` (optional): the districts' information centres.
enum DistrictsFile {
    static let name = "districts.csv"
    static let header = ["district", "info_center_staff", "small_district"]

    static func read(_ r: CSVReader) -> Keyed<District> {
        let name = r.column("district", required: true)
        let staff = r.column("info_center_staff", required: true)
        let small = r.column("small_district", required: false)
        var result = Keyed<District>(
            file: DistrictsFile.name, keyColumn: "district", expected: r.estimatedRecords
        ) { $0.name }
        while r.advance() {
            let district = District(
                name: r.requiredText(name), infoCenterStaff: r.integer(staff, required: true) ?? 0,
                smallDistrict: r.bool(small, required: false) ?? false)
            result.append(district, key: district.name, row: r.row, log: r.log)
        }
        return result
    }

    static func write(_ districts: [District]) -> [UInt8] {
        var out = CSVWriter(header: header)
        for d in districts {
            out.append(row: [d.name, String(d.infoCenterStaff), CSVWriter.cell(d.smallDistrict)])
        }
        return out.bytes
    }
}
