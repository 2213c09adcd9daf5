import ArgumentParser
import Foundation
import ProbeAgent

/// The agent: captures the uplink all the time (5-minute samples into the outbox) and tests it
/// at random times in school hours against the reflector, with the other traffic on the link
/// added to each test's goodput, until stopped.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the agent: live capture, scheduled throughput tests, everything into the outbox.",
        discussion: """
            Needs school_code, interface, local_prefixes, outbox and tests.server in the configuration. \
            Each school day it runs tests.per_day download-and-upload tests at random moments in school \
            hours (in time_zone, Asia/Shanghai by default), one in each equal part of them, skipping \
            those the monthly cap (tests.monthly_cap_mb) cannot afford. A failed test is logged and the \
            agent carries on. --test-now runs one test at once, uploads it and stops, with exit status 1 \
            when a test failed or the service refused the token: a check for IT staff that everything \
            is in place.
            """)

    @Option(help: "The agent's configuration file.")
    var config: String
    @ArgumentParser.Flag(help: "Run one download and upload test now, then stop.")
    var testNow = false

    func run() async throws {
        let config = try AgentConfig.read(file: self.config)
        let agent = Agent(
            config: config, configFile: self.config, once: testNow,
            logger: AgentLogHandler.logger(timeZone: config.timeZone))
        let summary = try await agent.run()
        guard testNow else { return }
        var problems: [String] = []
        if !summary.failedTests.isEmpty { problems.append("\(summary.failedTests.count) of the tests failed") }
        if let refusal = summary.uploadRefusal { problems.append(refusal + "; the results wait in the outbox") }
        guard problems.isEmpty else {
            FileHandle.standardError.write(
                Data(
                    ("error: " + problems.joined(separator: "; ")
                        + ". `schoolnet-probe doctor --config \(self.config)` checks each step\n").utf8))
            throw ExitCode(1)
        }
    }
}
