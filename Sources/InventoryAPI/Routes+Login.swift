import Foundation
import Hummingbird
import InventoryModel
import InventoryPages
import Planner

/// Logging in and out of the pages, and what every page does first: find who asks (a session
/// cookie, or a reader's token), in which language, for which day.
extension InventoryService {
    static let sessionCookie = "schoolnet_session"
    static let loginFormCookie = "schoolnet_login"
    static let languageCookie = "schoolnet_lang"
    /// How long a login lasts: a working day.
    static let sessionSeconds = 12 * 3600

    func addLoginRoutes(to router: Router<ServiceContext>) {
        router.get("/login") { request, _ in
            self.loginPage(request, language: Self.language(of: request), error: nil, status: .ok)
        }
        router.post("/login") { request, context in
            let form = Self.form(try await request.bodyBytes(context))
            let language = Self.language(of: request)
            // The form's token must be the one this browser was given with the form: another
            // site cannot log a browser in with its own token.
            guard let sent = form["csrf"], !sent.isEmpty, sent == request.cookies[Self.loginFormCookie]?.value else {
                return self.loginPage(request, language: language, error: "login_expired", status: .forbidden)
            }
            guard let secret = form["token"], !secret.isEmpty,
                let token = try await self.store.token(sha256: TokenIssuer.sha256(secret)),
                token.scope == .admin || token.scope == .planner
            else {
                context.logger.notice("page login refused")
                return self.loginPage(request, language: language, error: "login_error", status: .unauthorized)
            }
            // A new session each login (never one the browser brought), and the old one ends.
            if let old = request.cookies[Self.sessionCookie]?.value {
                try await self.store.removeSession(sha256: TokenIssuer.sha256(old))
            }
            let session = TokenIssuer.randomHex(bytes: 32)
            let now = Self.nowMs()
            try await self.store.addSession(
                sha256: TokenIssuer.sha256(session), tokenID: token.id, csrf: TokenIssuer.randomHex(bytes: 16),
                expiresAtMs: now + Int64(Self.sessionSeconds) * 1000, nowMs: now)
            context.logger.info("page login", metadata: ["token": "\(token.id)"])
            var response = Response(status: .seeOther, headers: [.location: "/?lang=\(language.rawValue)"])
            response.setCookie(self.cookie(Self.sessionCookie, session, path: "/", maxAge: Self.sessionSeconds))
            response.setCookie(self.cookie(Self.loginFormCookie, "", path: "/login", maxAge: 0))
            return response
        }
        router.post("/logout") { request, context in
            let form = Self.form(try await request.bodyBytes(context))
            if let cookie = request.cookies[Self.sessionCookie]?.value {
                let hash = TokenIssuer.sha256(cookie)
                guard let session = try await self.store.session(sha256: hash, nowMs: Self.nowMs()) else {
                    var response = Response(status: .seeOther, headers: [.location: "/login"])
                    response.setCookie(self.cookie(Self.sessionCookie, "", path: "/", maxAge: 0))
                    return response
                }
                guard form["csrf"] == session.csrf else {
                    throw APIError(.forbidden, "bad_form", "the form is not this session's; reload the page")
                }
                try await self.store.removeSession(sha256: hash)
            }
            var response = Response(status: .seeOther, headers: [.location: "/login"])
            response.setCookie(self.cookie(Self.sessionCookie, "", path: "/", maxAge: 0))
            return response
        }
    }

    private func loginPage(_ request: Request, language: Language, error: String?, status: HTTPResponse.Status)
        -> Response
    {
        let csrf = TokenIssuer.randomHex(bytes: 16)
        let html = PageRenderer.login(
            language: language, csrf: csrf, error: error.map { PageWords.table[$0]?(language) ?? $0 })
        var response = Self.html(html, status: status)
        response.setCookie(cookie(Self.loginFormCookie, csrf, path: "/login", maxAge: 3600))
        return response
    }

    /// Runs a page: who asks (else to the login page), the language and the day, then `render`;
    /// a bad parameter or an unknown school is a page in the reader's language, not JSON.
    func page(
        _ request: Request, _ context: ServiceContext, render: (PageContext) async throws -> String
    ) async throws -> Response {
        try await page(request, context, render: render, as: { InventoryService.html($0) })
    }

    /// A page's download: `render` makes its body (text, a workbook's bytes), `respond` the
    /// response; who asks, the language, the day and the errors as for a page.
    func page<Body>(
        _ request: Request, _ context: ServiceContext, render: (PageContext) async throws -> Body,
        as respond: (Body) -> Response
    ) async throws -> Response {
        let language = Self.language(of: request)
        var csrf = ""
        if let token = context.token {
            guard token.scope == .admin || token.scope == .planner else {
                throw APIError(.forbidden, "forbidden", "a \(token.scope.rawValue) token cannot read the pages")
            }
        } else {
            guard let cookie = request.cookies[Self.sessionCookie]?.value,
                let session = try await store.session(sha256: TokenIssuer.sha256(cookie), nowMs: Self.nowMs())
            else {
                return Response(status: .seeOther, headers: [.location: "/login?lang=\(language.rawValue)"])
            }
            csrf = session.csrf
        }
        // The query as a browser sends it (`+` is a space); the path with empty segments
        // dropped, as the router matched it, so that no link the page builds starts with `//`.
        let query = URLText.items(Substring(request.uri.query ?? ""))
        let path = "/" + request.uri.path.split(separator: "/").joined(separator: "/")
        let city = try await city()
        var page = PageContext(
            language: language, day: city.plan.today, explicitDay: false, path: path, query: query, csrf: csrf)
        var response: Response
        do {
            if let text = page.query("as_of"), !text.isEmpty {
                guard let day = CalendarDate(iso: text) else { throw PageError.badDate(text) }
                page.day = day
                page.explicitDay = true
            }
            response = respond(try await render(page))
        } catch let error as PageError {
            let title = PageWords.table["error_title"]!(language)
            response = Self.html(
                PageRenderer.message(title: title, text: error.message(language), context: page), status: .badRequest)
        } catch let error as PageNotFound {
            let title = PageWords.table["not_found_title"]!(language)
            response = Self.html(
                PageRenderer.message(title: title, text: error.message, context: page), status: .notFound)
        }
        if let asked = page.query("lang"), Language(rawValue: asked) != nil {
            response.setCookie(cookie(Self.languageCookie, asked, path: "/", maxAge: 365 * 86_400))
        }
        return response
    }

    /// The language of a page: `lang=` in the address, else the one chosen before (a cookie),
    /// else the browser's Accept-Language.
    static func language(of request: Request) -> Language {
        if let asked = request.uri.queryParameters.get("lang").flatMap({ Language(rawValue: String($0)) }) {
            return asked
        }
        if let chosen = request.cookies[languageCookie].flatMap({ Language(rawValue: $0.value) }) { return chosen }
        return Language(acceptLanguage: request.headers[.acceptLanguage])
    }

    /// An HTML page that runs no script and cannot be framed: even text that escaped the
    /// templates' escaping could not run.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                .contentSecurityPolicy:
                    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
                    + "frame-ancestors 'none'; base-uri 'none'",
                .init("X-Content-Type-Options")!: "nosniff", .init("Referrer-Policy")!: "same-origin",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    func cookie(_ name: String, _ value: String, path: String, maxAge: Int) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: path, secure: secureCookies, httpOnly: true,
            sameSite: .strict)
    }

    /// The fields of a form body (`application/x-www-form-urlencoded`); the first of a name wins.
    static func form(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in URLText.items(Substring(decoding: body, as: UTF8.self)) where fields[name] == nil {
            fields[name] = value
        }
        return fields
    }

    static func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
