import Foundation
import InventoryModel

/// Streams one sheet's rows as SpreadsheetML into a file: the `<sheetData>` rows as they come,
/// the head (frozen header pane, column widths) once the widths are known.
final class SheetWriter {
    let name: String
    let columnCount: Int
    private(set) var rows = 0
    private let body: FileHandle
    let bodyURL: URL
    private var buffer: [UInt8] = []
    /// The widest cell of each column, in character widths (a CJK character counts two), over
    /// the first rows only: enough to fit the columns, cheap for a million rows.
    private var widths: [Int]
    private let columnNames: [[UInt8]]
    private static let measuredRows = 2000

    init(name: String, columns: Int, bodyURL: URL) throws {
        self.name = name
        columnCount = columns
        self.bodyURL = bodyURL
        FileManager.default.createFile(atPath: bodyURL.path, contents: nil)
        body = try FileHandle(forWritingTo: bodyURL)
        widths = Array(repeating: 0, count: columns)
        columnNames = (0..<columns).map { Array(CellReference.column($0).utf8) }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { try? body.close() }

    /// Appends a row; `header` rows are bold.
    func append(_ cells: [WorkbookCell], header: Bool = false) throws {
        rows += 1
        let row = Array(String(rows).utf8)
        buffer.append(contentsOf: "<row r=\"".utf8)
        buffer.append(contentsOf: row)
        buffer.append(contentsOf: "\">".utf8)
        for (index, cell) in cells.enumerated() where index < columnCount {
            if rows <= Self.measuredRows { widths[index] = max(widths[index], Self.width(of: cell)) }
            let style: WorkbookStyle
            switch cell {
            case .blank: continue
            case .text, .number, .boolean: style = header ? .header : .plain
            case .money: style = .money
            case .date: style = .date
            }
            buffer.append(contentsOf: "<c r=\"".utf8)
            buffer.append(contentsOf: columnNames[index])
            buffer.append(contentsOf: row)
            buffer.append(0x22)
            if style != .plain { buffer.append(contentsOf: " s=\"\(style.rawValue)\"".utf8) }
            switch cell {
            case .blank: break
            case .text(let text):
                let padded = text.first?.isWhitespace == true || text.last?.isWhitespace == true
                buffer.append(contentsOf: " t=\"inlineStr\"><is><t".utf8)
                if padded { buffer.append(contentsOf: " xml:space=\"preserve\"".utf8) }
                buffer.append(0x3E)
                XMLText.append(text, to: &buffer)
                buffer.append(contentsOf: "</t></is></c>".utf8)
            case .number(let value), .money(let value):
                buffer.append(contentsOf: "><v>".utf8)
                buffer.append(contentsOf: value.shortestText.utf8)
                buffer.append(contentsOf: "</v></c>".utf8)
            case .date(let date):
                buffer.append(contentsOf: "><v>".utf8)
                buffer.append(contentsOf: String(ExcelDate.serial(date)).utf8)
                buffer.append(contentsOf: "</v></c>".utf8)
            case .boolean(let value):
                buffer.append(contentsOf: (value ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>").utf8)
            }
        }
        buffer.append(contentsOf: "</row>".utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try body.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Ends the rows; gives the sheet's head and tail, to be put around the body file.
    func finish() throws -> (head: [UInt8], tail: [UInt8]) {
        try flush()
        try body.close()
        var head = Array(
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheetViews><sheetView workbookViewId="0">\
            <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
            <selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
            <sheetFormatPr defaultRowHeight="15"/>
            """.utf8)
        if columnCount > 0 {
            head += Array("<cols>".utf8)
            for (index, width) in widths.enumerated() {
                // Excel's width is in characters of the default font, plus padding.
                let shown = min(max(width, 6), 60) + 2
                head += Array(
                    "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(shown)\" customWidth=\"1\"/>".utf8)
            }
            head += Array("</cols>".utf8)
        }
        head += Array("<sheetData>".utf8)
        return (head, Array("</sheetData></worksheet>".utf8))
    }

    /// How many character widths a cell takes as shown.
    static func width(of cell: WorkbookCell) -> Int {
        switch cell {
        case .blank: 0
        case .text(let text): text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
        case .number(let value): value.shortestText.count
        case .money(let value): String(format: "%.2f", value).count
        case .date: 10
        case .boolean: 5
        }
    }
}
