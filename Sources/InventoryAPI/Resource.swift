import InventoryFormat
import InventoryModel

/// A collection of the API: one table of the inventory, its fields, and what a list may filter by.
///
/// A record in JSON is a row of the interchange file with typed values: its fields are the file's
/// columns, and a body is checked by the very reader that checks an import, so the API takes
/// exactly what a file takes.
struct Resource: Sendable {
    var table: InventoryTable
    /// Fields a list may be filtered by, as query parameters of the same name.
    var filters: [String]
    /// What one record is, for messages and the OpenAPI document.
    var noun: String

    /// The record's fields: the table's columns (``InventoryTable/columns``), under their keys.
    var fields: [TableColumn] { table.columns }
    var path: String { "/v1/" + table.rawValue }
    var keyFields: [String] { table.keyColumns }

    static let schools = Resource(
        table: .schools, filters: ["district", "locality", "kind", "central"], noun: "school")

    static let links = Resource(table: .links, filters: ["school_code", "provider"], noun: "link")

    static let assets = Resource(table: .assets, filters: ["school_code", "category", "status"], noun: "asset")

    static let egress = Resource(table: .egress, filters: ["provider"], noun: "egress link")

    static let storage = Resource(table: .storage, filters: ["pool", "kind"], noun: "storage reading")

    static let districts = Resource(table: .districts, filters: [], noun: "district")

    static let measurements = Resource(
        table: .measurements, filters: ["school_code", "probe_id", "kind"], noun: "measurement")

    /// The inventory's collections with create, read, update and delete; measurements have
    /// their own batch routes.
    static let inventory: [Resource] = [schools, links, assets, egress, storage, districts]
    static let all = inventory + [measurements]

    static func of(_ table: InventoryTable) -> Resource { all.first { $0.table == table }! }

    // MARK: JSON and rows

    /// The JSON form of every record of the resource's table in `inventory`.
    func json(_ inventory: Inventory) -> [JSONValue] {
        table.rows(of: inventory).map(table.json(cells:))
    }

    /// The records of a JSON array (or one object), checked field by field for their JSON types,
    /// then by the table's file reader, given as rows of cells (no CSV text between).
    ///
    /// - Parameter path: the JSON path of the array or object, for errors (`measurements`, or
    ///   empty for a whole body).
    func records(_ values: [JSONValue], path: (Int) -> String) throws(APIError) -> Inventory {
        var rows: [[String]] = []
        rows.reserveCapacity(values.count)
        for (index, value) in values.enumerated() { rows.append(try cells(value, path: path(index))) }
        do {
            return try table.read(rows: rows)
        } catch {
            let issue = error.issues[0]
            let index = (issue.row ?? 2) - 2
            let place = path(index)
            let field = issue.column.map { place.isEmpty ? $0 : place + "." + $0 } ?? place
            var message = issue.message
            if let value = issue.value { message = (value.isEmpty ? "missing" : "\"\(value)\"") + ": " + message }
            // A key the body gives twice: the reader flags the later row's key column.
            let keyIndices = keyFields.compactMap { name in fields.firstIndex { $0.key == name } }
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
        for (key, _) in members where !fields.contains(where: { $0.key == key }) {
            throw APIError(
                .unprocessableContent, "unknown_field", "a \(noun) has no field \"\(key)\"", field: prefix + key)
        }
        return try fields.map { field throws(APIError) -> String in
            guard let value = value[field.key] else { return "" }
            return try field.cell(value, at: prefix + field.key)
        }
    }
}

extension TableColumn.Kind {
    var jsonTypeName: String {
        switch self {
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "true or false"
        default: "a string"
        }
    }
}

extension TableColumn {
    /// The file cell for a JSON value, or an error naming the field when its JSON type is wrong.
    func cell(_ value: JSONValue, at path: String) throws(APIError) -> String {
        switch (kind, value) {
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
                .unprocessableContent, "wrong_type", "expected \(kind.jsonTypeName), found \(value.typeName)",
                field: path)
        }
    }
}
