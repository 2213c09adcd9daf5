import Foundation
import LinkTest
import Logging
import PacketCapture
import ServiceLifecycle

/// The probe agent: the capture, the test schedule and the uploader as services of one
/// `ServiceGroup`, stopped together and gracefully on SIGTERM or SIGINT (the capture stores its
/// partial sample, the uploader makes a last attempt). The command line only reads the
/// configuration and calls ``run()``; tests call it too.
public struct Agent: Sendable {
    public let config: AgentConfig
    /// The configuration file, named in errors and read again for a new token.
    public let configFile: String
    /// Run one test cycle at once and stop (`run --test-now`), rather than for good.
    public let once: Bool
    public let logger: Logger

    public init(config: AgentConfig, configFile: String, once: Bool, logger: Logger) {
        self.config = config
        self.configFile = configFile
        self.once = once
        self.logger = logger
    }

    /// What a run ended with.
    public struct Summary: Sendable {
        /// The tests that failed, each as its log line.
        public var failedTests: [String]
        /// The service's refusal of the token, when uploads ended stopped by it.
        public var uploadRefusal: String?
    }

    /// Checks the configuration for what running needs, opens the outbox (making its folder)
    /// and the interface, says what it will do in one line, and runs until stopped (or, `once`,
    /// until the test cycle is over).
    public func run() async throws -> Summary {
        for (value, key) in [
            (config.schoolCode, "school_code"), (config.interface, "interface"), (config.outbox, "outbox"),
            (config.testServer, "tests.server"),
        ] where value.isEmpty {
            throw CaptureError(.configuration, "\(configFile): \(key) is needed to run the agent")
        }
        guard let server = ServerAddress(config.testServer) else {
            throw CaptureError(
                .configuration, "\(configFile): tests.server \"\(config.testServer)\" is not HOST or HOST:PORT")
        }
        let outbox = try config.openOutbox()!
        let capture = CaptureService(config: config, outbox: outbox, logger: logger)
        let tests = TestService(config: config, server: server, outbox: outbox, logger: logger, once: once)
        // A graceful shutdown stops the services one by one, last first: the tests, then the
        // capture (which stores its partial sample), then the uploader, whose last attempt so
        // sends that sample too.
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        let upload = try config.uploadSettings(file: configFile).map { settings in
            UploadService(
                uploader: try Uploader(outbox: outbox, settings: settings, logger: logger), config: config,
                configFile: configFile, logger: logger)
        }
        if let upload { services.append(.init(service: upload, serviceName: "upload")) }
        services.append(.init(service: capture, serviceName: "capture"))
        // The one cycle of `once` ends the run; for good, the schedule returns only when stopped.
        services.append(
            .init(service: tests, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "tests"))
        let line = try startLine(outbox: outbox)
        logger.info("\(line)")
        try? outbox.note(AgentEvent(.started, ok: true, detail: line))
        var groupLogger = logger
        groupLogger.logLevel = .warning
        var configuration = ServiceGroupConfiguration(services: services, logger: groupLogger)
        configuration.gracefulShutdownSignals = [.sigterm, .sigint]
        try await ServiceGroup(configuration: configuration).run()
        return Summary(failedTests: tests.failures, uploadRefusal: upload?.refusal)
    }

    /// What the agent is about to do, in one line: the school, the link, the schedule, the service.
    func startLine(outbox: Outbox) throws -> String {
        let schedule = config.schedule
        let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].enumerated()
            .filter { schedule.schoolDays.contains($0.offset + 1) }.map(\.element).joined(separator: ",")
        var parts = [
            "schoolnet-probe \(ProbeVersion.current) started for school \(config.schoolCode)",
            "interface \(config.interface), local \(config.localPrefixes.map(\.description).joined(separator: " "))"
                + (config.classNetworks.isEmpty ? "" : ", class networks: \(config.classNetworks.count)"),
        ]
        if once {
            parts.append("one test now against \(config.testServer)")
        } else {
            parts.append(
                "\(schedule.testsPerDay) tests a school day (\(days) \(AgentConfig.clock(schedule.startMinute))-"
                    + "\(AgentConfig.clock(schedule.endMinute)) \(config.timeZone.identifier)) against \(config.testServer)"
            )
        }
        parts.append(
            config.serviceURL.isEmpty
                ? "no service: results stay in the outbox"
                : "uploads to \(config.serviceURL) every \(config.uploadIntervalSeconds) s")
        parts.append("outbox \(config.outbox) (\(try outbox.count()) results waiting)")
        return parts.joined(separator: "; ")
    }
}
