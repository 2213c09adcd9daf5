import Foundation
import GRDB

/// The last time the agent did each of its jobs, and how it went: kept in the outbox so that
/// `schoolnet-probe status`, another process, reads what the running agent did.
public struct AgentEvent: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    /// The agent's jobs, one row each.
    public enum Kind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
        /// The agent started (the detail is its start line).
        case started
        /// A 5-minute sample went into the outbox.
        case sample
        /// A throughput test ended (or failed).
        case test
        /// An upload attempt was answered (or could not be made).
        case upload
    }

    public static let databaseTableName = "agent_status"

    public enum Columns {
        static let event = Column(CodingKeys.event)
    }

    public var event: Kind
    /// When, in milliseconds since the epoch.
    public var atMs: Int64
    /// Whether it went well.
    public var ok: Bool
    /// What happened, in a line: the rates, the service's answer.
    public var detail: String

    public init(_ event: Kind, ok: Bool, detail: String, at date: Date = Date()) {
        self.event = event
        self.atMs = Int64(date.timeIntervalSince1970 * 1000)
        self.ok = ok
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case event
        case atMs = "at_ms"
        case ok, detail
    }
}

extension Outbox {
    /// Notes the latest event of its kind (replacing the one before).
    public func note(_ event: AgentEvent) throws {
        try database.write { db in try event.save(db) }
    }

    /// The latest event of each kind the agent noted.
    public func events() throws -> [AgentEvent.Kind: AgentEvent] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try AgentEvent.fetchAll(db).map { ($0.event, $0) })
        }
    }
}

extension Outbox {
    /// Writes a row and rolls it back: throws when the file cannot be written.
    public func checkWritable() throws {
        try database.inTransaction { db in
            try db.execute(sql: "INSERT OR REPLACE INTO usage (month, bytes) VALUES ('doctor', 0)")
            return .rollback
        }
    }
}
