import Hummingbird
import InventoryFormat
import InventoryModel
import Logging

/// What a request carries through the middleware to its route: the token that sent it.
public struct ServiceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The token of the request; nil on the public routes.
    public var token: APIToken?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// A batch of thousands of measurements fits; a 10 MB body does not.
    public var maxUploadSize: Int { 8 << 20 }

    /// Refuses the request unless its token may read the inventory (admin, planner).
    func requireReader() throws(APIError) {
        let token = try requireToken()
        guard token.scope == .admin || token.scope == .planner else {
            throw APIError(.forbidden, "forbidden", "a \(token.scope.rawValue) token cannot read the inventory")
        }
    }

    /// Refuses the request unless its token may change the inventory (admin).
    func requireAdmin() throws(APIError) {
        let token = try requireToken()
        guard token.scope == .admin else {
            throw APIError(.forbidden, "forbidden", "only an admin token changes the inventory")
        }
    }

    func requireToken() throws(APIError) -> APIToken {
        guard let token else {
            throw APIError(.unauthorized, "unauthorized", "send a token: Authorization: Bearer ...")
        }
        return token
    }
}
