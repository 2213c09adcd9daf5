/// The CSV reports as spreadsheets open them: UTF-8 after a byte-order mark, without which Excel
/// reads the file in the system's code page (GB18030 on Chinese Windows) and shows mojibake.
enum ExcelCSV {
    /// U+FEFF, written as the bytes EF BB BF.
    static let byteOrderMark = "\u{FEFF}"

    /// A report's CSV text as a file or standard output gets it.
    static func text(_ csv: String) -> String { byteOrderMark + csv }
}
