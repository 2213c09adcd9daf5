/// A browser's login as the store keeps it.
public struct WebSession: Hashable, Sendable {
    /// The token the browser logged in with (valid: sessions of revoked tokens are not found).
    public var token: APIToken
    /// The form token every state-changing form of the session carries.
    public var csrf: String
    /// When it ends, in milliseconds since the epoch.
    public var expiresAtMs: Int64

    public init(token: APIToken, csrf: String, expiresAtMs: Int64) {
        self.token = token
        self.csrf = csrf
        self.expiresAtMs = expiresAtMs
    }
}
