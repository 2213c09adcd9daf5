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
    private let cache = Mutex(CacheState(generation: -1))

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

    /// The city as the store holds it now, read once per generation: requests that arrive while
    /// it is being read wait for that read instead of starting their own.
    func city() async throws -> Inventory {
        try await city(generation: generation.load(ordering: .relaxed))
    }

    private func city(generation: Int) async throws -> Inventory {
        try await cached(.city, generation: generation) { [store] in .city(try await store.loadInventory()) }.city
    }

    /// The compliance report of the city as of a day (default: today in the plan's time zone)
    /// and its JSON, evaluated once per day and generation.
    func report(asOf day: CalendarDate?) async throws -> (report: ComplianceReport, json: [UInt8]) {
        // One generation throughout, so a report is never kept beside a newer city than its own.
        let current = generation.load(ordering: .relaxed)
        let city = try await city(generation: current)
        let day = day ?? city.plan.today
        return try await cached(.report(day), generation: current) {
            let report = ComplianceSolver(plan: city.plan, asOf: day).evaluate(CityIndex(city))
            return .report(report, report.jsonBytes())
        }.report
    }

    /// The value of a key for the current generation: the one made already, the one being made,
    /// or a new one. Values of older generations are dropped; a failed one is not kept.
    private func cached(
        _ key: CacheKey, generation current: Int, make: @escaping @Sendable () async throws -> CachedValue
    ) async throws -> CachedValue {
        let task = cache.withLock { cache -> Task<CachedValue, any Error> in
            // A newer generation replaces the state; an older one's value is made but not kept.
            if cache.generation < current { cache = CacheState(generation: current) }
            if cache.generation == current, let task = cache.tasks[key] { return task }
            let task = Task { try await make() }
            if cache.generation == current { cache.tasks[key] = task }
            return task
        }
        do {
            return try await task.value
        } catch {
            cache.withLock { cache in
                if cache.generation == current { cache.tasks[key] = nil }
            }
            throw error
        }
    }

    /// The text the Prometheus endpoint serves.
    func metricsText() async -> [UInt8] {
        if let counts = try? await store.counts() {
            for (table, count) in counts { metrics.records(table).set(Double(count)) }
        }
        return metrics.registry.emitToBuffer()
    }
}

/// What the service keeps of one generation of the store: the city and its reports, each as
/// the task that makes it.
struct CacheState: Sendable {
    var generation: Int
    var tasks: [CacheKey: Task<CachedValue, any Error>] = [:]
}

enum CacheKey: Hashable, Sendable {
    case city
    case report(CalendarDate)
}

enum CachedValue: Sendable {
    case city(Inventory)
    case report(ComplianceReport, [UInt8])

    var city: Inventory {
        guard case .city(let city) = self else { preconditionFailure("a city was cached under another key") }
        return city
    }

    var report: (report: ComplianceReport, json: [UInt8]) {
        guard case .report(let report, let json) = self else {
            preconditionFailure("a report was cached under another key")
        }
        return (report, json)
    }
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
