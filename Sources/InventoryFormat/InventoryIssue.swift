/// One thing wrong (or doubtful) in an interchange folder, located as precisely as it can be.
public struct InventoryIssue: Hashable, Sendable, CustomStringConvertible {
    /// The file, e.g. `schools.csv`.
    public var file: String
    /// The row as a spreadsheet numbers it (the header is row 1); nil for the whole file.
    public var row: Int?
    /// The column (or plan key) at fault.
    public var column: String?
    /// What was found; nil when nothing is quoted.
    public var value: String?
    /// What was expected, or what is wrong.
    public var message: String
    /// The cell at fault in a workbook's sheet, e.g. `C17`; `file` is then the sheet's name.
    public var cell: String?

    /// An issue at a place in a file.
    public init(
        file: String, row: Int? = nil, column: String? = nil, value: String? = nil, message: String,
        cell: String? = nil
    ) {
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.message = message
        self.cell = cell
    }

    /// `schools.csv row 7, column kind: "college": expected kindergarten | primary | ...`, or for
    /// the plan file `plan.yaml line 4, key measurement.window_days: ...`.
    /// In a workbook: `links!C17, column down_mbps: "abc": expected ...`.
    public var description: String {
        let isCSV = file.hasSuffix(".csv")
        let isYAML = file.hasSuffix(".yaml")
        var text = file
        if let cell {
            text += "!" + cell
        } else if let row {
            text += (isYAML ? " line " : " row ") + String(row)
        }
        if let column {
            text += (row == nil && cell == nil ? " " : ", ") + (isCSV || !isYAML ? "column " : "key ") + column
        }
        text += ": "
        if let value { text += (value.isEmpty ? "blank" : "\"\(value)\"") + ": " }
        return text + message
    }
}

/// An interchange folder that cannot be read as it is; nothing was changed.
public struct InventoryReadError: Error, Sendable, CustomStringConvertible {
    /// Every issue found, in file and row order (capped; see ``omitted``).
    public var issues: [InventoryIssue]
    /// Issues found beyond the cap and not listed.
    public var omitted: Int

    /// An error listing issues.
    public init(issues: [InventoryIssue], omitted: Int = 0) {
        self.issues = issues
        self.omitted = omitted
    }

    public var description: String {
        var lines = issues.map(\.description)
        if omitted > 0 { lines.append("... and \(omitted) more") }
        return lines.joined(separator: "\n")
    }
}

/// Collects the issues of one file while it is read; stops keeping them past a cap.
final class IssueLog {
    static let cap = 100
    let file: String
    private(set) var issues: [InventoryIssue] = []
    private(set) var omitted = 0
    /// The offset of the file's first byte that is not UTF-8, when one was found (and logged):
    /// the file may be in another encoding.
    var firstNonUTF8Byte: Int?

    init(file: String) {
        self.file = file
    }

    var isEmpty: Bool { issues.isEmpty }

    /// Puts the issues in row order (issues found when parts are joined come last otherwise).
    func sortByRow() {
        issues = issues.enumerated().sorted { ($0.element.row ?? 0, $0.offset) < ($1.element.row ?? 0, $1.offset) }
            .map(\.element)
    }

    /// Takes the issues of another log (of a later part of the same file).
    func absorb(_ other: IssueLog) {
        for issue in other.issues { add(row: issue.row, column: issue.column, value: issue.value, issue.message) }
        omitted += other.omitted
        firstNonUTF8Byte = firstNonUTF8Byte ?? other.firstNonUTF8Byte
    }

    func add(row: Int?, column: String?, value: String?, _ message: String) {
        if issues.count < IssueLog.cap {
            issues.append(InventoryIssue(file: file, row: row, column: column, value: value, message: message))
        } else {
            omitted += 1
        }
    }
}
