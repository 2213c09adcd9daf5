import Foundation
import GRDB
import InventoryModel

extension SQLiteInventoryStore {
    /// The records of one table that the query selects, in key order, and how many there are
    /// in all without the limit.
    public func records(_ table: InventoryTable, _ query: RecordQuery) async throws -> (total: Int, page: Inventory) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for (column, value) in query.equal {
            conditions.append("\(column.quotedDatabaseIdentifier) = ?")
            switch value {
            case .text(let text): arguments.append(text)
            case .boolean(let flag): arguments.append(flag)
            }
        }
        if let from = query.startedFrom {
            conditions.append("started_at_ms >= ?")
            arguments.append(from.millisecondsSinceEpoch)
        }
        if let before = query.startedBefore {
            conditions.append("started_at_ms < ?")
            arguments.append(before.millisecondsSinceEpoch)
        }
        if let codes = query.schoolCodes {
            // One parameter for any number of codes: a JSON array SQLite unpacks itself
            // (a placeholder a code would pass SQLite's limit of variables on a large city).
            conditions.append("\(table.ownerColumn ?? "school_code") IN (SELECT value FROM json_each(?))")
            arguments.append(Self.jsonArray(codes))
        }
        let filter = conditions.joined(separator: " AND ")
        let bound = StatementArguments(arguments.map { $0.databaseValue })
        return try await writer.read { db in
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM \(table.storeName)" + (filter.isEmpty ? "" : " WHERE " + filter),
                    arguments: bound) ?? 0
            var page = Inventory()
            try Self.records(
                table, db, where: filter, arguments: bound + StatementArguments([query.limit, query.offset]),
                orderedBy: table.orderColumns, suffix: "LIMIT ? OFFSET ?", into: &page)
            return (total, page)
        }
    }

    /// The record of a table with this key (its file's key columns' values), in an inventory
    /// holding nothing else; nil when there is none.
    public func record(_ table: InventoryTable, key: [String]) async throws -> Inventory? {
        try await writer.read { db in
            var found = Inventory()
            try Self.records(
                table, db, where: Self.keyCondition(table), arguments: StatementArguments(key),
                orderedBy: table.orderColumns, into: &found)
            return found == Inventory() ? nil : found
        }
    }

    /// Writes every record of `fragment` (its plan aside) in one transaction: all of them or,
    /// when any fails, none.
    ///
    /// - Returns: the records inserted or changed (with `.ignore`, those that were new).
    @discardableResult
    public func write(_ fragment: Inventory, on conflict: WriteConflict) async throws -> Int {
        do {
            return try await writer.write { db in
                // A record written over may have belonged to another school before.
                var scope = ChangeScope(of: fragment)
                if conflict == .update {
                    for owner in try Self.owners(.links, keys: fragment.links.map(\.linkID), db) {
                        scope.add(owner: owner)
                    }
                    for owner in try Self.owners(.assets, keys: fragment.assets.map(\.assetTag), db) {
                        scope.add(owner: owner)
                    }
                }
                let changes = try Self.insert(fragment, into: db, on: conflict)
                if changes > 0 { try self.recordChange(db, scope) }
                return changes
            }
        } catch let error as DatabaseError {
            throw Self.writeError(error) ?? error
        }
    }

    /// Deletes the record with this key; a school takes its links, assets and measurements
    /// with it. Returns whether there was one.
    public func delete(_ table: InventoryTable, key: [String]) async throws -> Bool {
        try await writer.write { db in
            var scope = ChangeScope.wholeCity
            if let column = table.ownerColumn {
                let owner = try Row.fetchOne(
                    db, sql: "SELECT \(column) FROM \(table.storeName) WHERE \(Self.keyCondition(table))",
                    arguments: StatementArguments(key))
                scope = ChangeScope()
                scope.add(owner: owner?[0])
            }
            try db.execute(
                sql: "DELETE FROM \(table.storeName) WHERE \(Self.keyCondition(table))",
                arguments: StatementArguments(key))
            guard db.changesCount > 0 else { return false }
            try self.recordChange(db, scope)
            return true
        }
    }

    /// The schools that the rows of a single-key table (links, assets) with these keys belong
    /// to now (nil for a row of no school).
    static func owners(_ table: InventoryTable, keys: [String], _ db: Database) throws -> [String?] {
        guard !keys.isEmpty, let key = table.storeKeyColumns.first else { return [] }
        return try Row.fetchAll(
            db,
            sql: "SELECT DISTINCT school_code FROM \(table.storeName) WHERE \(key) IN (SELECT value FROM json_each(?))",
            arguments: [Self.jsonArray(keys)]
        ).map { $0[0] as String? }
    }

    /// The codes among `codes` that name no school of the store.
    public func unknownSchools(_ codes: Set<String>) async throws -> Set<String> {
        guard !codes.isEmpty else { return [] }
        return try await writer.read { db in
            let known = try String.fetchAll(
                db, sql: "SELECT code FROM schools WHERE code IN (SELECT value FROM json_each(?))",
                arguments: [Self.jsonArray(Array(codes))])
            return codes.subtracting(known)
        }
    }

    /// Strings as a JSON array, for `json_each(?)`.
    static func jsonArray(_ texts: [String]) -> String {
        let data = try! JSONSerialization.data(withJSONObject: texts)
        return String(decoding: data, as: UTF8.self)
    }

    /// Schools in the store: what the health check reports, by the primary key's index.
    public func schoolCount() async throws -> Int {
        try await writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM schools") ?? 0 }
    }

    /// Rows of each table, for the metrics.
    public func counts() async throws -> [InventoryTable: Int] {
        try await writer.read { db in
            var counts: [InventoryTable: Int] = [:]
            for table in InventoryTable.allCases {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.storeName)") ?? 0
            }
            return counts
        }
    }

    /// The plan's time zone, read alone (the whole plan is read with the city).
    public func planTimeZone() async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM plan WHERE key = ?", arguments: ["time_zone"])
        }
    }

    /// Replaces the plan in one transaction.
    public func replacePlan(_ plan: Plan) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM plan")
            try Self.insert(plan, into: db)
            try self.recordChange(db, .wholeCity)
        }
    }

    private static func keyCondition(_ table: InventoryTable) -> String {
        table.storeKeyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
    }

    /// The store's refusal of a write in the words of ``RecordWriteError``; nil for another error.
    static func writeError(_ error: DatabaseError) -> RecordWriteError? {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_FOREIGNKEY: .unknownSchool
        case .SQLITE_CONSTRAINT_PRIMARYKEY, .SQLITE_CONSTRAINT_UNIQUE:
            .conflict("a record with this key exists already")
        case .SQLITE_CONSTRAINT_CHECK, .SQLITE_CONSTRAINT_NOTNULL: .invalid(error.message ?? "a value is out of range")
        default: nil
        }
    }
}
