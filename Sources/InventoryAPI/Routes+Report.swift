import Hummingbird
import InventoryFormat
import InventoryModel
import Planner
import ReportWorkbook

extension InventoryService {
    /// The compliance report of the city, and of one school.
    func addReportRoutes(to router: Router<ServiceContext>) {
        router.get("/v1/report") { request, context -> Response in
            try context.requireReader()
            let day = try request.dateQuery("as_of")
            let filter = ReportFilter(
                rule: try request.choiceQuery("rule", Rule.allCases.map(\.rawValue)).flatMap(Rule.init),
                severity: try request.choiceQuery("severity", ["violation", "warning"]).flatMap(Severity.init))
            if let district = request.query("district") {
                let city = try await self.city()
                guard city.schools.contains(where: { $0.district == district }) else {
                    throw APIError(
                        .notFound, "not_found", "no school is in district \"\(district)\"", field: "district")
                }
                let part = city.restricted(toDistrict: district)
                let report = ComplianceSolver(plan: part.plan, asOf: day ?? part.plan.today).evaluate(CityIndex(part))
                return .json(bytes: report.filtered(filter).jsonBytes())
            }
            let (report, json) = try await self.report(asOf: day)
            if filter.rule == nil, filter.severity == nil { return .json(pieces: json) }
            return .json(bytes: report.filtered(filter).jsonBytes())
        }
        router.get("/v1/report.xlsx") { request, context -> Response in
            try context.requireReader()
            let report = try await self.report(asOf: try request.dateQuery("as_of")).report
            let bytes = try Self.workbook { try ReportWorkbook.write(csv: report.csv(), sheet: "report", to: $0) }
            return Self.download(bytes: bytes, type: Self.xlsxType, name: "report-\(report.asOf).xlsx")
        }
        router.get("/v1/schools/:code/report") { request, context -> Response in
            try context.requireReader()
            let code = context.parameters.get("code") ?? ""
            var report = try await self.report(asOf: try request.dateQuery("as_of")).report
            guard let school = report.schools.first(where: { $0.code == code }) else {
                throw APIError.notFound("school \(code)")
            }
            report.schools = [school]
            return .json(bytes: report.jsonBytes())
        }
    }
}

extension Request {
    /// A query parameter that must be one of some words (case as given or upper).
    func choiceQuery(_ name: String, _ choices: [String]) throws(APIError) -> String? {
        guard let text = query(name) else { return nil }
        if let match = choices.first(where: { $0 == text || $0 == text.uppercased() }) { return match }
        throw APIError(
            .badRequest, "invalid_parameter", "\"\(text)\": expected one of \(choices.joined(separator: ", "))",
            field: name)
    }
}
