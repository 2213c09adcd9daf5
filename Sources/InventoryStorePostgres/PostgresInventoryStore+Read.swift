import Foundation
import InventoryModel
import Logging
import PostgresNIO

extension PostgresInventoryStore {
    public func loadInventory(measurements window: @escaping @Sendable (Plan) -> Range<Int64>?) async throws
        -> Inventory
    {
        try await snapshot { connection in
            var inventory = Inventory()
            inventory.plan = try await Self.plan(connection, logger)
            let range = window(inventory.plan)
            for table in InventoryTable.allCases {
                var query = PostgresQuery(unsafeSQL: Self.select(table))
                if table == .measurements, let range {
                    var binds = PostgresBindings()
                    binds.append(range.lowerBound)
                    binds.append(range.upperBound)
                    query = PostgresQuery(
                        unsafeSQL: Self.select(table, where: " WHERE started_at_ms >= $1 AND started_at_ms < $2"),
                        binds: binds)
                }
                try await Self.records(table, query, connection, logger, into: &inventory)
            }
            return inventory
        }
    }

    /// Runs reads in one read-only snapshot: a write committed midway is seen whole or not at all.
    /// The connection goes back to the pool out of its transaction, whatever happens.
    ///
    /// - Parameter name: a snapshot another connection exported (`pg_export_snapshot()`), to
    ///   read the same moment's data as it does; nil for a snapshot of this connection's own.
    func snapshot<T>(sharing name: String? = nil, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
            do {
                if let name {
                    // A name the server made (hex digits and dashes), checked all the same: it is
                    // written into the statement, which takes no parameter.
                    guard !name.isEmpty, name.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
                        throw StoreCorruption(table: "pg_export_snapshot", column: "name", value: name)
                    }
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(name)'"), logger: logger)
                }
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    public func records(_ table: InventoryTable, _ query: RecordQuery) async throws -> (total: Int, page: Inventory) {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func placeholder() -> String { "$\(binds.count + 1)" }
        for (column, value) in query.equal {
            // Column names come from the resource's fields, never from the request.
            precondition(TableRows.columns(table).contains(column), "\(column) is not a column of \(table)")
            conditions.append("\(column) = \(placeholder())")
            switch value {
            case .text(let text): binds.append(text)
            case .boolean(let flag): binds.append(flag)
            }
        }
        if let from = query.startedFrom {
            conditions.append("started_at_ms >= \(placeholder())")
            binds.append(from.millisecondsSinceEpoch)
        }
        if let before = query.startedBefore {
            conditions.append("started_at_ms < \(placeholder())")
            binds.append(before.millisecondsSinceEpoch)
        }
        if let codes = query.schoolCodes {
            conditions.append("\(table.ownerColumn ?? "school_code") = ANY(\(placeholder())::text[])")
            binds.append(codes)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let countQuery = PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table.storeName)" + filter, binds: binds)
        let limit = placeholder()
        binds.append(query.limit)
        let offset = placeholder()
        binds.append(query.offset)
        let pageQuery = PostgresQuery(
            unsafeSQL: Self.select(table, where: filter, suffix: " LIMIT \(limit) OFFSET \(offset)"), binds: binds)
        return try await snapshot { connection in
            let total = try await Self.count(countQuery, connection, logger)
            var page = Inventory()
            try await Self.records(table, pageQuery, connection, logger, into: &page)
            return (total, page)
        }
    }

    public func changes(since generation: Int, atMostSchools limit: Int, measuredWithin window: Range<Int64>?)
        async throws -> StoreChanges
    {
        try await snapshot { connection in
            let current = try await Self.count(
                "SELECT generation FROM store_generation WHERE id = 1", connection, logger)
            guard current != generation else { return .none }
            var oldest: Int?
            for try await value in try await connection.query(
                "SELECT min(generation) FROM store_changes WHERE generation > \(generation)", logger: logger
            ).decode(Int?.self) {
                oldest = value
            }
            // One more than the limit and the row of the city: enough to tell either.
            var rows: [String?] = []
            for try await code in try await connection.query(
                "SELECT DISTINCT school_code FROM store_changes WHERE generation > \(generation) LIMIT \(limit + 2)",
                logger: logger
            ).decode(String?.self) {
                rows.append(code)
            }
            guard
                let codes = StoreChanges.schoolsChanged(
                    logged: rows, oldestLogged: oldest, since: generation, current: current, atMostSchools: limit)
            else { return .city(generation: current) }
            var records = Inventory()
            for table in InventoryTable.allCases {
                guard let column = table.ownerColumn else { continue }
                var binds = PostgresBindings()
                binds.append(codes.sorted())
                var filter = " WHERE \(column) = ANY($1::text[])"
                if table == .measurements, let window {
                    binds.append(window.lowerBound)
                    binds.append(window.upperBound)
                    filter += " AND started_at_ms >= $2 AND started_at_ms < $3"
                }
                let query = PostgresQuery(unsafeSQL: Self.select(table, where: filter), binds: binds)
                try await Self.records(table, query, connection, logger, into: &records)
            }
            return .schools(generation: current, codes: codes, records: records)
        }
    }

    public func record(_ table: InventoryTable, key: [String]) async throws -> Inventory? {
        var binds = PostgresBindings()
        for value in key { binds.append(value) }
        let query = PostgresQuery(
            unsafeSQL: Self.select(table, where: " WHERE " + Self.keyCondition(table)), binds: binds)
        var found = Inventory()
        try await client.withConnection { connection in
            try await Self.records(table, query, connection, logger, into: &found)
        }
        return found == Inventory() ? nil : found
    }

    public func unknownSchools(_ codes: Set<String>) async throws -> Set<String> {
        guard !codes.isEmpty else { return [] }
        var known = Set<String>()
        let rows = try await client.query(
            "SELECT code FROM schools WHERE code = ANY(\(Array(codes))::text[])", logger: logger)
        for try await code in rows.decode(String.self) { known.insert(code) }
        return codes.subtracting(known)
    }

    /// The statement that lists a table's records in key order.
    static func select(_ table: InventoryTable, where filter: String = "", suffix: String = "") -> String {
        "SELECT \(TableRows.columns(table).joined(separator: ", ")) FROM \(table.storeName)\(filter) "
            + "ORDER BY \(table.orderColumns)\(suffix)"
    }

    static func plan(_ connection: PostgresConnection, _ logger: Logger) async throws -> Plan {
        var plan = Plan()
        let fields = Dictionary(uniqueKeysWithValues: Plan.fields.map { ($0.key, $0) })
        let rows = try await connection.query("SELECT key, number, text FROM plan", logger: logger)
        for try await (key, number, text) in rows.decode((String, Double?, String?).self) {
            guard let field = fields[key] else { throw StoreCorruption(table: "plan", column: "key", value: key) }
            let value: PlanValue =
                if let number { .number(number) } else if field.isList {
                    .list(text!.isEmpty ? [] : text!.components(separatedBy: ","))
                } else { .text(text ?? "") }
            guard field.apply(value, to: &plan) else {
                throw StoreCorruption(table: "plan", column: key, value: text ?? number.map { "\($0)" } ?? "")
            }
        }
        return plan
    }

    /// Appends the records a statement of ``select(_:where:suffix:)`` returns to `inventory`.
    static func records(
        _ table: InventoryTable, _ query: PostgresQuery, _ connection: PostgresConnection, _ logger: Logger,
        into inventory: inout Inventory
    ) async throws {
        let rows = try await connection.query(query, logger: logger)
        let name = table.storeName
        for try await row in rows {
            var cells = Cells(row: row, table: name)
            switch table {
            case .districts:
                inventory.districts.append(
                    District(name: try cells.next(), infoCenterStaff: try cells.next(), smallDistrict: try cells.next())
                )
            case .schools:
                let code: String = try cells.next()
                let schoolName: String = try cells.next()
                let district: String = try cells.next()
                let locality: Locality = try cells.choice("locality")
                let central: Bool = try cells.next()
                let kind: SchoolKind = try cells.choice("kind")
                var classes = ClassCounts()
                for stage in Stage.allCases { classes[stage] = try cells.next() }
                inventory.schools.append(
                    School(
                        code: code, name: schoolName, district: district, locality: locality, central: central,
                        kind: kind, classes: classes, students: try cells.next(), kindergartenStars: try cells.next(),
                        vocationalDemo: try cells.optionalChoice("vocational_demo"),
                        wirelessCoveragePct: try cells.next(), itStaff: try cells.next(), latitude: try cells.next(),
                        longitude: try cells.next()))
            case .links:
                inventory.links.append(
                    SchoolLink(
                        linkID: try cells.next(), schoolCode: try cells.next(), provider: try cells.next(),
                        downMbps: try cells.next(), upMbps: try cells.next(), monthlyCostYuan: try cells.next(),
                        contractStart: try cells.date("contract_start"), contractEnd: try cells.date("contract_end")))
            case .assets:
                inventory.assets.append(
                    Asset(
                        assetTag: try cells.next(), schoolCode: try cells.next(),
                        category: try cells.choice("category"),
                        room: try cells.next(), model: try cells.next(),
                        purchaseDate: try cells.requiredDate("purchase_date"),
                        purchaseCostYuan: try cells.next(), warrantyEnd: try cells.date("warranty_end"),
                        expectedLifeYears: try cells.next(), status: try cells.choice("status")))
            case .egress:
                inventory.egressLinks.append(
                    EgressLink(
                        linkID: try cells.next(), provider: try cells.next(), capacityGbps: try cells.next(),
                        monthlyCostYuan: try cells.next(), contractStart: try cells.date("contract_start"),
                        contractEnd: try cells.date("contract_end")))
            case .storage:
                inventory.storageReadings.append(
                    StorageReading(
                        pool: try cells.next(), kind: try cells.choice("kind"), capacityTB: try cells.next(),
                        usedTB: try cells.next(), asOf: try cells.requiredDate("as_of")))
            case .measurements:
                let id: String = try cells.next()
                let school: String = try cells.next()
                let probe: String = try cells.next()
                let kind: MeasurementKind = try cells.choice("kind")
                let started: Int64 = try cells.next()
                let offset: Int = try cells.next()
                inventory.measurements.append(
                    ProbeMeasurement(
                        id: id, schoolCode: school, probeID: probe, kind: kind,
                        startedAt: Timestamp(millisecondsSinceEpoch: started, utcOffsetMinutes: Int16(offset)),
                        durationSeconds: try cells.next(), mbps: try cells.next(), crossTrafficMbps: try cells.next(),
                        rttMs: try cells.next(), lossPct: try cells.next(), valid: try cells.next()))
            }
        }
    }
}

/// The cells of one row read in column order, each into the model's type.
struct Cells {
    private var cells: PostgresRow.Iterator
    let table: String

    init(row: PostgresRow, table: String) {
        cells = row.makeIterator()
        self.table = table
    }

    mutating func next<T: PostgresDecodable>() throws -> T {
        try cells.next()!.decode(T.self)
    }

    mutating func choice<E: RawRepresentable>(_ column: String) throws -> E where E.RawValue == String {
        let raw: String = try next()
        guard let value = E(rawValue: raw) else { throw StoreCorruption(table: table, column: column, value: raw) }
        return value
    }

    mutating func optionalChoice<E: RawRepresentable>(_ column: String) throws -> E? where E.RawValue == String {
        guard let raw: String = try next() else { return nil }
        guard let value = E(rawValue: raw) else { throw StoreCorruption(table: table, column: column, value: raw) }
        return value
    }

    mutating func requiredDate(_ column: String) throws -> CalendarDate {
        guard let day = try date(column) else { throw StoreCorruption(table: table, column: column, value: "NULL") }
        return day
    }

    mutating func date(_ column: String) throws -> CalendarDate? {
        guard let raw: String = try next() else { return nil }
        guard let value = CalendarDate(iso: raw) else {
            throw StoreCorruption(table: table, column: column, value: raw)
        }
        return value
    }
}
