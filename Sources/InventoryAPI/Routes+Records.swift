import Hummingbird
import InventoryFormat
import InventoryModel
import Planner

extension InventoryService {
    /// List, create, read, replace, patch and delete for one collection of the inventory.
    func addRecordRoutes(_ resource: Resource, to router: Router<ServiceContext>) {
        let item = RouterPath(resource.path + "/" + resource.keyFields.map { ":" + $0 }.joined(separator: "/"))
        router.get(RouterPath(resource.path)) { request, context -> Response in
            try context.requireReader()
            return try await self.list(resource, request) { query in
                // Schools the report flags with a rule.
                guard resource.table == .schools,
                    let rule = try request.choiceQuery("rule", Rule.allCases.map(\.rawValue)).flatMap(Rule.init)
                else { return }
                let report = try await self.report(asOf: try request.dateQuery("as_of")).report
                query.schoolCodes = report.schools.filter { $0.flags.contains { $0.rule == rule } }.map(\.code)
            }
        }
        router.post(RouterPath(resource.path)) { request, context -> Response in
            try context.requireAdmin()
            let body = try await request.jsonBody(context)
            let record = try resource.records([body], path: { _ in "" })
            try await self.write(record, resource, on: .fail)
            return .json(resource.json(record)[0], status: .created)
        }
        router.get(item) { request, context -> Response in
            try context.requireReader()
            let key = try resource.key(context)
            guard let record = try await self.store.record(resource.table, key: key) else {
                throw APIError.notFound("\(resource.noun) \(key.joined(separator: " "))")
            }
            return .json(resource.json(record)[0])
        }
        router.put(item) { request, context -> Response in
            try context.requireAdmin()
            let key = try resource.key(context)
            let body = try resource.withKey(key, try await request.jsonBody(context))
            return try await self.replace(resource, key: key, with: body)
        }
        router.patch(item) { request, context -> Response in
            try context.requireAdmin()
            let key = try resource.key(context)
            guard let stored = try await self.store.record(resource.table, key: key) else {
                throw APIError.notFound("\(resource.noun) \(key.joined(separator: " "))")
            }
            let changes = try resource.withKey(key, try await request.jsonBody(context))
            guard case .object(var fields) = resource.json(stored)[0], case .object(let updates) = changes else {
                throw APIError(.unprocessableContent, "invalid_body", "expected a JSON object")
            }
            for (name, value) in updates {
                if let index = fields.firstIndex(where: { $0.0 == name }) {
                    fields[index].1 = value
                } else {
                    fields.append((name, value))
                }
            }
            return try await self.replace(resource, key: key, with: .object(fields))
        }
        router.delete(item) { request, context -> Response in
            try context.requireAdmin()
            let key = try resource.key(context)
            guard try await self.store.delete(resource.table, key: key) else {
                throw APIError.notFound("\(resource.noun) \(key.joined(separator: " "))")
            }
            return Response(status: .noContent)
        }
    }

    /// A page of a collection, NetBox style: `{count, next, previous, results}`, filtered by the
    /// resource's filters; `narrow` adds what a collection filters by besides.
    func list(
        _ resource: Resource, _ request: Request, defaultLimit: Int = 50, maxLimit: Int = 1000,
        narrow: (inout RecordQuery) async throws -> Void = { _ in }
    ) async throws -> Response {
        var query = RecordQuery()
        query.limit = try request.intQuery("limit", default: defaultLimit, 1...maxLimit)
        query.offset = try request.intQuery("offset", default: 0, 0...Int(Int32.max))
        for name in resource.filters {
            guard let value = request.query(name) else { continue }
            query.equal.append((resource.table.storeColumn(name)!, try resource.filterValue(name, value)))
        }
        try await narrow(&query)
        let (total, page) = try await store.records(resource.table, query)
        return .json(Self.page(resource.json(page), total: total, query: query, request: request))
    }

    /// A page's JSON with links to the pages before and after it.
    private static func page(_ results: [JSONValue], total: Int, query: RecordQuery, request: Request) -> JSONValue {
        func link(offset: Int) -> JSONValue {
            var items = request.uri.queryParameters.filter { $0.key != "offset" }.map { "\($0.key)=\($0.value)" }
            items.append("offset=\(offset)")
            return .string(request.uri.path + "?" + items.joined(separator: "&"))
        }
        let next = query.offset + results.count < total ? link(offset: query.offset + query.limit) : .null
        let previous = query.offset > 0 ? link(offset: max(0, query.offset - query.limit)) : .null
        return .object([
            ("count", .number(Double(total))), ("next", next), ("previous", previous), ("results", .array(results)),
        ])
    }

    /// Replaces a stored record with a body (404 when there is none).
    private func replace(_ resource: Resource, key: [String], with body: JSONValue) async throws -> Response {
        let record = try resource.records([body], path: { _ in "" })
        guard try await store.record(resource.table, key: key) != nil else {
            throw APIError.notFound("\(resource.noun) \(key.joined(separator: " "))")
        }
        try await write(record, resource, on: .update)
        return .json(resource.json(record)[0])
    }

    /// Writes records, turning the store's refusals into API errors.
    func write(_ records: Inventory, _ resource: Resource, on conflict: WriteConflict) async throws {
        do {
            try await store.write(records, on: conflict)
        } catch let error as RecordWriteError {
            switch error {
            case .conflict:
                throw APIError(
                    .conflict, "conflict",
                    "a \(resource.noun) with this \(resource.keyFields.joined(separator: " and ")) exists already",
                    field: resource.keyFields[0])
            case .unknownSchool:
                throw APIError(
                    .unprocessableContent, "unknown_school", "school_code names a school the inventory does not hold",
                    field: "school_code")
            case .invalid(let message):
                throw APIError(.unprocessableContent, "invalid_field", message)
            }
        }
    }
}

extension Resource {
    /// The record's key from the route's path parameters.
    func key(_ context: ServiceContext) throws(APIError) -> [String] {
        try keyFields.map { name throws(APIError) -> String in
            guard let value = context.parameters.get(name) else {
                throw APIError(.badRequest, "invalid_parameter", "missing \(name)", field: name)
            }
            let key = value.removingPercentEncoding ?? value
            // SQLite's C strings end at a NUL: `DL-ZS-0001%00x` would name DL-ZS-0001.
            guard !key.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
                throw APIError(
                    .badRequest, "invalid_parameter", "a \(name) holds no control characters", field: name)
            }
            return key
        }
    }

    /// A body with its key fields filled from the path; a body naming another key is refused.
    func withKey(_ key: [String], _ body: JSONValue) throws(APIError) -> JSONValue {
        guard case .object(var fields) = body else {
            throw APIError(
                .unprocessableContent, "invalid_body", "expected a \(noun) as a JSON object, found \(body.typeName)")
        }
        for (name, value) in zip(keyFields, key) {
            if let given = body[name] {
                guard given == .string(value) else {
                    throw APIError(
                        .unprocessableContent, "key_mismatch",
                        "the body's \(name) differs from the path's \"\(value)\"",
                        field: name)
                }
            } else {
                fields.append((name, .string(value)))
            }
        }
        return .object(fields)
    }

    /// A filter's value as the store compares it: booleans as yes/no, choices checked.
    func filterValue(_ name: String, _ value: String) throws(APIError) -> FilterValue {
        let field = table.column(name)
        switch field.kind {
        case .boolean:
            guard value == "true" || value == "false" else {
                throw APIError(.badRequest, "invalid_parameter", "\"\(value)\": expected true or false", field: name)
            }
            return .boolean(value == "true")
        case .choice:
            let choices = field.choices
            guard choices.contains(value) else {
                throw APIError(
                    .badRequest, "invalid_parameter",
                    "\"\(value)\": expected one of \(choices.joined(separator: ", "))",
                    field: name)
            }
            return .text(value)
        default: return .text(value)
        }
    }
}
