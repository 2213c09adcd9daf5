import GRDB
import InventoryModel

extension SQLiteInventoryStore {
    /// Keeps a new session by the hash of its cookie; sessions past their end are dropped.
    public func addSession(sha256: String, tokenID: String, csrf: String, expiresAtMs: Int64, nowMs: Int64)
        async throws
    {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM web_sessions WHERE expires_at_ms <= ?", arguments: [nowMs])
            try db.execute(
                sql: "INSERT INTO web_sessions (sha256, token_id, csrf, expires_at_ms) VALUES (?, ?, ?, ?)",
                arguments: [sha256, tokenID, csrf, expiresAtMs])
        }
    }

    /// The session of a cookie's hash while it lasts and its token is valid.
    public func session(sha256: String, nowMs: Int64) async throws -> WebSession? {
        try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.csrf, s.expires_at_ms, t.* FROM web_sessions s JOIN api_tokens t ON t.id = s.token_id
                        WHERE s.sha256 = ? AND s.expires_at_ms > ? AND t.revoked_at IS NULL
                        """, arguments: [sha256, nowMs]),
                let token = Self.token(row)
            else { return nil }
            return WebSession(token: token, csrf: row["csrf"], expiresAtMs: row["expires_at_ms"])
        }
    }

    /// Ends a session.
    public func removeSession(sha256: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM web_sessions WHERE sha256 = ?", arguments: [sha256])
        }
    }
}
