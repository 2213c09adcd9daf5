/// The one rule for a field of every CSV file SchoolNet writes: the interchange folder, the
/// compliance report, the renewals and the declaration.
///
/// A field is quoted when it holds a comma, a quote or a line break, or when it begins or ends
/// with a blank: a spreadsheet trims the blanks of a field that is not quoted, and the text read
/// back would differ from the text written.
public enum CSVField {
    /// Whether `text` must be quoted.
    public static func needsQuotes(_ text: String) -> Bool {
        let utf8 = text.utf8
        if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) { return true }
        if let first = utf8.first, first == 0x20 || first == 0x09 { return true }
        if let last = utf8.last, last == 0x20 || last == 0x09 { return true }
        return false
    }

    /// The field as written: the text itself, or quoted with its quotes doubled.
    public static func text(_ text: String) -> String {
        guard needsQuotes(text) else { return text }
        var quoted = "\""
        for character in text.unicodeScalars {
            if character == "\"" { quoted += "\"" }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
    }
}
