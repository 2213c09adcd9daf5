import InventoryModel

/// What every page is rendered with besides its data: the language, the day it is judged on,
/// where it is, and the form token of the session.
public struct PageContext: Sendable {
    public var language: Language
    /// The day the page evaluates; `explicitDay` says whether the address asked for it (then
    /// every link carries it on).
    public var day: CalendarDate
    public var explicitDay: Bool
    /// The path of the page (`/schools`), and its query items as asked.
    public var path: String
    public var query: [(name: String, value: String)]
    /// The session's CSRF token, put in every form that changes state.
    public var csrf: String

    public init(
        language: Language, day: CalendarDate, explicitDay: Bool, path: String,
        query: [(name: String, value: String)], csrf: String
    ) {
        self.language = language
        self.day = day
        self.explicitDay = explicitDay
        self.path = path
        self.query = query
        self.csrf = csrf
    }

    /// A link to a page of the site that keeps the language and the day: `/schools?rule=X&lang=zh`.
    public func link(_ path: String, _ items: [(String, String)] = []) -> String {
        var all = items.filter { !$0.1.isEmpty }
        if explicitDay { all.append(("as_of", day.description)) }
        all.append(("lang", language.rawValue))
        return path + "?" + URLText.query(all)
    }

    /// This page with some query items replaced (others kept, `page` dropped unless given).
    public func relink(_ changes: [(String, String)]) -> String {
        let names = Set(changes.map(\.0) + ["lang", "as_of", "page"])
        var items = query.filter { !names.contains($0.name) }.map { ($0.name, $0.value) }
        items += changes
        return link(path, items)
    }

    /// The value of a query item.
    public func query(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    var words: [String: String] { PageWords.labels(language) }
}
