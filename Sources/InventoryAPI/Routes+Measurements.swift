import Hummingbird
import InventoryFormat
import InventoryModel

extension InventoryService {
    /// The most results one batch may hold.
    static let maxBatch = 10_000

    /// Batch ingest (idempotent on the result id) and listing by school and time.
    func addMeasurementRoutes(to router: Router<ServiceContext>) {
        let resource = Resource.measurements
        router.post("/v1/measurements") { request, context -> Response in
            let token = try context.requireToken()
            guard token.scope == .admin || token.scope == .probe else {
                throw APIError(.forbidden, "forbidden", "only a probe or admin token sends measurements")
            }
            let body = try await request.jsonBody(context)
            guard case .array(let items) = body["measurements"] else {
                throw APIError(
                    .unprocessableContent, "invalid_body", "expected {\"measurements\": [...]}", field: "measurements")
            }
            guard items.count <= Self.maxBatch else {
                throw APIError(
                    .unprocessableContent, "batch_too_large",
                    "a batch holds at most \(Self.maxBatch) measurements, this one \(items.count)",
                    field: "measurements")
            }
            let batch = try resource.records(items, path: { "measurements[\($0)]" }).measurements
            if token.scope == .probe, let index = batch.firstIndex(where: { $0.schoolCode != token.schoolCode }) {
                throw APIError(
                    .forbidden, "forbidden",
                    "this probe token writes for school \(token.schoolCode ?? "-") only, not \(batch[index].schoolCode)",
                    field: "measurements[\(index)].school_code")
            }
            let unknown = try await self.store.unknownSchools(Set(batch.map(\.schoolCode)))
            if let index = batch.firstIndex(where: { unknown.contains($0.schoolCode) }) {
                throw APIError(
                    .unprocessableContent, "unknown_school",
                    "no school has the code \"\(batch[index].schoolCode)\"", field: "measurements[\(index)].school_code"
                )
            }
            let inserted = try await self.store.write(Inventory(measurements: batch), on: .ignore)
            self.metrics.ingested(inserted: inserted, duplicates: batch.count - inserted)
            if let depth = request.headers[.init("X-Outbox-Depth")!].flatMap(Double.init) {
                self.metrics.outboxDepth(school: token.schoolCode ?? "-", token: token.id, depth: depth)
            }
            return .json(
                .object([
                    ("received", .number(Double(batch.count))), ("inserted", .number(Double(inserted))),
                    ("duplicates", .number(Double(batch.count - inserted))),
                ]))
        }
        router.get("/v1/measurements") { request, context -> Response in
            try context.requireReader()
            return try await self.list(resource, request, defaultLimit: 100, maxLimit: 10_000) { query in
                query.startedFrom = try request.timeQuery("from")
                query.startedBefore = try request.timeQuery("to")
            }
        }
    }
}

extension Request {
    /// A time query parameter: ISO 8601 with an offset, or a day (its start in UTC).
    func timeQuery(_ name: String) throws(APIError) -> Timestamp? {
        guard let text = query(name) else { return nil }
        if let time = Timestamp(iso: text) { return time }
        if let day = CalendarDate(iso: text) {
            return Timestamp(millisecondsSinceEpoch: Int64(day.daysSinceEpoch) * 86_400_000, utcOffsetMinutes: 0)
        }
        throw APIError(
            .badRequest, "invalid_parameter", "\"\(text)\": expected a date-time with offset or a date", field: name)
    }
}
