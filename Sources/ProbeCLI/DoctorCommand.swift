import ArgumentParser
import Foundation
import InventoryModel
import ProbeAgent

/// `schoolnet-probe doctor`: each step of the install guide, checked on this machine.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check each step of the install on this machine and name the fix for each that fails.",
        discussion: """
            Checks, in the guide's order: the configuration, the interface (there and up), that packets \
            can be captured, that the school's own prefixes pass by (listening --seconds), the outbox \
            (writable), the service (reachable), the token (accepted, and for this school), the time \
            zone (the city's), the clock (within a minute of the service's) and the reflector. Run it as \
            the agent runs (root, or the schoolnet-probe user with its capabilities). Exit status 0 when \
            nothing failed, 1 otherwise.
            """)

    @Option(help: "The agent's configuration file.")
    var config = "/etc/schoolnet-probe/agent.yaml"
    @Option(help: "Seconds to listen on the interface for the school's addresses.")
    var seconds = 5.0
    @OptionGroup var language: ProbeLanguageOption

    func validate() throws {
        guard (0.1...600).contains(seconds) else { throw ValidationError("--seconds must be between 0.1 and 600") }
    }

    func run() async throws {
        let checks = await Doctor(configFile: config, listenSeconds: seconds).run()
        let lines = checks.flatMap { $0.lines(language.language) }
        print(lines.joined(separator: "\n"))
        let failed = checks.filter { $0.outcome == .failed }.count
        let summary =
            failed == 0
            ? Phrase(zh: "全部通过", en: "everything checked passed")
            : Phrase(
                zh: "\(failed) 项未通过，请按“怎么办”处理后再运行一次", en: "\(failed) failed: apply the fixes, then run doctor again")
        print(summary(language.language))
        if failed > 0 { throw ExitCode(1) }
    }
}

/// `--lang zh|en` for the probe's own reports (doctor, status); by default the environment's.
struct ProbeLanguageOption: ParsableArguments {
    enum Choice: String, ExpressibleByArgument {
        case zh, en
    }

    @Option(
        name: .customLong("lang"),
        help: "Language (default: from LC_ALL, LC_MESSAGES or LANG; English unless it names Chinese).")
    var given: Choice?

    var language: Language {
        given.flatMap { Language(rawValue: $0.rawValue) } ?? Language(environment: ProcessInfo.processInfo.environment)
    }
}
