import Foundation
import Hummingbird
import InventoryModel
import InventoryPages
import Planner
import ReportWorkbook

/// The planners' pages: HTML rendered here from the cached report, behind a login with an
/// admin's or planner's token. A page is also served to a request that carries such a token
/// as `Authorization: Bearer` (scripts, the benchmark).
extension InventoryService {
    func addPageRoutes(to router: Router<ServiceContext>) {
        addLoginRoutes(to: router)
        router.get("/") { request, context in
            try await self.page(request, context) { page in
                let report = try await self.report(asOf: page.day).report
                return OverviewPage.html(report, summary: try await self.summary(asOf: page.day), context: page)
            }
        }
        router.get("/schools") { request, context in
            try await self.page(request, context) { page in
                let filter = try SchoolsPage.Filter(page)
                return SchoolsPage.html(
                    try await self.report(asOf: page.day).report, filter: filter, page: Self.pageNumber(page),
                    directory: try await self.directory(), context: page)
            }
        }
        router.get("/schools.csv") { request, context in
            try await self.page(request, context) { page in
                let filter = try SchoolsPage.Filter(page)
                return SchoolsPage.csv(
                    try await self.report(asOf: page.day).report, filter: filter, directory: try await self.directory(),
                    language: page.language)
            } as: { body in
                Self.download(body, type: "text/csv; charset=utf-8", name: "schools.csv")
            }
        }
        router.get("/schools.xlsx") { request, context in
            try await self.page(request, context) { page in
                let filter = try SchoolsPage.Filter(page)
                let csv = SchoolsPage.csv(
                    try await self.report(asOf: page.day).report, filter: filter, directory: try await self.directory(),
                    language: page.language)
                return try Self.workbook { try ReportWorkbook.write(csv: csv, sheet: "schools", to: $0) }
            } as: {
                Self.download(bytes: $0, type: Self.xlsxType, name: "schools.xlsx")
            }
        }
        router.get("/schools/:code") { request, context in
            // The router leaves the path's percent-escapes as they came.
            let raw = context.parameters.get("code") ?? ""
            let code = raw.removingPercentEncoding ?? raw
            return try await self.page(request, context) { page in
                let report = try await self.report(asOf: page.day).report
                guard let school = report.schools.first(where: { $0.code == code }) else {
                    throw PageNotFound(
                        page.language == .zh ? "没有代码为“\(code)”的学校。" : "There is no school with the code \"\(code)\".")
                }
                let directory = try await self.directory()
                return SchoolPage.html(school, directory: directory, plan: directory.city.plan, context: page)
            }
        }
        router.get("/map") { request, context in
            try await self.page(request, context) { page in
                MapPage.html(
                    try await self.report(asOf: page.day).report, directory: try await self.directory(),
                    box: MapPage.Box(query: page.query("box")), context: page)
            }
        }
        router.get("/probes") { request, context in
            try await self.page(request, context) { page in
                let directory = try await self.directory()
                return ProbesPage.html(
                    try await self.report(asOf: page.day).report, directory: directory, plan: directory.city.plan,
                    page: Self.pageNumber(page), nowMs: Self.nowMs(), context: page)
            }
        }
        router.get("/renewals") { request, context in
            try await self.page(request, context) { page in
                RenewalsPage.html(try await self.renewals(asOf: page.day), context: page)
            }
        }
        router.get("/renewals.csv") { request, context in
            try await self.page(request, context) { page in
                ExcelCSV.text(RenewalReport.csv(try await self.renewals(asOf: page.day)))
            } as: { body in
                Self.download(body, type: "text/csv; charset=utf-8", name: "renewals.csv")
            }
        }
        router.get("/renewals/declaration.md") { request, context in
            try await self.page(request, context) { page in
                let city = try await self.city()
                return OperationsDeclaration(
                    city, plan: city.plan, asOf: page.day, startYear: page.day.year + 1, grouping: .district
                ).markdown
            } as: { body in
                Self.download(body, type: "text/markdown; charset=utf-8", name: "declaration.md")
            }
        }
        router.get("/renewals/declaration.xlsx") { request, context in
            try await self.page(request, context) { page in
                let city = try await self.city()
                let declaration = OperationsDeclaration(
                    city, plan: city.plan, asOf: page.day, startYear: page.day.year + 1, grouping: .district)
                return try Self.workbook { try declaration.writeWorkbook(to: $0) }
            } as: {
                Self.download(bytes: $0, type: Self.xlsxType, name: "declaration.xlsx")
            }
        }
        router.get("/capacity") { request, context in
            try await self.page(request, context) { page in
                CapacityPage.html(try await self.capacity(asOf: page.day), context: page)
            }
        }
    }

    /// The `page` query item: a page number from 1 (anything else is the first page).
    static func pageNumber(_ page: PageContext) -> Int {
        page.query("page").flatMap { Int($0) }.map { min(max($0, 1), 1_000_000) } ?? 1
    }

    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// A workbook written by `write` to a temporary file of its own, as bytes; the file is removed.
    static func workbook(_ write: (String) throws -> Void) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "schoolnet-\(UUID().uuidString).xlsx"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(path)
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func download(bytes: [UInt8], type: String, name: String) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"",
                .cacheControl: "no-store",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func download(_ body: String, type: String, name: String) -> Response {
        download(bytes: Array(body.utf8), type: type, name: name)
    }

    // MARK: What the pages read, cached per generation of the store

    func directory() async throws -> CityDirectory {
        try await derived(.directory) { city in
            .directory(CityDirectory(city))
        } as: {
            if case .directory(let directory) = $0 { directory } else { nil }
        }
    }

    /// The overview's counts of the report of a day.
    func summary(asOf day: CalendarDate) async throws -> CitySummary {
        let report = try await report(asOf: day).report
        return try await derived(.summary(day)) { _ in
            .summary(CitySummary(report))
        } as: {
            if case .summary(let summary) = $0 { summary } else { nil }
        }
    }

    /// The renewal plan of the five years after the as-of day's year.
    func renewals(asOf day: CalendarDate) async throws -> RenewalSchedule {
        try await derived(.renewals(day)) { city in
            .renewals(RenewalPlanner(plan: city.plan).schedule(city, startYear: day.year + 1, years: 5, asOf: day))
        } as: {
            if case .renewals(let schedule) = $0 { schedule } else { nil }
        }
    }

    /// The capacity plan of the as-of day over five years.
    func capacity(asOf day: CalendarDate) async throws -> CapacityPlan {
        let report = try await report(asOf: day).report
        return try await derived(.capacity(day)) { city in
            .capacity(CapacityPlanner(plan: city.plan, asOf: day).plan(city, report: report, years: 5))
        } as: {
            if case .capacity(let plan) = $0 { plan } else { nil }
        }
    }

    /// A value made from the city of the store's current generation, kept for that generation.
    private func derived<Value>(
        _ key: CacheKey, make: @escaping @Sendable (Inventory) -> CachedValue, as value: (CachedValue) -> Value?
    ) async throws -> Value {
        let current = try await store.generation()
        let city = try await city(generation: current)
        guard let made = value(try await cached(key, generation: current) { make(city) }) else {
            preconditionFailure("the cache holds another kind of value under \(key)")
        }
        return made
    }
}

/// A page asked for something that does not exist; shown as a 404 page in the page's language.
struct PageNotFound: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
