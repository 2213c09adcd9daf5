import HTTPTypes
import InventoryFormat

/// A request the API refuses, with a stable code a client can act on and the field at fault.
///
/// Every error response has the body `{"error": {"code", "message", "field"?}}`.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    /// A stable, snake_case code: `invalid_field`, `unknown_school`, `not_found`, ...
    var code: String
    var message: String
    /// Where in the request the fault is: a JSON path (`measurements[3].mbps`), a query
    /// parameter or a path parameter.
    var field: String?

    init(_ status: HTTPResponse.Status, _ code: String, _ message: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
    }

    var json: JSONValue {
        var error: [(String, JSONValue)] = [("code", .string(code)), ("message", .string(message))]
        if let field { error.append(("field", .string(field))) }
        return .object([("error", .object(error))])
    }

    static func notFound(_ what: String) -> APIError { APIError(.notFound, "not_found", "\(what) does not exist") }
    static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.unprocessableContent, "invalid_field", message, field: field)
    }
}
