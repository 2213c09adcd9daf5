import Foundation
import Hummingbird
import InventoryFormat
import InventoryModel
import InventoryStoreSQLite
import Logging
import Planner
import Synchronization

/// The inventory service: the HTTP API over one store.
///
/// The service holds no state of its own but a cache of the city and its reports, dropped on
/// every write it makes, so several requests for the same report cost one evaluation.
public final class InventoryService: Sendable {
    public let store: SQLiteInventoryStore
    let metrics: ServiceMetrics
    let logger: Logger
    /// Bumped by every write; a cached city of an older generation is stale.
    private let generation = Atomic<Int>(0)
    private let cache = Mutex<CachedCity?>(nil)

    /// A service over a store; `logger` gets one line a request.
    public init(store: SQLiteInventoryStore, logger: Logger = Logger(label: "schoolnet")) {
        self.store = store
        self.logger = logger
        metrics = ServiceMetrics()
    }

    /// The router of every route, with the middleware that logs, measures, renders errors and
    /// checks tokens.
    public func router() -> Router<ServiceContext> {
        let router = Router(context: ServiceContext.self)
        router.add(middleware: ObserveMiddleware(metrics: metrics))
        router.add(middleware: TokenMiddleware(store: store))
        addPublicRoutes(to: router)
        for resource in Resource.inventory { addRecordRoutes(resource, to: router) }
        addMeasurementRoutes(to: router)
        addReportRoutes(to: router)
        addFolderRoutes(to: router)
        return router
    }

    /// Marks the city changed: cached reports are dropped.
    func changed() {
        generation.add(1, ordering: .relaxed)
    }

    /// The city as the store holds it now, read once per generation.
    func city() async throws -> Inventory {
        let current = generation.load(ordering: .relaxed)
        if let cached = cache.withLock({ $0 }), cached.generation == current { return cached.city }
        let city = try await store.loadInventory()
        cache.withLock { $0 = CachedCity(generation: current, city: city) }
        return city
    }

    /// The compliance report of the city as of a day, evaluated once per day and generation.
    func report(asOf day: CalendarDate?) async throws -> ComplianceReport {
        let city = try await city()
        let day = day ?? city.plan.today
        let current = generation.load(ordering: .relaxed)
        if let report = cache.withLock({ $0?.generation == current ? $0?.reports[day] : nil }) { return report }
        let report = ComplianceSolver(plan: city.plan, asOf: day).evaluate(CityIndex(city))
        cache.withLock { cached in
            if cached?.generation == current { cached?.reports[day] = report }
        }
        return report
    }

    /// The report's JSON (standards.md section 3), rendered once per day and generation.
    func reportJSON(asOf day: CalendarDate?) async throws -> [UInt8] {
        let report = try await report(asOf: day)
        let current = generation.load(ordering: .relaxed)
        if let bytes = cache.withLock({ $0?.generation == current ? $0?.reportJSON[report.asOf] : nil }) {
            return bytes
        }
        let bytes = report.jsonBytes()
        cache.withLock { cached in
            if cached?.generation == current { cached?.reportJSON[report.asOf] = bytes }
        }
        return bytes
    }

    /// The text the Prometheus endpoint serves.
    func metricsText() async -> [UInt8] {
        if let counts = try? await store.counts() {
            for (table, count) in counts { metrics.records(table).set(Double(count)) }
        }
        return metrics.registry.emitToBuffer()
    }
}

/// The city and its reports for one generation of the store.
struct CachedCity: Sendable {
    var generation: Int
    var city: Inventory
    var reports: [CalendarDate: ComplianceReport] = [:]
    var reportJSON: [CalendarDate: [UInt8]] = [:]
}

// MARK: Responses

extension Response {
    /// A JSON response.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(bytes: value.bytes, status: status)
    }

    static func json(bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Request {
    /// The whole body (up to the context's limit; a larger one is 413).
    func bodyBytes(_ context: ServiceContext) async throws -> [UInt8] {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        return Array(buffer.readableBytesView)
    }

    /// The body as JSON.
    func jsonBody(_ context: ServiceContext) async throws -> JSONValue {
        do {
            return try JSONValue.parse(try await bodyBytes(context))
        } catch let error as JSONSyntaxError {
            throw APIError(.badRequest, "malformed_json", "the body is not valid JSON: \(error.reason)")
        }
    }

    /// A query parameter, or nil when absent.
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name)
    }

    /// A date query parameter (`YYYY-MM-DD`).
    func dateQuery(_ name: String) throws(APIError) -> CalendarDate? {
        guard let text = query(name) else { return nil }
        guard let day = CalendarDate(iso: text) else {
            throw APIError(.badRequest, "invalid_parameter", "\"\(text)\": expected a date YYYY-MM-DD", field: name)
        }
        return day
    }

    /// An integer query parameter within bounds, or the default.
    func intQuery(_ name: String, default value: Int, _ range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = query(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(
                .badRequest, "invalid_parameter",
                "\"\(text)\": expected an integer from \(range.lowerBound) to \(range.upperBound)", field: name)
        }
        return number
    }
}
