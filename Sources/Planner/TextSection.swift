/// A titled table, rendered for a terminal or as Markdown, so both forms say the same thing.
struct TextSection {
    var title: String
    var lines: [String] = []
    var header: [String]
    var rows: [[String]]

    static func terminal(_ sections: [TextSection]) -> String {
        sections.map { section in
            var out = section.title + "\n"
            for line in section.lines { out += "  " + line + "\n" }
            if !section.rows.isEmpty { out += Columns.render([section.header] + section.rows, indent: "  ") }
            return out
        }.joined(separator: "\n")
    }

    static func markdown(_ sections: [TextSection], title: String) -> String {
        var out = "# " + title + "\n"
        for section in sections {
            out += "\n## " + section.title + "\n\n"
            for line in section.lines { out += line + "\n\n" }
            guard !section.rows.isEmpty else { continue }
            out += "| " + section.header.map(Markdown.cell).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: "---|", count: section.header.count) + "\n"
            for row in section.rows { out += "| " + row.map(Markdown.cell).joined(separator: " | ") + " |\n" }
        }
        return out
    }
}
