import Foundation
import GRDB
import InventoryModel

extension SQLiteInventoryStore {
    static func load(_ db: Database, measurements window: (Plan) -> Range<Int64>? = { _ in nil }) throws -> Inventory {
        var inventory = Inventory()
        inventory.plan = try plan(db)
        let range = window(inventory.plan)
        for table in InventoryTable.allCases {
            if table == .measurements, let range {
                try records(
                    table, db, where: "started_at_ms >= ? AND started_at_ms < ?",
                    arguments: [range.lowerBound, range.upperBound], orderedBy: table.orderColumns, into: &inventory)
            } else {
                try records(table, db, orderedBy: table.orderColumns, into: &inventory)
            }
        }
        return inventory
    }

    static func plan(_ db: Database) throws -> Plan {
        var plan = Plan()
        let fields = Dictionary(uniqueKeysWithValues: Plan.fields.map { ($0.key, $0) })
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM plan") {
            let key: String = row["key"]
            let stored: DatabaseValue = row["value"]
            guard let field = fields[key] else { throw StoreCorruption(table: "plan", column: "key", value: key) }
            let value: PlanValue =
                switch stored.storage {
                case .double(let n): .number(n)
                case .int64(let n): .number(Double(n))
                case .string(let text) where field.isList: .list(text.isEmpty ? [] : text.components(separatedBy: ","))
                case .string(let text): .text(text)
                default: .text(stored.description)
                }
            guard field.apply(value, to: &plan) else {
                throw StoreCorruption(table: "plan", column: key, value: stored.description)
            }
        }
        return plan
    }

    /// Appends the table's rows that `filter` selects (every row without one) to `inventory`, in
    /// the given order; `suffix` may add LIMIT and OFFSET.
    static func records(
        _ table: InventoryTable, _ db: Database, where filter: String = "", arguments: StatementArguments = [],
        orderedBy order: String, suffix: String = "", into inventory: inout Inventory
    ) throws {
        func choice<E: InventoryEnum>(_ row: Row, _ table: String, _ column: String) throws -> E {
            let raw: String = row[column]
            guard let value = E(rawValue: raw) else { throw StoreCorruption(table: table, column: column, value: raw) }
            return value
        }
        func date(_ row: Row, _ table: String, _ column: String) throws -> CalendarDate? {
            guard let raw: String = row[column] else { return nil }
            guard let value = CalendarDate(iso: raw) else {
                throw StoreCorruption(table: table, column: column, value: raw)
            }
            return value
        }
        let rows = try Row.fetchCursor(
            db,
            sql:
                "SELECT * FROM \(table.storeName) \(filter.isEmpty ? "" : "WHERE " + filter) ORDER BY \(order) \(suffix)",
            arguments: arguments)
        switch table {
        case .districts:
            while let row = try rows.next() {
                inventory.districts.append(
                    District(
                        name: row["name"], infoCenterStaff: row["info_center_staff"],
                        smallDistrict: row["small_district"]))
            }
        case .schools:
            while let row = try rows.next() {
                var classes = ClassCounts()
                for stage in Stage.allCases { classes[stage] = row["classes_" + stage.rawValue] }
                inventory.schools.append(
                    School(
                        code: row["code"], name: row["name"], district: row["district"],
                        locality: try choice(row, table.storeName, "locality"), central: row["central"],
                        kind: try choice(row, "schools", "kind"), classes: classes, students: row["students"],
                        kindergartenStars: row["kindergarten_stars"],
                        vocationalDemo: try (row["vocational_demo"] as String?).map { _ in
                            try choice(row, "schools", "vocational_demo")
                        },
                        wirelessCoveragePct: row["wireless_coverage_pct"], itStaff: row["it_staff"],
                        latitude: row["latitude"], longitude: row["longitude"]))
            }
        case .links:
            while let row = try rows.next() {
                inventory.links.append(
                    SchoolLink(
                        linkID: row["link_id"], schoolCode: row["school_code"], provider: row["provider"],
                        downMbps: row["down_mbps"], upMbps: row["up_mbps"], monthlyCostYuan: row["monthly_cost"],
                        contractStart: try date(row, "links", "contract_start"),
                        contractEnd: try date(row, "links", "contract_end")))
            }
        case .assets:
            while let row = try rows.next() {
                inventory.assets.append(
                    Asset(
                        assetTag: row["asset_tag"], schoolCode: row["school_code"],
                        category: try choice(row, "assets", "category"), room: row["room"], model: row["model"],
                        purchaseDate: try date(row, "assets", "purchase_date")!, purchaseCostYuan: row["purchase_cost"],
                        warrantyEnd: try date(row, "assets", "warranty_end"),
                        expectedLifeYears: row["expected_life_years"],
                        status: try choice(row, "assets", "status")))
            }
        case .egress:
            while let row = try rows.next() {
                inventory.egressLinks.append(
                    EgressLink(
                        linkID: row["link_id"], provider: row["provider"], capacityGbps: row["capacity_gbps"],
                        monthlyCostYuan: row["monthly_cost"],
                        contractStart: try date(row, "egress_links", "contract_start"),
                        contractEnd: try date(row, "egress_links", "contract_end")))
            }
        case .storage:
            while let row = try rows.next() {
                inventory.storageReadings.append(
                    StorageReading(
                        pool: row["pool"], kind: try choice(row, "storage_readings", "kind"),
                        capacityTB: row["capacity_tb"],
                        usedTB: row["used_tb"], asOf: try date(row, "storage_readings", "as_of")!))
            }
        case .measurements:
            while let row = try rows.next() {
                inventory.measurements.append(
                    ProbeMeasurement(
                        id: row["id"], schoolCode: row["school_code"], probeID: row["probe_id"],
                        kind: try choice(row, "measurements", "kind"),
                        startedAt: Timestamp(
                            millisecondsSinceEpoch: row["started_at_ms"], utcOffsetMinutes: row["utc_offset_minutes"]),
                        durationSeconds: row["duration_s"], mbps: row["mbps"],
                        crossTrafficMbps: row["cross_traffic_mbps"],
                        rttMs: row["rtt_ms"], lossPct: row["loss_pct"], valid: row["valid"]))
            }
        }
    }
}
