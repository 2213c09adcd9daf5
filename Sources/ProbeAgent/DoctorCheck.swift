import InventoryModel

/// One step of the install guide, as `schoolnet-probe doctor` checked it: what was checked, what
/// was found, and, when it failed, what to do about it, in Chinese and English.
public struct DoctorCheck: Sendable, Equatable {
    /// How a step went.
    public enum Outcome: String, Sendable, Equatable {
        case passed
        /// Works, but something deserves a look (a world-readable token file).
        case warning
        case failed
        /// Not checked: a step it needs failed, or the configuration leaves it out.
        case skipped
    }

    /// The guide's steps the doctor checks, in the guide's order.
    public enum Step: String, Sendable, CaseIterable {
        case configuration, interface, capture, prefixes, outbox, service, token, timeZone, clock, reflector

        /// The step's name.
        public var title: Phrase {
            switch self {
            case .configuration: Phrase(zh: "配置文件", en: "configuration")
            case .interface: Phrase(zh: "网卡", en: "interface")
            case .capture: Phrase(zh: "抓包权限", en: "capture permitted")
            case .prefixes: Phrase(zh: "学校地址段", en: "school prefixes on the wire")
            case .outbox: Phrase(zh: "发件箱", en: "outbox")
            case .service: Phrase(zh: "平台服务", en: "service reachable")
            case .token: Phrase(zh: "探针令牌", en: "probe token")
            case .timeZone: Phrase(zh: "时区", en: "time zone")
            case .clock: Phrase(zh: "时钟", en: "clock")
            case .reflector: Phrase(zh: "测速服务器", en: "reflector")
            }
        }
    }

    public var step: Step
    public var outcome: Outcome
    /// What was found.
    public var finding: Phrase
    /// What to do, when it failed (or deserves a look).
    public var fix: Phrase?

    public init(_ step: Step, _ outcome: Outcome, _ finding: Phrase, fix: Phrase? = nil) {
        self.step = step
        self.outcome = outcome
        self.finding = finding
        self.fix = fix
    }

    /// The check as lines for a terminal: a mark, the step and what was found; the fix below it.
    public func lines(_ language: Language) -> [String] {
        let mark =
            switch outcome {
            case .passed: "✔"
            case .warning: "!"
            case .failed: "✘"
            case .skipped: "-"
            }
        let colon = language == .zh ? "：" : ": "
        var lines = ["\(mark) \(step.title(language))\(colon)\(finding(language))"]
        if let fix { lines.append("    " + Phrase(zh: "怎么办：", en: "fix: ")(language) + fix(language)) }
        return lines
    }
}
