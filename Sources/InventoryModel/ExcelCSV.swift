/// The CSV reports as spreadsheets open them: UTF-8 after a byte-order mark, without which Excel
/// reads the file in the system's code page (GB18030 on Chinese Windows) and shows mojibake.
public enum ExcelCSV {
    /// U+FEFF, written as the bytes EF BB BF.
    public static let byteOrderMark = "\u{FEFF}"

    /// A report's CSV text as a file, standard output or a download gets it.
    public static func text(_ csv: String) -> String { byteOrderMark + csv }
}
