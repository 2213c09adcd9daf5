import InventoryModel
import NIOCore

/// Rows in the text format of PostgreSQL's `COPY ... FROM STDIN`: fields split by tabs, rows by
/// newlines, `\N` for NULL, and a backslash before any backslash, tab, newline or carriage return
/// a text holds. The data are never SQL, so no value can change the statement.
struct CopyRows {
    private(set) var buffer: ByteBuffer
    private var atRowStart = true

    init(capacity: Int = 1 << 20) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    private mutating func separate() {
        if atRowStart {
            atRowStart = false
        } else {
            buffer.writeInteger(UInt8(ascii: "\t"))
        }
    }

    mutating func null() {
        separate()
        buffer.writeStaticString("\\N")
    }

    mutating func add(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { bytes in
            // Most texts need no escape: one copy of the whole.
            guard bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    mutating func add(_ text: String?) {
        if let text { add(text) } else { null() }
    }

    mutating func add(_ number: Double) {
        separate()
        // Swift's shortest text that reads back as the same Double; PostgreSQL reads it exactly.
        buffer.writeString(number.description)
    }

    mutating func add(_ number: Double?) {
        if let number { add(number) } else { null() }
    }

    mutating func add(_ number: Int) {
        separate()
        buffer.writeString(String(number))
    }

    mutating func add(_ number: Int?) {
        if let number { add(number) } else { null() }
    }

    mutating func add(_ flag: Bool) {
        separate()
        buffer.writeInteger(flag ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    mutating func add(_ day: CalendarDate?) {
        if let day { add(day.description) } else { null() }
    }

    mutating func add<E: RawRepresentable>(_ choice: E?) where E.RawValue == String {
        add(choice?.rawValue)
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        atRowStart = true
    }

    /// Hands the rows so far over and starts an empty buffer.
    mutating func take() -> ByteBuffer {
        let full = buffer
        buffer = ByteBufferAllocator().buffer(capacity: full.capacity)
        return full
    }
}

/// The columns of each table in the order ``CopyRows`` writes them, and the writing.
enum TableRows {
    static func columns(_ table: InventoryTable) -> [String] {
        switch table {
        case .districts: ["name", "info_center_staff", "small_district"]
        case .schools:
            ["code", "name", "district", "locality", "central", "kind"]
                + Stage.allCases.map { "classes_" + $0.rawValue }
                + [
                    "students", "kindergarten_stars", "vocational_demo", "wireless_coverage_pct", "it_staff",
                    "latitude", "longitude",
                ]
        case .links:
            [
                "link_id", "school_code", "provider", "down_mbps", "up_mbps", "monthly_cost", "contract_start",
                "contract_end",
            ]
        case .assets:
            [
                "asset_tag", "school_code", "category", "room", "model", "purchase_date", "purchase_cost",
                "warranty_end", "expected_life_years", "status",
            ]
        case .egress: ["link_id", "provider", "capacity_gbps", "monthly_cost", "contract_start", "contract_end"]
        case .storage: ["pool", "kind", "capacity_tb", "used_tb", "as_of"]
        case .measurements:
            [
                "id", "school_code", "probe_id", "kind", "started_at_ms", "utc_offset_minutes", "duration_s", "mbps",
                "cross_traffic_mbps", "rtt_ms", "loss_pct", "valid",
            ]
        }
    }

    /// How many records of the table the inventory holds.
    static func count(_ table: InventoryTable, in inventory: Inventory) -> Int {
        switch table {
        case .districts: inventory.districts.count
        case .schools: inventory.schools.count
        case .links: inventory.links.count
        case .assets: inventory.assets.count
        case .egress: inventory.egressLinks.count
        case .storage: inventory.storageReadings.count
        case .measurements: inventory.measurements.count
        }
    }

    /// Writes record `index` of the table as one row.
    static func write(_ table: InventoryTable, _ index: Int, of inventory: Inventory, to rows: inout CopyRows) {
        switch table {
        case .districts:
            let d = inventory.districts[index]
            rows.add(d.name)
            rows.add(d.infoCenterStaff)
            rows.add(d.smallDistrict)
        case .schools:
            let s = inventory.schools[index]
            rows.add(s.code)
            rows.add(s.name)
            rows.add(s.district)
            rows.add(s.locality.rawValue)
            rows.add(s.central)
            rows.add(s.kind.rawValue)
            for stage in Stage.allCases { rows.add(s.classes[stage]) }
            rows.add(s.students)
            rows.add(s.kindergartenStars)
            rows.add(s.vocationalDemo)
            rows.add(s.wirelessCoveragePct)
            rows.add(s.itStaff)
            rows.add(s.latitude)
            rows.add(s.longitude)
        case .links:
            let l = inventory.links[index]
            rows.add(l.linkID)
            rows.add(l.schoolCode)
            rows.add(l.provider)
            rows.add(l.downMbps)
            rows.add(l.upMbps)
            rows.add(l.monthlyCostYuan)
            rows.add(l.contractStart)
            rows.add(l.contractEnd)
        case .assets:
            let a = inventory.assets[index]
            rows.add(a.assetTag)
            rows.add(a.schoolCode)
            rows.add(a.category.rawValue)
            rows.add(a.room)
            rows.add(a.model)
            rows.add(a.purchaseDate)
            rows.add(a.purchaseCostYuan)
            rows.add(a.warrantyEnd)
            rows.add(a.expectedLifeYears)
            rows.add(a.status.rawValue)
        case .egress:
            let e = inventory.egressLinks[index]
            rows.add(e.linkID)
            rows.add(e.provider)
            rows.add(e.capacityGbps)
            rows.add(e.monthlyCostYuan)
            rows.add(e.contractStart)
            rows.add(e.contractEnd)
        case .storage:
            let s = inventory.storageReadings[index]
            rows.add(s.pool)
            rows.add(s.kind.rawValue)
            rows.add(s.capacityTB)
            rows.add(s.usedTB)
            rows.add(s.asOf)
        case .measurements:
            let m = inventory.measurements[index]
            rows.add(m.id)
            rows.add(m.schoolCode)
            rows.add(m.probeID)
            rows.add(m.kind.rawValue)
            rows.add(Int(m.startedAt.millisecondsSinceEpoch))
            rows.add(Int(m.startedAt.utcOffsetMinutes))
            rows.add(m.durationSeconds)
            rows.add(m.mbps)
            rows.add(m.crossTrafficMbps)
            rows.add(m.rttMs)
            rows.add(m.lossPct)
            rows.add(m.valid)
        }
    }
}
