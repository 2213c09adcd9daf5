import GRDB
import GRDBSQLite
import InventoryModel

extension SQLiteInventoryStore {
    /// The city as the compliance rules read it: the small tables as records, assets and
    /// measurements straight into facts through SQLite's C API (no row, no string made per
    /// row), the measurements of the window alone.
    public func loadFacts(measurements window: @escaping @Sendable (Plan) -> Range<Int64>?) async throws -> CityFacts {
        try await writer.read { db in
            var inventory = Inventory()
            inventory.plan = try Self.plan(db)
            for table in InventoryTable.allCases where table != .assets && table != .measurements {
                try Self.records(table, db, orderedBy: table.orderColumns, into: &inventory)
            }
            var places = SchoolPlaces(inventory.schools)
            var assets: [AssetFact] = []
            var rows = try ColumnReader(
                db, table: "assets",
                sql: """
                    SELECT school_code, category, purchase_date, purchase_cost, expected_life_years, status
                    FROM assets
                    """)
            while try rows.next() {
                guard let school = places.place(ofUTF8: rows.text(0)) else { continue }
                assets.append(
                    AssetFact(
                        school: school, category: try rows.choice(1, "category"),
                        purchaseDate: try rows.date(2, "purchase_date"), purchaseCostYuan: rows.double(3),
                        expectedLifeYears: rows.optionalDouble(4), status: try rows.choice(5, "status")))
            }
            var sql = "SELECT school_code, kind, started_at_ms, mbps, cross_traffic_mbps, valid FROM measurements"
            var arguments: StatementArguments = []
            if let range = window(inventory.plan) {
                sql += " WHERE started_at_ms >= ? AND started_at_ms < ?"
                arguments = [range.lowerBound, range.upperBound]
            }
            var measurements: [MeasurementFact] = []
            rows = try ColumnReader(db, table: "measurements", sql: sql, arguments: arguments)
            while try rows.next() {
                guard let school = places.place(ofUTF8: rows.text(0)) else { continue }
                measurements.append(
                    MeasurementFact(
                        school: school, kind: try rows.choice(1, "kind"),
                        startedAt: Timestamp(millisecondsSinceEpoch: rows.int(2), utcOffsetMinutes: 0),
                        mbps: rows.double(3), crossTrafficMbps: rows.optionalDouble(4), valid: rows.int(5) != 0))
            }
            return CityFacts(inventory: inventory, assets: assets, measurements: measurements)
        }
    }
}
