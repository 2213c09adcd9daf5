import Foundation
import Logging

/// The agent's log: one line per event on standard error, with the time in the school's time
/// zone first, so a line reads the same in `journalctl` and in a terminal. Metadata is left out:
/// each line says what it needs to.
public struct AgentLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// A logger writing through this handler.
    public static func logger(timeZone: TimeZone) -> Logger {
        Logger(label: "schoolnet-probe") { _ in AgentLogHandler(timeZone: timeZone) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        let level = event.level >= .warning ? "\(event.level): " : ""
        let line = "\(formatter.string(from: Date())) \(level)\(event.message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
