import InventoryModel

/// Which rows of a list a page shows, and the links to the pages beside it.
struct Pager {
    let page: Int
    let pages: Int
    let range: Range<Int>

    /// The page asked for, held within the pages there are.
    init(asked: Int, rows: Int, size: Int) {
        pages = max(1, (rows + size - 1) / size)
        page = min(max(asked, 1), pages)
        range = min((page - 1) * size, rows)..<min(page * size, rows)
    }

    /// Puts `pageText`, `previous` and `next` (links made by `link` from a page number) into a
    /// template's data.
    func add(to data: inout [String: Any], language: Language, link: (Int) -> String) {
        data["pageText"] = language == .zh ? "第 \(page) / \(pages) 页" : "Page \(page) of \(pages)"
        if page > 1 { data["previous"] = link(page - 1) }
        if page < pages { data["next"] = link(page + 1) }
    }
}
