import ArgumentParser
import Foundation
import ProbeAgent
import Synchronization

/// `schoolnet-probe upload`: sends the outbox to the service now.
struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Send the outbox to the service now, in batches, until it is empty.",
        discussion: """
            Uses the service section of the configuration (url, token_file, batch_size, max_backoff_s, \
            ca_file). While the service cannot be reached it waits and tries again (the wait doubles up \
            to max_backoff_s, with jitter). Results are deleted from the outbox only once the service \
            confirmed them; a result the service refuses as invalid is set aside in the outbox. Exit \
            status 0 when the outbox is empty, 1 when --max-wait passed first, 3 when the service \
            refused the token (401 or 403; the results stay in the outbox).
            """)

    @Option(help: "The agent's configuration file.") var config: String
    @Option(help: "Give up after this many seconds (default: keep trying).") var maxWait: Int?

    func run() async throws {
        let config = try AgentConfig.read(file: self.config)
        guard let outbox = try config.openOutbox() else {
            throw ValidationError("\(self.config): outbox is needed to upload")
        }
        guard let settings = try config.uploadSettings(file: self.config) else {
            throw ValidationError("\(self.config): service.url is needed to upload")
        }
        let logger = AgentLogHandler.logger(timeZone: config.timeZone)
        let uploader = try Uploader(outbox: outbox, settings: settings, logger: logger)
        let stop = SignalStop()
        let deadline = maxWait.map { ContinuousClock.now + .seconds($0) }
        let result = await uploader.drain(until: deadline, shouldStop: { stop.requested })
        await uploader.shutdown()
        let left = try outbox.count()
        logger.info("upload: \(result.sent) results sent, \(left) left in the outbox")
        if result.refusal != nil { throw ExitCode(3) }
        if left > 0 { throw ExitCode(1) }
    }
}

/// Notes SIGINT and SIGTERM so that a loop can finish its step and stop.
final class SignalStop: Sendable {
    private let flag: StopFlag
    private let stopper: Stopper

    var requested: Bool { flag.isSet }

    init() {
        let flag = StopFlag()
        self.flag = flag
        stopper = Stopper { flag.set() }
    }
}

/// A flag one thread sets and others read.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}
