import Foundation
import GRDB
import InventoryModel

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
