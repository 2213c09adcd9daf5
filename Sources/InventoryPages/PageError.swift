import InventoryModel

/// A page address that asks for something that is not there; the page says which parameter
/// and what to do, in the reader's language.
public enum PageError: Error, Sendable {
    /// A filter given a value that is not one of its choices: the parameter and the value.
    case badChoice(String, String)
    /// `as_of` that is not a date from 1900 to 2200.
    case badDate(String)

    /// What went wrong, in words a planner acts on.
    public func message(_ language: Language) -> String {
        switch self {
        case .badChoice(let name, let value):
            let label = PageWords.table[name].map { $0(language) } ?? name
            return language == .zh
                ? "筛选条件“\(label)”的取值“\(value)”无效，请在页面上重新选择。"
                : "The filter \"\(label)\" has no choice \"\(value)\"; pick one on the page."
        case .badDate(let text):
            return language == .zh
                ? "日期“\(text)”无效，请按“年-月-日”填写 1900-01-01 至 2200-12-31 之间的日期，例如 2026-11-24。"
                : "\"\(text)\" is not a date; give one from 1900-01-01 to 2200-12-31 as YYYY-MM-DD, e.g. 2026-11-24."
        }
    }
}
