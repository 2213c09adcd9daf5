/// A report's CSV text as rows of fields (RFC 4180: quoted fields, doubled quotes, CRLF), for
/// turning the reports SchoolNet writes as CSV into sheets with the same rows.
enum CSVTable {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        for scalar in text.unicodeScalars {
            if quoted {
                if scalar == "\"" {
                    quoted = false
                    afterQuote = true
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\u{FEFF}" where rows.isEmpty && row.isEmpty && field.isEmpty: continue
            case "\"":
                // A doubled quote inside a quoted field: the quote closed, and opens again.
                if afterQuote { field.unicodeScalars.append("\"") }
                quoted = true
            case ",":
                row.append(field)
                field = ""
            case "\r": break
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default: field.unicodeScalars.append(scalar)
            }
            afterQuote = false
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
