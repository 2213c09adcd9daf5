import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InventoryModel
import InventoryStoreSQLite
import Testing

@testable import InventoryAPI

/// The pages behind their login: sessions, CSRF, tokens of each scope, and errors as pages.
@Suite struct PageRouteTests {
    struct Page {
        var status: Int
        var headers: HTTPFields
        var text: String

        /// The value a `Set-Cookie` gives a cookie, and the whole header.
        func cookie(_ name: String) -> (value: String, header: String)? {
            for field in headers[values: .setCookie] where field.hasPrefix(name + "=") {
                let value = field.dropFirst(name.count + 1).prefix { $0 != ";" }
                return (String(value), field)
            }
            return nil
        }

        /// The value of the hidden form field `csrf`.
        var csrf: String? {
            guard let range = text.range(of: "name=\"csrf\" value=\"") else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func get(
        _ client: any TestClientProtocol, _ uri: String, cookies: [String: String] = [:], token: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Page {
        try await send(client, .get, uri, cookies: cookies, token: token, headers: extra)
    }

    static func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, form: [String: String]? = nil,
        cookies: [String: String] = [:], token: String? = nil, headers extra: HTTPFields = [:]
    ) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let form {
            headers[.contentType] = "application/x-www-form-urlencoded"
            let text = form.map { key, value in
                "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            body = ByteBuffer(string: text)
        }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            Page(
                status: Int(response.status.code), headers: response.headers,
                text: String(buffer: response.body))
        }
    }

    /// Logs in with a token through the form, as a browser does; returns the session cookie.
    static func logIn(_ client: any TestClientProtocol, token: String) async throws -> (Page, String?) {
        let form = try await get(client, "/login")
        let csrf = try #require(form.csrf)
        let formCookie = try #require(form.cookie(InventoryService.loginFormCookie)).value
        let reply = try await send(
            client, .post, "/login", form: ["token": token, "csrf": csrf],
            cookies: [InventoryService.loginFormCookie: formCookie])
        return (reply, reply.cookie(InventoryService.sessionCookie)?.value)
    }

    /// Without a session every page sends the browser to the login page; with a planner's
    /// token the form logs in (an HttpOnly, SameSite=Strict cookie) and the overview shows.
    @Test func loginOpensThePages() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            for path in ["/", "/schools", "/map", "/probes", "/renewals", "/capacity", "/schools/DL-ZS-0001"] {
                let page = try await Self.get(client.client, path)
                #expect(page.status == 303, "\(path)")
                #expect(page.headers[.location]?.hasPrefix("/login") == true, "\(path)")
            }
            let (reply, session) = try await Self.logIn(client.client, token: fixture.planner)
            #expect(reply.status == 303)
            #expect(reply.headers[.location]?.hasPrefix("/?") == true)
            let header = try #require(reply.cookie(InventoryService.sessionCookie)).header
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Strict"))
            #expect(!header.contains("Secure"))
            let overview = try await Self.get(
                client.client, "/?lang=zh", cookies: [InventoryService.sessionCookie: try #require(session)])
            #expect(overview.status == 200)
            #expect(overview.text.contains("<html lang=\"zh-CN\">"))
            #expect(overview.text.contains("data-metric=\"school_connectivity_rate\""))
            #expect(overview.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
        }
    }

    /// A probe's token, an unknown token, or a form without the token this browser was given
    /// do not log in; nothing is set.
    @Test func loginRefusesWhatItShould() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let (probe, probeSession) = try await Self.logIn(client.client, token: fixture.probe)
            #expect(probe.status == 401)
            #expect(probe.text.contains("id=\"login-error\""))
            #expect(probeSession == nil)
            let (unknown, _) = try await Self.logIn(client.client, token: "snt_000000000000_00")
            #expect(unknown.status == 401)
            // Another site's form: a token, but not the form token of this browser's login page.
            let forged = try await Self.send(
                client.client, .post, "/login", form: ["token": fixture.planner, "csrf": "abc"],
                cookies: [InventoryService.loginFormCookie: "def"])
            #expect(forged.status == 403)
            #expect(forged.cookie(InventoryService.sessionCookie) == nil)
            let bare = try await Self.send(client.client, .post, "/login", form: ["token": fixture.planner])
            #expect(bare.status == 403)
        }
    }

    /// Logging out needs the session's form token; after it, and after the token is revoked,
    /// the cookie opens nothing.
    @Test func logoutAndRevocationEndSessions() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let session = try #require(try await Self.logIn(client.client, token: fixture.planner).1)
            let cookies = [InventoryService.sessionCookie: session]
            let page = try await Self.get(client.client, "/schools", cookies: cookies)
            let csrf = try #require(page.csrf)
            let forged = try await Self.send(client.client, .post, "/logout", form: ["csrf": "x"], cookies: cookies)
            #expect(forged.status == 403)
            #expect(try await Self.get(client.client, "/", cookies: cookies).status == 200)
            let out = try await Self.send(client.client, .post, "/logout", form: ["csrf": csrf], cookies: cookies)
            #expect(out.status == 303)
            #expect(try await Self.get(client.client, "/", cookies: cookies).status == 303)

            let second = try #require(try await Self.logIn(client.client, token: fixture.planner).1)
            let tokens = try await fixture.service.store.tokens()
            let planner = try #require(tokens.first { $0.scope == .planner })
            #expect(try await fixture.service.store.revokeToken(id: planner.id, at: "2026-12-04T00:00:00Z"))
            let after = try await Self.get(client.client, "/", cookies: [InventoryService.sessionCookie: second])
            #expect(after.status == 303)
        }
    }

    /// A reader's token opens the pages without a session (scripts); a probe's does not.
    @Test func bearerTokensOfReadersOnly() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let planner = try await Self.get(client.client, "/schools", token: fixture.planner)
            let admin = try await Self.get(client.client, "/schools", token: fixture.admin)
            let probe = try await Self.get(client.client, "/schools", token: fixture.probe)
            #expect(planner.status == 200)
            #expect(admin.status == 200)
            #expect(probe.status == 403)
        }
    }

    /// The language follows `lang=`, then the cookie it sets, then Accept-Language.
    @Test func languageChoice() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let zh: HTTPFields = [.acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8"]
            let en: HTTPFields = [.acceptLanguage: "en-US,en;q=0.9"]
            let fromBrowser = try await Self.get(client.client, "/", token: fixture.planner, headers: zh)
            #expect(fromBrowser.text.contains("<html lang=\"zh-CN\">"))
            #expect(
                try await Self.get(client.client, "/", token: fixture.planner, headers: en).text.contains(
                    "<html lang=\"en\">"))
            let asked = try await Self.get(client.client, "/?lang=en", token: fixture.planner, headers: zh)
            #expect(asked.text.contains("<html lang=\"en\">"))
            let chosen = try #require(asked.cookie(InventoryService.languageCookie)).value
            #expect(chosen == "en")
            let later = try await Self.get(
                client.client, "/", cookies: [InventoryService.languageCookie: chosen], token: fixture.planner,
                headers: zh)
            #expect(later.text.contains("<html lang=\"en\">"))
        }
    }

    /// A bad date, a bad filter and an unknown school are pages that say so, in the reader's
    /// language, with the status of the fault.
    @Test func badAddressesArePages() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let date = try await Self.get(client.client, "/?as_of=2026-13-01&lang=zh", token: fixture.planner)
            #expect(date.status == 400)
            #expect(date.text.contains("日期“2026-13-01”无效"))
            #expect(date.headers[.contentType]?.hasPrefix("text/html") == true)
            let rule = try await Self.get(client.client, "/schools?rule=NOPE&lang=en", token: fixture.planner)
            #expect(rule.status == 400)
            #expect(rule.text.contains("has no choice &quot;NOPE&quot;"))
            let school = try await Self.get(client.client, "/schools/NOPE%3Cb%3E?lang=en", token: fixture.planner)
            #expect(school.status == 404)
            #expect(school.text.contains("NOPE&lt;b&gt;"))
        }
    }

    /// Pages of many past days keep the cache bounded: renewal and capacity plans count among
    /// the values of a day the cache keeps.
    @Test func pagesOfManyDaysKeepTheCacheBounded() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            for day in 1...8 {
                let page = try await Self.get(
                    client.client, "/renewals?as_of=2025-01-0\(day)", token: fixture.planner)
                #expect(page.status == 200)
            }
        }
        // The city, and as many renewal plans as are kept.
        #expect(fixture.service.cachedValueCount == 1 + CacheState.reportsKept)
    }

    /// Values of one kind do not push out those of another: a report asked for before eight
    /// days of renewals is still kept.
    @Test func kindsOfValuesAreKeptApart() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let overview = try await Self.get(client.client, "/?as_of=2025-01-01", token: fixture.planner)
            #expect(overview.status == 200)
            for day in 1...8 {
                _ = try await Self.get(client.client, "/renewals?as_of=2025-02-0\(day)", token: fixture.planner)
            }
        }
        #expect(fixture.service.cachedReportCount == 1)
    }

    /// The API under `//v1` is still the API (a token is needed), and a page asked for as
    /// `//map` links to `/map`, never to a host named `map`.
    @Test func doubledSlashes() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let api = try await Self.get(client.client, "//v1/report")
            #expect(api.status == 401)
            let map = try await Self.get(client.client, "//map?lang=en", token: fixture.planner)
            #expect(map.status == 200)
            #expect(!map.text.contains("href=\"//"))
            #expect(!map.text.contains("action=\"//"))
        }
    }

    /// The CSV of the schools list opens in Excel: a byte-order mark, then the filtered schools.
    @Test func schoolsCSVForExcel() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let csv = try await Self.get(
                client.client, "/schools.csv?district=%E4%B8%AD%E5%B1%B1%E5%8C%BA&lang=zh", token: fixture.planner)
            #expect(csv.status == 200)
            #expect(csv.text.hasPrefix("\u{FEFF}学校代码,"))
            #expect(csv.headers[.contentDisposition]?.contains("attachment") == true)
            let rows = csv.text.split(separator: "\r\n").dropFirst()
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { $0.hasPrefix("DL-ZS-") })
        }
    }

    /// The report and the pages' lists download as workbooks (a zip of sheets) for readers only.
    @Test func workbookDownloads() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            for path in ["/v1/report.xlsx?as_of=2026-11-24", "/schools.xlsx?lang=zh", "/renewals/declaration.xlsx"] {
                let reply = try await client.client.execute(
                    uri: path, method: .get, headers: [.authorization: "Bearer \(fixture.planner)"]
                ) { response in (response.status.code, response.headers, Array(response.body.readableBytesView)) }
                #expect(reply.0 == 200, "\(path)")
                #expect(reply.1[.contentType]?.contains("spreadsheetml") == true, "\(path)")
                #expect(reply.2.starts(with: [0x50, 0x4B, 0x03, 0x04]), "\(path) is not a zip")
            }
            let stranger = try await Self.get(client.client, "/v1/report.xlsx")
            #expect(stranger.status == 401)
            let probe = try await Self.get(client.client, "/v1/report.xlsx", token: fixture.probe)
            #expect(probe.status == 403)
        }
    }
}
