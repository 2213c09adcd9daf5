import ArgumentParser
import Foundation
import InventoryModel
import ProbeAgent

/// `schoolnet-probe status`: what the running agent did last, read from its outbox.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the agent did last: its start, last sample, last test, outbox depth, last upload.",
        discussion: """
            Reads the outbox the agent writes (another process may be running the agent). Exit status \
            0 when the last test and the last upload went well (or none was due), 1 otherwise.
            """)

    @Option(help: "The agent's configuration file.")
    var config = "/etc/schoolnet-probe/agent.yaml"
    @OptionGroup var language: ProbeLanguageOption

    func run() throws {
        let config = try AgentConfig.read(file: self.config)
        guard !config.outbox.isEmpty, FileManager.default.fileExists(atPath: config.outbox) else {
            throw ValidationError(
                "\(config.outbox.isEmpty ? self.config + ": no outbox is set" : config.outbox + ": no outbox yet"); "
                    + "the agent has not run (schoolnet-probe doctor checks the install)")
        }
        let outbox = try Outbox(path: config.outbox)
        let events = try outbox.events()
        let lang = language.language
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = config.timeZone
        let titles: [(AgentEvent.Kind, Phrase)] = [
            (.started, Phrase(zh: "启动", en: "started")), (.sample, Phrase(zh: "最近采样", en: "last sample")),
            (.test, Phrase(zh: "最近测速", en: "last test")), (.upload, Phrase(zh: "最近上传", en: "last upload")),
        ]
        let colon = lang == .zh ? "：" : ": "
        var healthy = true
        for (kind, title) in titles {
            guard let event = events[kind] else {
                print("- \(title(lang))\(colon)" + Phrase(zh: "还没有", en: "none yet")(lang))
                continue
            }
            let when = formatter.string(from: Date(timeIntervalSince1970: Double(event.atMs) / 1000))
            print("\(event.ok ? "✔" : "✘") \(title(lang))\(colon)\(when) \(event.detail)")
            if !event.ok, kind == .test || kind == .upload { healthy = false }
        }
        let waiting = try outbox.count()
        let rejected = try outbox.rejected().count
        print(
            Phrase(
                zh: "发件箱：\(waiting) 条待上传，\(rejected) 条被平台拒收（留存备查）",
                en: "outbox: \(waiting) results waiting, \(rejected) refused by the service (kept for a person to read)"
            )(
                lang))
        if !healthy { throw ExitCode(1) }
    }
}
