import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InventoryFormat
import InventoryModel
import InventoryStoreSQLite
import Logging
import Planner
import TestSupport
import Testing

@testable import InventoryAPI

/// A service over an in-memory store holding the sample city, with a token of each scope.
struct Fixture {
    let service: InventoryService
    let admin: String
    let planner: String
    /// A probe token of school `probeSchool`.
    let probe: String
    let probeSchool = "DL-CH-0001"

    static let sampleCity: Inventory = {
        try! InventoryFolder.read(at: Programs.path("Inventory/sample-city")).inventory
    }()

    /// A fixture over a service made elsewhere, with one planner token of it (the other
    /// tokens are not made).
    init(service: InventoryService, planner: String) async throws {
        self.service = service
        self.planner = planner
        admin = ""
        probe = ""
    }

    init() async throws {
        let store = try SQLiteInventoryStore()
        try await store.replaceInventory(with: Self.sampleCity, measurements: .replace, progress: nil)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        service = InventoryService(store: store, logger: logger)
        func token(_ scope: TokenScope, _ school: String? = nil) async throws -> String {
            let made = TokenIssuer.make(name: scope.rawValue, scope: scope, schoolCode: school)
            try await store.addToken(made.token, sha256: made.sha256)
            return made.secret
        }
        admin = try await token(.admin)
        planner = try await token(.planner)
        probe = try await token(.probe, probeSchool)
    }

    /// Runs requests against the service in-process.
    func test(_ body: @Sendable (Client) async throws -> Void) async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = Application(router: service.router(), logger: logger)
        try await app.test(.router) { client in try await body(Client(client: client)) }
    }

    struct Client {
        let client: any TestClientProtocol

        struct Reply {
            var status: Int
            var body: [UInt8]
            var json: JSONValue? { try? JSONValue.parse(body) }
            var errorCode: String? {
                if case .string(let code)? = json?["error"]?["code"] { code } else { nil }
            }
            var errorField: String? {
                if case .string(let field)? = json?["error"]?["field"] { field } else { nil }
            }
        }

        func send(
            _ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil, bytes: [UInt8]? = nil,
            headers extra: [String: String] = [:]
        ) async throws -> Reply {
            var headers: HTTPFields = [:]
            for (name, value) in extra { headers[HTTPField.Name(name)!] = value }
            if let token { headers[.authorization] = "Bearer \(token)" }
            let buffer = (bytes ?? body.map { Array($0.utf8) }).map { ByteBuffer(bytes: $0) }
            return try await client.execute(uri: uri, method: method, headers: headers, body: buffer) { response in
                Reply(status: Int(response.status.code), body: Array(response.body.readableBytesView))
            }
        }
    }

    func count(_ table: InventoryTable) async throws -> Int {
        try await service.store.counts()[table] ?? 0
    }
}

extension JSONValue {
    var number: Double? { if case .number(let n) = self { n } else { nil } }
    var text: String? { if case .string(let s) = self { s } else { nil } }
    var items: [JSONValue] { if case .array(let a) = self { a } else { [] } }
}

/// One measurement as a probe sends it.
func measurementJSON(
    id: String, school: String, startedAt: String = "2026-11-20T10:00:00+08:00", mbps: String = "95.5",
    duration: String = "10"
) -> String {
    """
    {"id": "\(id)", "school_code": "\(school)", "probe_id": "p1", "kind": "throughput_down", \
    "started_at": "\(startedAt)", "duration_s": \(duration), "mbps": \(mbps), "valid": true}
    """
}

func batch(_ items: [String]) -> String { "{\"measurements\": [" + items.joined(separator: ",") + "]}" }

@Suite struct RecordRouteTests {
    /// The bounds the OpenAPI document gives every number of every record are the table's and
    /// the ones the API enforces: a patch at each bound is taken, one past it refused naming the
    /// field.
    @Test func documentedBoundsAreEnforced() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let document = try await client.send(.get, "/openapi.json", token: nil).json
            for resource in Resource.inventory {
                let schema = OpenAPIDocument.schemaName(resource) + "Patch"
                guard case .object(let properties)? = document?["components"]?["schemas"]?[schema]?["properties"]
                else {
                    Issue.record("no \(schema) in the document")
                    continue
                }
                let numbers = resource.table.columns.filter {
                    switch $0.kind {
                    case .integer, .number: true
                    default: false
                    }
                }
                let bounded = properties.filter { $0.1["maximum"] != nil && $0.1["minimum"] != nil }.map(\.0)
                #expect(Set(bounded) == Set(numbers.map(\.key)), "\(schema)")
                // The first record of the table, by its key.
                let row = resource.table.rows(of: Fixture.sampleCity)[0]
                let key = resource.keyFields.map { name in row[resource.table.header.firstIndex(of: name)!] }
                let path = ([resource.path] + key).joined(separator: "/")
                for (field, property) in properties where bounded.contains(field) {
                    let maximum = property["maximum"]?.number ?? 0
                    let minimum = property["minimum"]?.number ?? 0
                    let exclusive = property["exclusiveMinimum"] == .bool(true)
                    let step = property["type"]?.text == "integer" ? 1 : maximum * 0.001 + 1
                    func patch(_ value: Double) async throws -> Fixture.Client.Reply {
                        try await client.send(
                            .patch, path, token: fixture.admin, body: "{\"\(field)\": \(JSONValue.numberText(value))}")
                    }
                    #expect(try await patch(maximum).status == 200, "\(path) \(field) = \(maximum)")
                    if !exclusive { #expect(try await patch(minimum).status == 200, "\(path) \(field) = \(minimum)") }
                    for value in [maximum + step, minimum - step] + (exclusive ? [minimum] : []) {
                        let refused = try await patch(value)
                        #expect(
                            refused.status == 422 && refused.errorField == field, "\(path) \(field) = \(value)")
                    }
                }
            }
        }
    }

    @Test func listPagesAndFilters() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let first = try await client.send(.get, "/v1/schools?limit=2", token: fixture.planner)
            #expect(first.status == 200)
            #expect(first.json?["count"]?.number == Double(Fixture.sampleCity.schools.count))
            #expect(first.json?["results"]?.items.count == 2)
            #expect(first.json?["next"]?.text == "/v1/schools?limit=2&offset=2")
            #expect(first.json?["previous"] == .null)
            let district = Fixture.sampleCity.schools[0].district
            let filtered = try await client.send(
                .get,
                "/v1/schools?limit=1000&district=\(district.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!)",
                token: fixture.planner)
            let expected = Fixture.sampleCity.schools.filter { $0.district == district }.count
            #expect(filtered.json?["count"]?.number == Double(expected))
            #expect(filtered.json?["results"]?.items.allSatisfy { $0["district"]?.text == district } == true)
            let kind = try await client.send(.get, "/v1/schools?kind=kindergarten", token: fixture.planner)
            #expect(
                kind.json?["count"]?.number
                    == Double(Fixture.sampleCity.schools.filter { $0.kind == .kindergarten }.count))
            let bad = try await client.send(.get, "/v1/schools?kind=college", token: fixture.planner)
            #expect(bad.status == 400 && bad.errorField == "kind")
            let badLimit = try await client.send(.get, "/v1/schools?limit=0", token: fixture.planner)
            #expect(badLimit.status == 400 && badLimit.errorField == "limit")
        }
    }

    /// `rule=` lists the schools the report flags with that rule.
    @Test func schoolsByRule() async throws {
        let fixture = try await Fixture()
        let asOf = CalendarDate(iso: "2026-11-20")!
        let report = ComplianceSolver(plan: Fixture.sampleCity.plan, asOf: asOf).evaluate(CityIndex(Fixture.sampleCity))
        let flagged = report.schools.filter { $0.flags.contains { $0.rule == .contractBelowStandard } }.map(\.code)
        #expect(!flagged.isEmpty)
        try await fixture.test { client in
            let reply = try await client.send(
                .get, "/v1/schools?limit=1000&rule=CONTRACT_BELOW_STANDARD&as_of=2026-11-20", token: fixture.planner)
            #expect(reply.json?["results"]?.items.compactMap { $0["code"]?.text } == flagged)
        }
    }

    /// A record made through the API reads back the same, and the file reader's rules apply.
    @Test func createReadReplacePatchDelete() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let link = """
                {"link_id": "L-NEW", "school_code": "DL-CH-0001", "provider": "联通", "down_mbps": 300, "up_mbps": 50, \
                "monthly_cost": 1200, "contract_start": "2026-01-01", "contract_end": null}
                """
            let created = try await client.send(.post, "/v1/links", token: fixture.admin, body: link)
            #expect(created.status == 201)
            #expect(created.json?["down_mbps"]?.number == 300)
            #expect(created.json?["contract_end"] == .null)
            let again = try await client.send(.post, "/v1/links", token: fixture.admin, body: link)
            #expect(again.status == 409 && again.errorCode == "conflict")
            let read = try await client.send(.get, "/v1/links/L-NEW", token: fixture.planner)
            #expect(read.json == created.json)
            let patched = try await client.send(
                .patch, "/v1/links/L-NEW", token: fixture.admin, body: #"{"down_mbps": 500}"#)
            #expect(patched.status == 200 && patched.json?["down_mbps"]?.number == 500)
            #expect(patched.json?["provider"]?.text == "联通")
            let replaced = try await client.send(
                .put, "/v1/links/L-NEW", token: fixture.admin,
                body: #"{"school_code": "DL-CH-0001", "provider": "电信", "down_mbps": 100, "up_mbps": 100}"#)
            #expect(replaced.status == 200 && replaced.json?["monthly_cost"] == .null)
            let mismatch = try await client.send(
                .put, "/v1/links/L-NEW", token: fixture.admin,
                body:
                    #"{"link_id": "L-OTHER", "school_code": "DL-CH-0001", "provider": "x", "down_mbps": 1, "up_mbps": 1}"#
            )
            #expect(mismatch.status == 422 && mismatch.errorCode == "key_mismatch")
            let missing = try await client.send(
                .put, "/v1/links/L-NONE", token: fixture.admin,
                body: #"{"school_code": "DL-CH-0001", "provider": "x", "down_mbps": 1, "up_mbps": 1}"#)
            #expect(missing.status == 404)
            #expect(try await client.send(.delete, "/v1/links/L-NEW", token: fixture.admin).status == 204)
            #expect(try await client.send(.get, "/v1/links/L-NEW", token: fixture.admin).status == 404)
            #expect(try await client.send(.delete, "/v1/links/L-NEW", token: fixture.admin).status == 404)
        }
        #expect(try await fixture.count(.links) == Fixture.sampleCity.links.count)
    }

    /// Every collection reads its first record back by its key, composite keys too.
    @Test func everyCollectionByKey() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            for (path, keys) in [
                ("schools", ["code"]), ("links", ["link_id"]), ("assets", ["asset_tag"]), ("egress", ["link_id"]),
                ("storage", ["pool", "as_of"]), ("districts", ["district"]),
            ] {
                let list = try await client.send(.get, "/v1/\(path)?limit=1", token: fixture.planner)
                let first = try #require(list.json?["results"]?.items.first, "\(path)")
                let key = keys.map { first[$0]!.text!.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! }
                let one = try await client.send(
                    .get, "/v1/\(path)/" + key.joined(separator: "/"), token: fixture.planner)
                #expect(one.status == 200, "\(path)")
                #expect(one.json == first, "\(path)")
            }
        }
    }

    /// Bad bodies get a 4xx naming the field, and nothing is written.
    @Test(
        arguments: [
            ("not json", "{\"link_id\": ", 400, "malformed_json", nil),
            (
                "wrong type",
                #"{"link_id": "L-X", "school_code": "DL-CH-0001", "provider": "x", "down_mbps": "fast", "up_mbps": 1}"#,
                422, "wrong_type", "down_mbps"
            ),
            (
                "out of range",
                #"{"link_id": "L-X", "school_code": "DL-CH-0001", "provider": "x", "down_mbps": 0, "up_mbps": 1}"#, 422,
                "invalid_field", "down_mbps"
            ),
            (
                "huge number",
                #"{"link_id": "L-X", "school_code": "DL-CH-0001", "provider": "x", "down_mbps": 1e400, "up_mbps": 1}"#,
                400, "malformed_json", nil
            ),
            (
                "unknown field",
                #"{"link_id": "L-X", "school_code": "DL-CH-0001", "provider": "x", "down_mbps": 1, "up_mbps": 1, "speed": 3}"#,
                422, "unknown_field", "speed"
            ),
            (
                "missing field", #"{"link_id": "L-X", "school_code": "DL-CH-0001", "down_mbps": 1, "up_mbps": 1}"#, 422,
                "invalid_field", "provider"
            ),
            (
                "unknown school",
                #"{"link_id": "L-X", "school_code": "DL-NOPE", "provider": "x", "down_mbps": 1, "up_mbps": 1}"#, 422,
                "unknown_school", "school_code"
            ),
            (
                "bad date",
                #"{"link_id": "L-X", "school_code": "DL-CH-0001", "provider": "x", "down_mbps": 1, "up_mbps": 1, "contract_end": "2026-02-30"}"#,
                422, "invalid_field", "contract_end"
            ),
            ("an array", "[1, 2]", 422, "invalid_body", nil),
        ] as [(String, String, Int, String, String?)])
    func badBodies(_ name: String, _ body: String, _ status: Int, _ code: String, _ field: String?) async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let reply = try await client.send(.post, "/v1/links", token: fixture.admin, body: body)
            #expect(reply.status == status, "\(name)")
            #expect(reply.errorCode == code, "\(name)")
            #expect(reply.errorField == field, "\(name)")
        }
        #expect(try await fixture.count(.links) == Fixture.sampleCity.links.count)
    }

    @Test func unknownRouteAndHugeBody() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let none = try await client.send(.get, "/v1/nothing", token: fixture.admin)
            #expect(none.status == 404 && none.errorCode == "not_found")
            let huge = try await client.send(
                .post, "/v1/measurements", token: fixture.admin, bytes: [UInt8](repeating: 0x20, count: 10 << 20))
            #expect(huge.status == 413 && huge.errorCode == "body_too_large")
        }
        #expect(try await fixture.count(.measurements) == Fixture.sampleCity.measurements.count)
    }
}

@Suite struct TokenScopeTests {
    /// Every /v1 route wants a token; each scope gets what it may and 403 for the rest.
    @Test func scopes() async throws {
        let fixture = try await Fixture()
        let link = #"{"link_id": "L-S", "school_code": "DL-CH-0001", "provider": "x", "down_mbps": 1, "up_mbps": 1}"#
        try await fixture.test { client in
            for (method, uri) in [
                (HTTPRequest.Method.get, "/v1/schools"), (.get, "/v1/report"), (.get, "/v1/measurements"),
                (.post, "/v1/measurements"), (.get, "/v1/export"), (.post, "/v1/links"), (.delete, "/v1/links/x"),
            ] {
                let reply = try await client.send(method, uri, token: nil)
                #expect(reply.status == 401, "\(method) \(uri)")
                let wrong = try await client.send(method, uri, token: "snt_0_wrong")
                #expect(wrong.status == 401 && wrong.errorCode == "invalid_token", "\(method) \(uri)")
            }
            // planner: reads, never writes.
            #expect(try await client.send(.get, "/v1/schools", token: fixture.planner).status == 200)
            #expect(try await client.send(.get, "/v1/report?as_of=2026-11-20", token: fixture.planner).status == 200)
            #expect(try await client.send(.post, "/v1/links", token: fixture.planner, body: link).status == 403)
            #expect(
                try await client.send(
                    .post, "/v1/measurements", token: fixture.planner,
                    body: batch([measurementJSON(id: "m-1", school: fixture.probeSchool)])
                ).status == 403)
            // probe: its own school's measurements only.
            #expect(try await client.send(.get, "/v1/schools", token: fixture.probe).status == 403)
            #expect(try await client.send(.post, "/v1/links", token: fixture.probe, body: link).status == 403)
            let own = try await client.send(
                .post, "/v1/measurements", token: fixture.probe,
                body: batch([measurementJSON(id: "m-own", school: fixture.probeSchool)]))
            #expect(own.status == 200)
            let other = try await client.send(
                .post, "/v1/measurements", token: fixture.probe,
                body: batch([
                    measurementJSON(id: "m-2", school: fixture.probeSchool),
                    measurementJSON(id: "m-3", school: "DL-CH-0002"),
                ]))
            #expect(other.status == 403 && other.errorField == "measurements[1].school_code")
            // admin: everything.
            #expect(try await client.send(.post, "/v1/links", token: fixture.admin, body: link).status == 201)
        }
        // The refused batch left nothing behind, not even its first, allowed result.
        #expect(try await fixture.count(.measurements) == Fixture.sampleCity.measurements.count + 1)
    }

    /// Tokens are kept hashed, and a revoked one stops working at once.
    @Test func hashedAndRevoked() async throws {
        let fixture = try await Fixture()
        let tokens = try await fixture.service.store.tokens()
        #expect(tokens.count == 3)
        // The store keeps no part of a secret: only the public id and the hash of the whole.
        let secret = String(fixture.admin.split(separator: "_").last!)
        #expect(secret.count == 64)
        #expect(tokens.allSatisfy { [$0.id, $0.name, $0.createdAt].allSatisfy { !$0.contains(secret) } })
        let admin = try #require(tokens.first { $0.scope == .admin })
        #expect(try await fixture.service.store.token(sha256: TokenIssuer.sha256(fixture.admin)) == admin)
        #expect(try await fixture.service.store.token(sha256: fixture.admin) == nil)
        try await fixture.test { client in
            #expect(try await client.send(.get, "/v1/schools", token: fixture.admin).status == 200)
            #expect(try await fixture.service.store.revokeToken(id: admin.id, at: "2026-11-28T00:00:00Z"))
            let after = try await client.send(.get, "/v1/schools", token: fixture.admin)
            #expect(after.status == 401 && after.errorCode == "invalid_token")
        }
    }
}

@Suite struct MeasurementRouteTests {
    /// A batch sent twice is stored once; the second answer says so.
    @Test func idempotentOnID() async throws {
        let fixture = try await Fixture()
        let items = (0..<500).map { measurementJSON(id: "b-\($0)", school: fixture.probeSchool) }
        try await fixture.test { client in
            let first = try await client.send(.post, "/v1/measurements", token: fixture.probe, body: batch(items))
            #expect(first.json?["inserted"]?.number == 500 && first.json?["duplicates"]?.number == 0)
            let again = try await client.send(.post, "/v1/measurements", token: fixture.probe, body: batch(items))
            #expect(again.json?["inserted"]?.number == 0 && again.json?["duplicates"]?.number == 500)
        }
        #expect(try await fixture.count(.measurements) == Fixture.sampleCity.measurements.count + 500)
    }

    /// Bad results: a 4xx naming the result and field, and nothing of the batch written.
    @Test(
        arguments: [
            (
                "no offset", measurementJSON(id: "x", school: "DL-CH-0001", startedAt: "2026-11-20T10:00:00"), 422,
                "measurements[1].started_at"
            ),
            ("wrong type", measurementJSON(id: "x", school: "DL-CH-0001", mbps: "\"95\""), 422, "measurements[1].mbps"),
            ("negative", measurementJSON(id: "x", school: "DL-CH-0001", mbps: "-1"), 422, "measurements[1].mbps"),
            ("huge", measurementJSON(id: "x", school: "DL-CH-0001", mbps: "1e999"), 400, nil),
            (
                "zero length", measurementJSON(id: "x", school: "DL-CH-0001", duration: "0"), 422,
                "measurements[1].duration_s"
            ),
            ("unknown school", measurementJSON(id: "x", school: "DL-NOPE"), 422, "measurements[1].school_code"),
            ("same id twice", measurementJSON(id: "ok", school: "DL-CH-0001"), 422, "measurements[1].id"),
        ] as [(String, String, Int, String?)])
    func badResults(_ name: String, _ second: String, _ status: Int, _ field: String?) async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let reply = try await client.send(
                .post, "/v1/measurements", token: fixture.admin,
                body: batch([measurementJSON(id: "ok", school: "DL-CH-0001"), second]))
            #expect(reply.status == status, "\(name)")
            #expect(reply.errorField == field, "\(name)")
        }
        #expect(try await fixture.count(.measurements) == Fixture.sampleCity.measurements.count)
    }

    @Test func listBySchoolAndTime() async throws {
        let fixture = try await Fixture()
        let times = ["2026-11-20T08:00:00+08:00", "2026-11-20T10:00:00+08:00", "2026-11-21T10:00:00+08:00"]
        let items = times.enumerated().map {
            measurementJSON(id: "t-\($0.offset)", school: "DL-CH-0002", startedAt: $0.element)
        }
        try await fixture.test { client in
            #expect(
                try await client.send(.post, "/v1/measurements", token: fixture.admin, body: batch(items)).status == 200
            )
            let range = try await client.send(
                .get, "/v1/measurements?school_code=DL-CH-0002&probe_id=p1&from=2026-11-20T01:00:00Z&to=2026-11-21",
                token: fixture.planner)
            #expect(range.json?["results"]?.items.compactMap { $0["id"]?.text } == ["t-1"])
            #expect(range.json?["results"]?.items.first?["started_at"]?.text == times[1])
            let bad = try await client.send(.get, "/v1/measurements?from=yesterday", token: fixture.planner)
            #expect(bad.status == 400 && bad.errorField == "from")
        }
    }
}

@Suite struct ReportAndFolderTests {
    /// The served report is the solver's report of the store's city, byte for byte.
    @Test func reportMatchesTheSolver() async throws {
        let fixture = try await Fixture()
        let asOf = CalendarDate(iso: "2026-11-20")!
        let city = try await fixture.service.store.loadInventory()
        let expected = ComplianceSolver(plan: city.plan, asOf: asOf).evaluate(CityIndex(city))
        try await fixture.test { client in
            let reply = try await client.send(.get, "/v1/report?as_of=2026-11-20", token: fixture.planner)
            #expect(reply.body == expected.jsonBytes())
            let violations = try await client.send(
                .get, "/v1/report?as_of=2026-11-20&severity=violation", token: fixture.planner)
            #expect(violations.body == expected.filtered(ReportFilter(severity: .violation)).jsonBytes())
            let school = try await client.send(
                .get, "/v1/schools/DL-CH-0001/report?as_of=2026-11-20", token: fixture.planner)
            #expect(school.json?["schools"]?.items.count == 1)
            #expect(school.json?["schools"]?.items.first?["code"]?.text == "DL-CH-0001")
            #expect(try await client.send(.get, "/v1/schools/DL-NOPE/report", token: fixture.planner).status == 404)
            let badDay = try await client.send(.get, "/v1/report?as_of=2026-13-01", token: fixture.planner)
            #expect(badDay.status == 400 && badDay.errorField == "as_of")
            // The first and last days a date may be are days like any other; a day before is refused.
            #expect(try await client.send(.get, "/v1/report?as_of=1900-01-01", token: fixture.planner).status == 200)
            #expect(try await client.send(.get, "/v1/report?as_of=2200-12-31", token: fixture.planner).status == 200)
            #expect(try await client.send(.get, "/v1/report?as_of=0001-05-12", token: fixture.planner).status == 400)
            // A write is seen by the next report.
            _ = try await client.send(.delete, "/v1/schools/DL-CH-0001", token: fixture.admin)
            let after = try await client.send(.get, "/v1/report?as_of=2026-11-20", token: fixture.planner)
            #expect(after.json?["schools"]?.items.count == Fixture.sampleCity.schools.count - 1)
        }
    }

    /// A report after writes of some schools is the last one brought up to date (the service's
    /// counter says so) and is the solver's report of the changed city, byte for byte; after a
    /// school is deleted the city is judged whole again.
    @Test func reportFollowsWrites() async throws {
        let fixture = try await Fixture()
        let asOf = CalendarDate(iso: "2026-11-20")!
        let path = "/v1/report?as_of=2026-11-20"
        @Sendable func expected() async throws -> [UInt8] {
            let city = try await fixture.service.store.loadInventory()
            return ComplianceSolver(plan: city.plan, asOf: asOf).evaluate(CityIndex(city)).jsonBytes()
        }
        let city = Fixture.sampleCity
        let moved = try #require(city.links.first { $0.schoolCode != fixture.probeSchool })
        let receiver = try #require(city.schools.last { $0.code != moved.schoolCode }).code
        try await fixture.test { client in
            @Sendable func reportsMade(_ how: String) async throws -> Int {
                let text = String(decoding: try await client.send(.get, "/metrics", token: nil).body, as: UTF8.self)
                let prefix = "schoolnet_reports_made_total{how=\"\(how)\"} "
                return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap {
                    Int($0.dropFirst(prefix.count))
                }
                    ?? 0
            }
            let first = try await client.send(.get, path, token: fixture.planner)
            #expect(first.body == (try await expected()))
            #expect(try await reportsMade("whole") == 1)

            // A probe's slow tests, a link moved from one school to another, a school renamed.
            let slow = (0..<5).map {
                measurementJSON(
                    id: "slow-\($0)", school: fixture.probeSchool, startedAt: "2026-11-1\($0)T10:00:00+08:00",
                    mbps: "1.5")
            }
            let posted = try await client.send(.post, "/v1/measurements", token: fixture.probe, body: batch(slow))
            #expect(posted.status == 200)
            let patched = try await client.send(
                .patch, "/v1/links/\(moved.linkID)", token: fixture.admin, body: #"{"school_code": "\#(receiver)"}"#)
            #expect(patched.status == 200)
            let renamed = try await client.send(
                .patch, "/v1/schools/\(receiver)", token: fixture.admin, body: #"{"name": "改名学校"}"#)
            #expect(renamed.status == 200)
            let second = try await client.send(.get, path, token: fixture.planner)
            #expect(second.body != first.body)
            #expect(second.body == (try await expected()))
            #expect(try await reportsMade("updated") == 1)
            #expect(try await reportsMade("whole") == 1)

            // A school deleted: the list of schools changes, the city is judged whole.
            #expect(try await client.send(.delete, "/v1/schools/\(receiver)", token: fixture.admin).status == 204)
            let third = try await client.send(.get, path, token: fixture.planner)
            #expect(third.body == (try await expected()))
            #expect(try await reportsMade("whole") == 2)
        }
    }

    /// A record at the edge of what a link can have still gets a report; beyond it (schemathesis
    /// sent 1e300) it is refused.
    @Test func hugeValuesStillReport() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let refused = try await client.send(
                .patch, "/v1/egress/" + Fixture.sampleCity.egressLinks[0].linkID, token: fixture.admin,
                body: #"{"capacity_gbps": 1e300}"#)
            #expect(refused.status == 422 && refused.errorField == "capacity_gbps")
            let patched = try await client.send(
                .patch, "/v1/egress/" + Fixture.sampleCity.egressLinks[0].linkID, token: fixture.admin,
                body: #"{"capacity_gbps": 1e6}"#)
            #expect(patched.status == 200)
            let link = Fixture.sampleCity.links[0]
            let contract = try await client.send(
                .patch, "/v1/links/\(link.linkID)", token: fixture.admin, body: #"{"down_mbps": 1e-300}"#)
            #expect(contract.status == 200)
            let report = try await client.send(.get, "/v1/report?as_of=2026-11-20", token: fixture.planner)
            #expect(report.status == 200)
        }
    }

    /// Export then import gives the same city; a broken folder changes nothing.
    @Test func folderRoundTripAndAllOrNothing() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let export = try await client.send(.get, "/v1/export", token: fixture.planner)
            #expect(export.status == 200)
            let imported = try await client.send(.post, "/v1/import", token: fixture.admin, bytes: export.body)
            #expect(imported.status == 200)
            #expect(imported.json?["schools"]?.number == Double(Fixture.sampleCity.schools.count))
            let again = try await client.send(.get, "/v1/export", token: fixture.planner)
            #expect(again.body == export.body)
            // A folder whose links.csv names a school it lacks.
            guard case .object(var files)? = export.json?["files"] else {
                Issue.record("no files")
                return
            }
            let index = files.firstIndex { $0.0 == "links.csv" }!
            files[index].1 = .string("link_id,school_code,provider,down_mbps,up_mbps\nL1,DL-NOPE,x,1,1\n")
            let broken = try await client.send(
                .post, "/v1/import", token: fixture.admin, bytes: JSONValue.object([("files", .object(files))]).bytes)
            #expect(broken.status == 422 && broken.errorCode == "invalid_inventory")
            #expect(broken.errorField == "links.csv row 2, column school_code")
            let csv = try await client.send(.get, "/v1/export/links.csv", token: fixture.planner)
            #expect(
                String(decoding: csv.body, as: UTF8.self)
                    == String(decoding: LinksCSV.of(Fixture.sampleCity), as: UTF8.self))
            // One file: rows replace those of the same key, all or nothing.
            let one = try await client.send(
                .post, "/v1/import/links.csv", token: fixture.admin,
                body: "link_id,school_code,provider,down_mbps,up_mbps\nL-A,DL-CH-0001,x,10,10\nL-B,DL-CH-0002,y,20,20\n"
            )
            #expect(one.status == 200 && one.json?["records"]?.number == 2)
            let bad = try await client.send(
                .post, "/v1/import/links.csv", token: fixture.admin,
                body:
                    "link_id,school_code,provider,down_mbps,up_mbps\nL-C,DL-CH-0001,x,10,10\nL-D,DL-CH-0002,y,-20,20\n")
            #expect(bad.status == 422 && bad.errorField == "links.csv row 3, column down_mbps")
        }
        #expect(try await fixture.count(.links) == Fixture.sampleCity.links.count + 2)
    }

    /// The OpenAPI document describes every collection and route, and is valid JSON.
    @Test func openAPIDocument() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let reply = try await client.send(.get, "/openapi.json", token: nil)
            #expect(reply.status == 200)
            guard case .object(let paths)? = reply.json?["paths"] else {
                Issue.record("no paths")
                return
            }
            let names = Set(paths.map(\.0))
            for expected in [
                "/v1/schools", "/v1/schools/{code}", "/v1/links/{link_id}", "/v1/storage/{pool}/{as_of}",
                "/v1/districts/{district}", "/v1/measurements", "/v1/report", "/v1/schools/{code}/report",
                "/v1/import", "/v1/import/{file}", "/v1/export", "/v1/export/{file}", "/healthz", "/metrics",
            ] {
                #expect(names.contains(expected), "\(expected)")
            }
        }
    }

    @Test func healthAndMetrics() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let health = try await client.send(.get, "/healthz", token: nil)
            #expect(health.json?["schools"]?.number == Double(Fixture.sampleCity.schools.count))
            _ = try await client.send(
                .post, "/v1/measurements", token: fixture.probe,
                body: batch([measurementJSON(id: "q-1", school: fixture.probeSchool)]))
            let metrics = String(decoding: try await client.send(.get, "/metrics", token: nil).body, as: UTF8.self)
            #expect(metrics.contains("schoolnet_measurements_ingested_total 1"))
            #expect(
                metrics.contains(
                    #"schoolnet_http_requests_total{method="POST",route="/v1/measurements",status="200"} 1"#))
            #expect(metrics.contains(#"schoolnet_inventory_records{table="schools"} 300"#))
        }
    }
}

/// The exporter's links.csv of a city, through the public table API.
enum LinksCSV {
    static func of(_ city: Inventory) -> [UInt8] { InventoryTable.links.csv(of: city.canonical) }
}
