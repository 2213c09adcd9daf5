/// The store's table and column names, the same on every backend: the schema is one.
extension InventoryTable {
    /// The store's table.
    public var storeName: String {
        switch self {
        case .egress: "egress_links"
        case .storage: "storage_readings"
        default: rawValue
        }
    }

    /// The natural key's columns, the order records are listed in.
    public var orderColumns: String {
        switch self {
        case .schools: "code"
        case .links, .egress: "link_id"
        case .assets: "asset_tag"
        case .storage: "pool, as_of"
        case .districts: "name"
        case .measurements: "school_code, id"
        }
    }

    /// The store's column for a column of the interchange file; nil for one it has no column of
    /// its own for (a measurement's `started_at`, stored as milliseconds and offset).
    public func storeColumn(_ fileColumn: String) -> String? {
        switch (self, fileColumn) {
        case (.districts, "district"): "name"
        case (.measurements, "started_at"): nil
        default: fileColumn
        }
    }

    /// The store's key columns, in the order of the file's key columns.
    public var storeKeyColumns: [String] { keyColumns.map { storeColumn($0)! } }

    /// The store column naming the school a row belongs to (a school's own code); nil for the
    /// tables of the city (districts, egress, storage).
    public var ownerColumn: String? {
        switch self {
        case .schools: "code"
        case .links, .assets, .measurements: "school_code"
        case .egress, .storage, .districts: nil
        }
    }

    /// Tables in an order where a row is deleted before the row it refers to.
    public static let childrenFirst: [InventoryTable] = [
        .measurements, .assets, .links, .schools, .egress, .storage, .districts,
    ]
}

/// Which records of a table to list: equal values of some columns, a time range for measurements.
public struct RecordQuery: Sendable {
    /// Store columns (from ``InventoryTable/storeColumn(_:)``) and the values they must hold.
    public var equal: [(column: String, value: FilterValue)] = []
    /// Measurements that started at or after this time.
    public var startedFrom: Timestamp?
    /// Measurements that started before this time.
    public var startedBefore: Timestamp?
    /// Only records whose key is one of these (schools by code, the others by their school).
    public var schoolCodes: [String]?
    public var limit = 50
    public var offset = 0

    public init() {}
}

/// A value a column is compared with: text (a code, a choice) or a yes/no.
public enum FilterValue: Sendable, Equatable {
    case text(String)
    case boolean(Bool)
}

/// A write that breaks the store's rules; nothing was written.
public enum RecordWriteError: Error, Equatable, CustomStringConvertible {
    /// A record's key is taken (a create of one that exists).
    case conflict(String)
    /// A record names a school the store does not hold.
    case unknownSchool
    /// A value the schema refuses.
    case invalid(String)

    public var description: String {
        switch self {
        case .conflict(let message): message
        case .unknownSchool: "a record names a school the inventory does not hold"
        case .invalid(let message): message
        }
    }
}

/// A row that names a school the inventory does not hold; nothing was written.
public struct DanglingReference: Error, CustomStringConvertible {
    public var table: String
    public var key: String
    public var schoolCode: String

    public init(table: String, key: String, schoolCode: String) {
        self.table = table
        self.key = key
        self.schoolCode = schoolCode
    }

    public var description: String { "\(table) \(key) names school \(schoolCode), which the inventory does not hold" }

    /// Throws for the first row of `inventory` that names a school it does not hold.
    public static func check(_ inventory: Inventory) throws {
        let codes = Set(inventory.schools.map(\.code))
        if let link = inventory.links.first(where: { !codes.contains($0.schoolCode) }) {
            throw DanglingReference(table: "links", key: link.linkID, schoolCode: link.schoolCode)
        }
        if let asset = inventory.assets.first(where: { $0.schoolCode.map { !codes.contains($0) } ?? false }) {
            throw DanglingReference(table: "assets", key: asset.assetTag, schoolCode: asset.schoolCode ?? "")
        }
        if let measurement = inventory.measurements.first(where: { !codes.contains($0.schoolCode) }) {
            throw DanglingReference(table: "measurements", key: measurement.id, schoolCode: measurement.schoolCode)
        }
    }
}

/// A value of the store that does not fit the model: the database was changed outside SchoolNet.
public struct StoreCorruption: Error, CustomStringConvertible {
    public var table: String
    public var column: String
    public var value: String

    public init(table: String, column: String, value: String) {
        self.table = table
        self.column = column
        self.value = value
    }

    public var description: String {
        "the database holds \(table).\(column) = \"\(value)\", which SchoolNet cannot read"
    }
}

/// What a token may do.
public enum TokenScope: String, CaseIterable, Sendable {
    /// Reads and writes everything: the inventory, measurements of any school, tokens aside.
    case admin
    /// Reads everything.
    case planner
    /// Writes measurements of its one school.
    case probe
}

/// A token as the store keeps it: everything but the secret, of which only a hash is kept.
public struct APIToken: Hashable, Sendable {
    /// The public part of the token, shown in lists and logs.
    public var id: String
    public var name: String
    public var scope: TokenScope
    /// The school a probe token writes for; nil for the other scopes.
    public var schoolCode: String?
    /// When it was made, ISO 8601 in UTC.
    public var createdAt: String
    /// When it was revoked; nil while it is valid.
    public var revokedAt: String?

    public init(
        id: String, name: String, scope: TokenScope, schoolCode: String?, createdAt: String, revokedAt: String? = nil
    ) {
        self.id = id
        self.name = name
        self.scope = scope
        self.schoolCode = schoolCode
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// A browser's login as the store keeps it.
public struct WebSession: Hashable, Sendable {
    /// The token the browser logged in with (valid: sessions of revoked tokens are not found).
    public var token: APIToken
    /// The form token every state-changing form of the session carries.
    public var csrf: String
    /// When it ends, in milliseconds since the epoch.
    public var expiresAtMs: Int64

    public init(token: APIToken, csrf: String, expiresAtMs: Int64) {
        self.token = token
        self.csrf = csrf
        self.expiresAtMs = expiresAtMs
    }
}
