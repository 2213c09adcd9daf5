/// The languages SchoolNet speaks: Chinese first, English beside it.
public enum Language: String, CaseIterable, Sendable {
    case zh, en

    /// The language a `LANG`-style locale names (`zh_CN.UTF-8` is Chinese); nil when it names
    /// neither Chinese nor English.
    public init?(locale: String?) {
        guard let locale = locale?.lowercased(), !locale.isEmpty else { return nil }
        if locale.hasPrefix("zh") {
            self = .zh
        } else if locale.hasPrefix("en") || locale == "c" || locale.hasPrefix("c.") || locale == "posix" {
            self = .en
        } else {
            return nil
        }
    }

    /// The language of a process's environment: `LC_ALL`, then `LC_MESSAGES`, then `LANG`, as
    /// POSIX orders them; English when none names a language SchoolNet speaks.
    public init(environment: [String: String]) {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                self = Language(locale: value) ?? .en
                return
            }
        }
        self = .en
    }

    /// The language an HTTP `Accept-Language` asks for: Chinese when it prefers any `zh` to
    /// English, else English (also when absent).
    public init(acceptLanguage header: String?) {
        var best: (language: Language, weight: Double)?
        for part in (header ?? "").split(separator: ",") {
            let pieces = part.split(separator: ";")
            let tag = pieces.first.map { $0.trimmingSpaces().lowercased() } ?? ""
            var weight = 1.0
            for piece in pieces.dropFirst() {
                let parameter = piece.trimmingSpaces()
                if parameter.hasPrefix("q="), let value = Double(parameter.dropFirst(2)) { weight = value }
            }
            guard weight > 0, let language = Language(locale: tag) else { continue }
            if best == nil || weight > best!.weight { best = (language, weight) }
        }
        self = best?.language ?? .en
    }
}

/// One thing said in both languages; `phrase(language)` picks one.
public struct Phrase: Hashable, Sendable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func callAsFunction(_ language: Language) -> String {
        language == .zh ? zh : en
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
