import Foundation
import Hummingbird
import InventoryFormat
import InventoryModel
import InventoryPages
import Logging
import Planner
import Synchronization

/// The inventory service: the HTTP API over one store.
///
/// The service holds no state of its own but a cache of the city and its reports, kept for one
/// generation of the store (its change counter, raised by every write of any process), so
/// several requests for the same report cost one evaluation and a change made elsewhere (a
/// command-line import, another instance) is seen by the next request.
public final class InventoryService: Sendable {
    public let store: any InventoryStore
    let metrics: ServiceMetrics
    let logger: Logger
    /// Whether the pages' cookies are sent over TLS only (the service listens with TLS).
    let secureCookies: Bool
    private let cache = Mutex(CacheState(generation: -1))
    /// The last report made of each day asked for lately, kept across generations.
    private let bases = Mutex<[CalendarDate: ReportBase]>([:])

    /// A service over a store; `logger` gets one line a request.
    public init(store: any InventoryStore, logger: Logger = Logger(label: "schoolnet"), secureCookies: Bool = false) {
        self.store = store
        self.logger = logger
        self.secureCookies = secureCookies
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
        addPageRoutes(to: router)
        return router
    }

    /// The city as the store holds it now, read once per generation: requests that arrive while
    /// it is being read wait for that read instead of starting their own.
    func city() async throws -> Inventory {
        try await city(generation: store.generation())
    }

    func city(generation: Int) async throws -> Inventory {
        try await cached(.city, generation: generation) { [store] in .city(try await store.loadInventory()) }.city
    }

    /// The compliance report of the city as of a day (default: today in the plan's time zone)
    /// and its JSON in pieces, made once per day and generation while the day is among the
    /// ``CacheState/reportsKept`` asked for last.
    ///
    /// A report follows the data: when the store's log says that only some schools changed
    /// since the last report of that day, those schools are judged again from their records
    /// and the rest kept (``ComplianceSolver/update(_:changed:records:)``); otherwise the city
    /// is read and judged whole.
    func report(asOf day: CalendarDate?) async throws -> (report: ComplianceReport, json: [ByteBuffer]) {
        let current = try await store.generation()
        let day = if let day { day } else { try await today() }
        return try await cached(.report(day), generation: current) { [self] in
            if let updated = try await updatedReport(of: day) { return updated }
            // The city as the rules read it: the one the pages read already, or its facts alone.
            let city: CityIndex
            if let whole = cache.withLock({ $0.generation == current ? $0.task(.city) : nil }) {
                city = CityIndex(try await whole.value.city)
            } else {
                city = CityIndex(
                    try await store.loadFacts { plan in ComplianceSolver.measurementWindow(plan: plan, asOf: day) })
            }
            let plan = city.inventory.plan
            let report = ComplianceSolver(plan: plan, asOf: day).evaluate(city)
            let json = report.jsonPieces().map { ByteBuffer(bytes: $0) }
            metrics.reportMade(.whole)
            keepBase(ReportBase(generation: current, plan: plan, report: report, json: json), of: day)
            return .report(report, json)
        }.report
    }

    /// Today in the plan's time zone, read without the city.
    func today() async throws -> CalendarDate {
        Plan.today(inTimeZone: try await store.planTimeZone() ?? Plan().timeZone)
    }

    /// Schools judged again at most when a report is brought up to date; beyond, the city is
    /// judged whole.
    static let schoolsReJudged = 2_000

    /// The last report of a day brought up to the store's generation from the store's log of
    /// changes, or nil when the city must be judged whole (no report of that day yet, the city
    /// changed as a whole, a school was added or deleted, too many schools changed).
    private func updatedReport(of day: CalendarDate) async throws -> CachedValue? {
        guard let base = bases.withLock({ $0[day] }) else { return nil }
        let window = ComplianceSolver.measurementWindow(plan: base.plan, asOf: day)
        switch try await store.changes(
            since: base.generation, atMostSchools: Self.schoolsReJudged, measuredWithin: window)
        {
        case .none:
            return .report(base.report, base.json)
        case .city:
            return nil
        case .schools(let generation, let codes, let records):
            let solver = ComplianceSolver(plan: base.plan, asOf: day)
            guard let report = solver.update(base.report, changed: codes, records: records) else { return nil }
            var json = base.json
            for (place, piece) in report.jsonPieces(changed: codes) { json[place] = ByteBuffer(bytes: piece) }
            metrics.reportMade(.updated)
            keepBase(ReportBase(generation: generation, plan: base.plan, report: report, json: json), of: day)
            return .report(report, json)
        }
    }

    /// Keeps a report as the base of the next of its day, unless a newer one is kept already;
    /// beyond ``CacheState/reportsKept`` days, the base kept longest ago goes.
    private func keepBase(_ base: ReportBase, of day: CalendarDate) {
        bases.withLock { bases in
            if let kept = bases[day], kept.generation > base.generation { return }
            bases[day] = base
            while bases.count > CacheState.reportsKept,
                let oldest = bases.min(by: { $0.value.madeAt < $1.value.madeAt })?.key
            {
                bases[oldest] = nil
            }
        }
    }

    /// The value of a key for the current generation: the one made already, the one being made,
    /// or a new one. Values of older generations are dropped; a failed one is not kept.
    func cached(
        _ key: CacheKey, generation current: Int, make: @escaping @Sendable () async throws -> CachedValue
    ) async throws -> CachedValue {
        let task = cache.withLock { cache -> Task<CachedValue, any Error> in
            // A newer generation replaces the state; an older one's value is made but not kept.
            if cache.generation < current { cache = CacheState(generation: current) }
            if cache.generation == current, let task = cache.task(key) { return task }
            let task = Task { try await make() }
            if cache.generation == current { cache.keep(task, for: key) }
            return task
        }
        do {
            return try await task.value
        } catch {
            cache.withLock { cache in
                if cache.generation == current { cache.forget(key) }
            }
            throw error
        }
    }

    /// How many reports the cache holds.
    var cachedReportCount: Int { cache.withLock { $0.reportCount } }

    /// How many values the cache holds in all.
    var cachedValueCount: Int { cache.withLock { $0.valueCount } }

    /// The text the Prometheus endpoint serves; the series that name schools and tokens only
    /// when `named` (asked with a reader's token).
    func metricsText(named: Bool) async -> [UInt8] {
        if let counts = try? await store.counts() {
            for (table, count) in counts { metrics.records(table).set(Double(count)) }
        }
        var text = metrics.registry.emitToBuffer()
        if named { text += metrics.probeRegistry.emitToBuffer() }
        return text
    }
}

/// What the service keeps of one generation of the store: the city and the reports of the
/// last few days asked for, each as the task that makes it.
///
/// Bounded: a client asking for a report of every day since 2000 gets each computed, and the
/// service keeps the city and ``reportsKept`` reports, never one a day.
struct CacheState: Sendable {
    /// Values of a day kept at most (a report of a 100,000-school city is about 60 MB).
    static let reportsKept = 4

    var generation: Int
    private var tasks: [CacheKey: Task<CachedValue, any Error>] = [:]
    /// Report keys, the least recently asked first.
    private var recent: [CacheKey] = []

    init(generation: Int) {
        self.generation = generation
    }

    /// The task of a key, marked as asked for now.
    mutating func task(_ key: CacheKey) -> Task<CachedValue, any Error>? {
        guard let task = tasks[key] else { return nil }
        if let place = recent.firstIndex(of: key) { recent.append(recent.remove(at: place)) }
        return task
    }

    /// Keeps a task; of the values of a day of one kind (reports, summaries, plans), the one
    /// asked for least recently goes when more than ``reportsKept`` are kept, so a planner
    /// paging through renewals does not push out the report another reads.
    mutating func keep(_ task: Task<CachedValue, any Error>, for key: CacheKey) {
        tasks[key] = task
        guard let kind = key.dayKind else { return }
        recent.append(key)
        let ofKind = recent.filter { $0.dayKind == kind }
        if ofKind.count > Self.reportsKept, let oldest = ofKind.first {
            forget(oldest)
        }
    }

    mutating func forget(_ key: CacheKey) {
        tasks[key] = nil
        recent.removeAll { $0 == key }
    }

    /// How many reports are kept.
    var reportCount: Int { recent.filter { $0.dayKind == 0 }.count }

    /// How many values of any kind are kept (the city and the directory among them).
    var valueCount: Int { tasks.count }
}

enum CacheKey: Hashable, Sendable {
    case city
    /// Where each school's rows are, for the pages.
    case directory
    case report(CalendarDate)
    /// The overview's counts of the report of a day.
    case summary(CalendarDate)
    case renewals(CalendarDate)
    case capacity(CalendarDate)

    /// For a value of one as-of day (one of many a client can ask for), its kind; nil for the
    /// values of the whole city.
    var dayKind: Int? {
        switch self {
        case .city, .directory: nil
        case .report: 0
        case .summary: 1
        case .renewals: 2
        case .capacity: 3
        }
    }
}

enum CachedValue: Sendable {
    case city(Inventory)
    case directory(CityDirectory)
    case report(ComplianceReport, [ByteBuffer])
    case summary(CitySummary)
    case renewals(RenewalSchedule)
    case capacity(CapacityPlan)

    var city: Inventory {
        guard case .city(let city) = self else { preconditionFailure("a city was cached under another key") }
        return city
    }

    var report: (report: ComplianceReport, json: [ByteBuffer]) {
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

    /// A JSON response of pieces that, joined, are the document (sent without a copy).
    static func json(pieces: [ByteBuffer]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(contentsOf: pieces))
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
            throw APIError(
                .badRequest, "invalid_parameter",
                "\"\(text)\": expected a date YYYY-MM-DD from \(CalendarDate.readableRange)", field: name)
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
