import InventoryModel
import Mustache

/// Renders pages: a page's own template inside the layout, with the labels of its language.
///
/// The templates are compiled once; Mustache escapes every `{{value}}` for HTML, so a school
/// named `<script>` shows as text. Only markup this module builds itself (SVG charts, already
/// escaped with ``HTMLText``) goes in through `{{{triple}}}` braces.
public enum PageRenderer {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            do {
                try library.register(text, named: name)
            } catch {
                preconditionFailure("template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// A whole page: the layout around `template` rendered with `data` (which also sees `l`,
    /// the labels, and `link`s built by the context).
    public static func page(
        _ template: String, title: String, data: [String: Any], context: PageContext, navKey: String?
    ) -> String {
        var data = data
        let words = context.words
        data["l"] = words
        data["csrf"] = context.csrf
        let body = library.render(data, withTemplate: template) ?? ""
        let other: Language = context.language == .zh ? .en : .zh
        var switchItems = context.query.filter { $0.name != "lang" }.map { ($0.name, $0.value) }
        switchItems.append(("lang", other.rawValue))
        let nav: [[String: Any]] = [
            ("nav_overview", "/"), ("nav_map", "/map"), ("nav_schools", "/schools"), ("nav_renewals", "/renewals"),
            ("nav_capacity", "/capacity"), ("nav_probes", "/probes"),
        ].map { key, path in
            ["key": key, "text": words[key] ?? key, "href": context.link(path), "current": key == navKey]
        }
        let keep = context.query.filter { $0.name != "as_of" && $0.name != "page" }.map {
            ["name": $0.name, "value": $0.value]
        }
        let layout: [String: Any] = [
            "l": words, "title": title, "body": body, "nav": nav, "keep": keep, "csrf": context.csrf,
            "htmlLang": context.language == .zh ? "zh-CN" : "en", "path": context.path,
            "asOf": context.day.description, "home": context.link("/"),
            "langSwitch": context.path + "?" + URLText.query(switchItems),
            "otherLang": other == .zh ? "zh-CN" : "en", "css": Templates.css,
        ]
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    /// The login page (no navigation: nobody is logged in).
    public static func login(language: Language, csrf: String, error: String?) -> String {
        let words = PageWords.labels(language)
        let other: Language = language == .zh ? .en : .zh
        let data: [String: Any] = [
            "l": words, "title": words["login_title"] ?? "", "csrf": csrf, "error": error ?? "",
            "htmlLang": language == .zh ? "zh-CN" : "en",
            "css": Templates.css, "langSwitch": "/login?lang=\(other.rawValue)", "lang": language.rawValue,
        ]
        return library.render(data, withTemplate: "login") ?? ""
    }

    /// A short page saying what went wrong (a bad date, an unknown school), with a way back.
    public static func message(title: String, text: String, context: PageContext) -> String {
        page("message", title: title, data: ["heading": title, "text": text], context: context, navKey: nil)
    }
}
