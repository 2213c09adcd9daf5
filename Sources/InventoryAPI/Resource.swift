import InventoryFormat
import InventoryModel

/// The JSON type of a field of a record, and what the OpenAPI document says of it.
enum FieldType: Sendable {
    case text
    case integer
    case number
    case boolean
    /// `YYYY-MM-DD`.
    case date
    /// ISO 8601 with an offset.
    case dateTime
    case choice([String])

    static func choice<E: InventoryEnum>(_: E.Type) -> FieldType { .choice(E.allCases.map(\.rawValue)) }
}

/// One field of a record: a column of the table's interchange file, under the same name.
struct Field: Sendable {
    var name: String
    var type: FieldType
    /// Whether a record must have a value (not null, not blank).
    var required: Bool
    /// Bounds the file's reader enforces, repeated here for the OpenAPI document.
    var minimum: Double? = nil
    var maximum: Double? = nil
    var exclusiveMinimum = false
}

/// A collection of the API: one table of the inventory, its fields, and what a list may filter by.
///
/// A record in JSON is a row of the interchange file with typed values: its fields are the file's
/// columns, and a body is checked by the very reader that checks an import, so the API takes
/// exactly what a file takes.
struct Resource: Sendable {
    var table: InventoryTable
    var fields: [Field]
    /// Fields a list may be filtered by, as query parameters of the same name.
    var filters: [String]
    /// What one record is, for messages and the OpenAPI document.
    var noun: String

    var path: String { "/v1/" + table.rawValue }
    var keyFields: [String] { table.keyColumns }

    static let schools = Resource(
        table: .schools,
        fields: [
            Field(name: "code", type: .text, required: true), Field(name: "name", type: .text, required: true),
            Field(name: "district", type: .text, required: true),
            Field(name: "locality", type: .choice(Locality.self), required: true),
            Field(name: "central", type: .boolean, required: false),
            Field(name: "kind", type: .choice(SchoolKind.self), required: true),
        ]
            + Stage.allCases.map { Field(name: "classes_" + $0.rawValue, type: .integer, required: false, minimum: 0) }
            + [
                Field(name: "students", type: .integer, required: false),
                Field(name: "kindergarten_stars", type: .integer, required: false, minimum: 0, maximum: 5),
                Field(name: "vocational_demo", type: .choice(VocationalDemo.self), required: false),
                Field(name: "wireless_coverage_pct", type: .number, required: false, minimum: 0, maximum: 100),
                Field(name: "it_staff", type: .integer, required: false),
                Field(name: "latitude", type: .number, required: false, minimum: -90, maximum: 90),
                Field(name: "longitude", type: .number, required: false, minimum: -180, maximum: 180),
            ],
        filters: ["district", "locality", "kind", "central"], noun: "school")

    static let links = Resource(
        table: .links,
        fields: [
            Field(name: "link_id", type: .text, required: true),
            Field(name: "school_code", type: .text, required: true),
            Field(name: "provider", type: .text, required: true),
            Field(name: "down_mbps", type: .number, required: true, minimum: 0, exclusiveMinimum: true),
            Field(name: "up_mbps", type: .number, required: true, minimum: 0, exclusiveMinimum: true),
            Field(name: "monthly_cost", type: .number, required: false, minimum: 0),
            Field(name: "contract_start", type: .date, required: false),
            Field(name: "contract_end", type: .date, required: false),
        ],
        filters: ["school_code", "provider"], noun: "link")

    static let assets = Resource(
        table: .assets,
        fields: [
            Field(name: "asset_tag", type: .text, required: true),
            Field(name: "school_code", type: .text, required: false),
            Field(name: "category", type: .choice(AssetCategory.self), required: true),
            Field(name: "room", type: .text, required: false), Field(name: "model", type: .text, required: false),
            Field(name: "purchase_date", type: .date, required: true),
            Field(name: "purchase_cost", type: .number, required: true, minimum: 0),
            Field(name: "warranty_end", type: .date, required: false),
            Field(name: "expected_life_years", type: .number, required: false, minimum: 0, exclusiveMinimum: true),
            Field(name: "status", type: .choice(AssetStatus.self), required: true),
        ],
        filters: ["school_code", "category", "status"], noun: "asset")

    static let egress = Resource(
        table: .egress,
        fields: [
            Field(name: "link_id", type: .text, required: true), Field(name: "provider", type: .text, required: true),
            Field(name: "capacity_gbps", type: .number, required: true, minimum: 0, exclusiveMinimum: true),
            Field(name: "monthly_cost", type: .number, required: false, minimum: 0),
            Field(name: "contract_start", type: .date, required: false),
            Field(name: "contract_end", type: .date, required: false),
        ],
        filters: ["provider"], noun: "egress link")

    static let storage = Resource(
        table: .storage,
        fields: [
            Field(name: "pool", type: .text, required: true),
            Field(name: "kind", type: .choice(StoragePoolKind.self), required: true),
            Field(name: "capacity_tb", type: .number, required: true, minimum: 0, exclusiveMinimum: true),
            Field(name: "used_tb", type: .number, required: true, minimum: 0),
            Field(name: "as_of", type: .date, required: true),
        ],
        filters: ["pool", "kind"], noun: "storage reading")

    static let districts = Resource(
        table: .districts,
        fields: [
            Field(name: "district", type: .text, required: true),
            Field(name: "info_center_staff", type: .integer, required: true, minimum: 0),
            Field(name: "small_district", type: .boolean, required: false),
        ],
        filters: [], noun: "district")

    static let measurements = Resource(
        table: .measurements,
        fields: [
            Field(name: "id", type: .text, required: true), Field(name: "school_code", type: .text, required: true),
            Field(name: "probe_id", type: .text, required: true),
            Field(name: "kind", type: .choice(MeasurementKind.self), required: true),
            Field(name: "started_at", type: .dateTime, required: true),
            Field(name: "duration_s", type: .number, required: true, minimum: 0, exclusiveMinimum: true),
            Field(name: "mbps", type: .number, required: true, minimum: 0),
            Field(name: "cross_traffic_mbps", type: .number, required: false, minimum: 0),
            Field(name: "rtt_ms", type: .number, required: false, minimum: 0),
            Field(name: "loss_pct", type: .number, required: false, minimum: 0, maximum: 100),
            Field(name: "valid", type: .boolean, required: true),
        ],
        filters: ["school_code", "probe_id", "kind"], noun: "measurement")

    /// The inventory's collections with create, read, update and delete; measurements have
    /// their own batch routes.
    static let inventory: [Resource] = [schools, links, assets, egress, storage, districts]
    static let all = inventory + [measurements]

    static func of(_ table: InventoryTable) -> Resource { all.first { $0.table == table }! }

    // MARK: JSON and rows

    /// The JSON form of every record of the resource's table in `inventory`.
    func json(_ inventory: Inventory) -> [JSONValue] {
        table.rows(of: inventory).map(json(cells:))
    }

    /// A record's JSON from its file cells: blank is null, numbers and booleans typed.
    func json(cells: [String]) -> JSONValue {
        .object(
            zip(fields, cells).map { field, cell in
                if cell.isEmpty { return (field.name, .null) }
                switch field.type {
                case .integer, .number: return (field.name, Double(cell).map(JSONValue.number) ?? .null)
                case .boolean: return (field.name, .bool(cell == "true"))
                default: return (field.name, .string(cell))
                }
            })
    }

    /// The records of a JSON array (or one object), checked field by field for their JSON types,
    /// then as rows of the table's file by its reader.
    ///
    /// - Parameter path: the JSON path of the array or object, for errors (`measurements`, or
    ///   empty for a whole body).
    func records(_ values: [JSONValue], path: (Int) -> String) throws(APIError) -> Inventory {
        var rows: [[String]] = []
        rows.reserveCapacity(values.count)
        for (index, value) in values.enumerated() { rows.append(try cells(value, path: path(index))) }
        do {
            return try table.read(csv: table.csv(rows: rows))
        } catch {
            let issue = error.issues[0]
            let index = (issue.row ?? 2) - 2
            let place = path(index)
            let field = issue.column.map { place.isEmpty ? $0 : place + "." + $0 } ?? place
            var message = issue.message
            if let value = issue.value { message = (value.isEmpty ? "missing" : "\"\(value)\"") + ": " + message }
            // A key the body gives twice: the reader flags the later row's key column.
            let keyIndices = keyFields.compactMap { name in fields.firstIndex { $0.name == name } }
            func key(_ row: [String]) -> [String] { keyIndices.map { row[$0] } }
            if let column = issue.column, keyFields.contains(column), rows.indices.contains(index),
                rows[..<index].contains(where: { key($0) == key(rows[index]) })
            {
                throw APIError(
                    .unprocessableContent, "duplicate_key", "the body names one record twice: \(message)", field: field)
            }
            throw APIError.invalid(field, message)
        }
    }

    /// One record's cells in header order; a field of the wrong JSON type or not of this
    /// resource is refused here.
    private func cells(_ value: JSONValue, path: String) throws(APIError) -> [String] {
        guard case .object(let members) = value else {
            throw APIError(
                .unprocessableContent, "invalid_body", "expected a \(noun) as a JSON object, found \(value.typeName)",
                field: path.isEmpty ? nil : path)
        }
        let prefix = path.isEmpty ? "" : path + "."
        for (key, _) in members where !fields.contains(where: { $0.name == key }) {
            throw APIError(
                .unprocessableContent, "unknown_field", "a \(noun) has no field \"\(key)\"", field: prefix + key)
        }
        return try fields.map { field throws(APIError) -> String in
            guard let value = value[field.name] else { return "" }
            return try field.cell(value, at: prefix + field.name)
        }
    }
}

extension FieldType {
    var jsonTypeName: String {
        switch self {
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "true or false"
        default: "a string"
        }
    }
}

extension Field {
    /// The file cell for a JSON value, or an error naming the field when its JSON type is wrong.
    func cell(_ value: JSONValue, at path: String) throws(APIError) -> String {
        switch (type, value) {
        case (_, .null): return ""
        case (.integer, .number(let n)):
            guard n == n.rounded(.towardZero), abs(n) < 9.0e15 else {
                throw APIError.invalid(path, "\(JSONValue.numberText(n)): expected an integer")
            }
            return String(Int64(n))
        case (.number, .number(let n)): return JSONValue.numberText(n)
        case (.boolean, .bool(let b)): return b ? "true" : "false"
        case (.text, .string(let s)), (.date, .string(let s)), (.dateTime, .string(let s)), (.choice, .string(let s)):
            return s
        default:
            throw APIError(
                .unprocessableContent, "wrong_type", "expected \(type.jsonTypeName), found \(value.typeName)",
                field: path)
        }
    }
}
