import Foundation
import GRDB

/// What a token may do.
public enum TokenScope: String, CaseIterable, Sendable {
    /// Reads and writes everything: the inventory, measurements of any school, tokens aside.
    case admin
    /// Reads everything.
    case planner
    /// Writes measurements of its one school.
    case probe
}

/// A token as the store keeps it: everything but the secret, of which only a hash is kept.
public struct APIToken: Hashable, Sendable {
    /// The public part of the token, shown in lists and logs.
    public var id: String
    public var name: String
    public var scope: TokenScope
    /// The school a probe token writes for; nil for the other scopes.
    public var schoolCode: String?
    /// When it was made, ISO 8601 in UTC.
    public var createdAt: String
    /// When it was revoked; nil while it is valid.
    public var revokedAt: String?

    public init(
        id: String, name: String, scope: TokenScope, schoolCode: String?, createdAt: String, revokedAt: String? = nil
    ) {
        self.id = id
        self.name = name
        self.scope = scope
        self.schoolCode = schoolCode
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

extension SQLiteInventoryStore {
    /// Keeps a new token by the hash of its secret.
    public func addToken(_ token: APIToken, sha256: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "INSERT INTO api_tokens VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    token.id, token.name, token.scope.rawValue, token.schoolCode, sha256, token.createdAt,
                    token.revokedAt,
                ])
        }
    }

    /// The valid (not revoked) token whose secret hashes to `sha256`.
    public func token(sha256: String) async throws -> APIToken? {
        try await writer.read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM api_tokens WHERE sha256 = ? AND revoked_at IS NULL", arguments: [sha256]
            ).flatMap(Self.token)
        }
    }

    /// Every token, revoked ones too, oldest first.
    public func tokens() async throws -> [APIToken] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_tokens ORDER BY created_at, id").compactMap(Self.token)
        }
    }

    /// Revokes a token by id; returns false when there is no valid token of that id.
    public func revokeToken(id: String, at time: String) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [time, id])
            return db.changesCount > 0
        }
    }

    static func token(_ row: Row) -> APIToken? {
        guard let scope = TokenScope(rawValue: row["scope"]) else { return nil }
        return APIToken(
            id: row["id"], name: row["name"], scope: scope, schoolCode: row["school_code"],
            createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
