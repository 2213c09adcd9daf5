import Foundation
import Hummingbird
import InventoryFormat
import InventoryModel
import Logging

/// The outermost middleware: renders every error as the API's JSON error, logs one line a
/// request (with its id) and counts it in the metrics.
struct ObserveMiddleware: RouterMiddleware {
    typealias Context = ServiceContext
    let metrics: ServiceMetrics

    func handle(
        _ request: Request, context: ServiceContext, next: (Request, ServiceContext) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = .json(error.json, status: error.status)
        } catch let error as HTTPResponseError {
            let status = error.status
            let code =
                switch status {
                case .notFound: "not_found"
                case .contentTooLarge: "body_too_large"
                case .methodNotAllowed: "method_not_allowed"
                default: "bad_request"
                }
            let message =
                switch status {
                case .notFound: "no such route: \(request.method) \(request.uri.path)"
                case .contentTooLarge: "the body is larger than \(context.maxUploadSize >> 20) MB"
                default: status.reasonPhrase
                }
            response = .json(APIError(status, code, message).json, status: status)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            response = .json(
                APIError(.internalServerError, "internal_error", "the service failed; see its log").json,
                status: .internalServerError)
        }
        response.headers[.init("X-Request-ID")!] = context.id
        let elapsed = ContinuousClock.now - start
        // The server's own time (W3C Server-Timing), which a benchmark reads apart from the
        // network's; told only to a client that sent a token (it would tell strangers what is cached).
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        if request.headers[.authorization] != nil {
            response.headers[.init("Server-Timing")!] = "app;dur=\(milliseconds)"
        }
        let route = context.endpointPath ?? "unmatched"
        metrics.request(method: request.method.rawValue, route: route, status: response.status.code, elapsed)
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method)", "path": "\(request.uri.path)", "status": "\(response.status.code)",
                "ms": "\(milliseconds)",
            ])
        return response
    }
}

/// Finds the request's token: public routes and the pages need none (but one that is sent is
/// checked, and the route sees it); every route under /v1 sees its token in the context, or the
/// request is refused with 401.
struct TokenMiddleware: RouterMiddleware {
    typealias Context = ServiceContext
    let store: any InventoryStore

    static let publicPaths: Set<String> = ["/healthz", "/openapi.json", "/metrics"]

    func handle(
        _ request: Request, context: ServiceContext, next: (Request, ServiceContext) async throws -> Response
    ) async throws -> Response {
        let header = request.headers[.authorization]
        // The pages (everything outside /v1) check their session cookie themselves. The router
        // drops empty segments (`//v1/report` is `/v1/report`), so this check does too.
        let path = request.uri.path
        let isAPI = path.split(separator: "/").first == "v1"
        if header == nil, Self.publicPaths.contains(path) || !isAPI {
            return try await next(request, context)
        }
        guard let header else {
            throw APIError(.unauthorized, "unauthorized", "send a token: Authorization: Bearer ...")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError(.unauthorized, "unauthorized", "the Authorization header must be Bearer <token>")
        }
        guard let token = try await store.token(sha256: TokenIssuer.sha256(String(parts[1]))) else {
            throw APIError(.unauthorized, "invalid_token", "the token is unknown or revoked")
        }
        var context = context
        context.token = token
        context.logger[metadataKey: "token"] = "\(token.id)"
        return try await next(request, context)
    }
}
