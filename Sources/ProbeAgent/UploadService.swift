import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The agent's uploads, beside the capture and the tests: the outbox is sent whenever it holds
/// results, every `service.interval_s`. A refused token stops the uploads (the outbox keeps
/// everything) until a different token is put in the token file, which is looked at on the same
/// interval, so a new token resumes them without a restart. On a graceful shutdown, one last
/// attempt of up to 10 s.
public final class UploadService: Service {
    let uploader: Uploader
    let config: AgentConfig
    let configFile: String
    let logger: Logger
    private let lastRefusal = Mutex<String?>(nil)

    /// The service's refusal of the token, while uploads are stopped by it.
    public var refusal: String? { lastRefusal.withLock { $0 } }

    public init(uploader: Uploader, config: AgentConfig, configFile: String, logger: Logger) {
        self.uploader = uploader
        self.config = config
        self.configFile = configFile
        self.logger = logger
    }

    public func run() async throws {
        var refusedToken: String?
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if let refused = refusedToken, let token = try? config.readToken(file: configFile), token != refused {
                uploader.replaceToken(token)
                refusedToken = nil
                lastRefusal.withLock { $0 = nil }
                logger.info("upload: a new token is in \(config.tokenFile); uploads resume")
            }
            if refusedToken == nil {
                let result = await uploader.drain(shouldStop: { Task.isShuttingDownGracefully || Task.isCancelled })
                if let refusal = result.refusal {
                    refusedToken = uploader.token
                    lastRefusal.withLock { $0 = refusal }
                }
            }
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .seconds(self.config.uploadIntervalSeconds))
            }
        }
        if refusedToken == nil, let refusal = await uploader.drain(until: .now + .seconds(10)).refusal {
            lastRefusal.withLock { $0 = refusal }
        }
        await uploader.shutdown()
    }
}
