import Foundation
import ZIPFoundation

/// Writes a workbook (`.xlsx`): sheets streamed to temporary files as their rows come, then put
/// in the zip container with the parts every workbook needs. The file appears only when whole.
public final class WorkbookWriter {
    /// Excel's last row: a sheet with more rows goes on in a sheet named `name_2`, `name_3`, ...
    public static let excelMaxRows = 1_048_576

    private let path: String
    private let scratch: URL
    private let maxRows: Int
    private var finished: [(name: String, writer: SheetWriter)] = []

    /// - Parameter maxRowsPerSheet: rows a sheet holds, its header included, before the next
    ///   sheet of the same name takes over.
    public init(path: String, maxRowsPerSheet: Int = WorkbookWriter.excelMaxRows) throws {
        self.path = path
        maxRows = max(maxRowsPerSheet, 2)
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    /// Writes one sheet (or, past the row limit, several): the header in bold and frozen, then
    /// the rows that `rows` hands to the function it is given, one call a row.
    public func addSheet(
        _ name: String, header: [String], rows: ((([WorkbookCell]) throws -> Void)) throws -> Void
    ) throws {
        var part = 1
        var sheet = try openSheet(name, part: part, header: header)
        try rows { cells in
            if sheet.rows >= maxRows {
                finished.append((sheet.name, sheet))
                part += 1
                sheet = try openSheet(name, part: part, header: header)
            }
            try sheet.append(cells)
        }
        finished.append((sheet.name, sheet))
    }

    private func openSheet(_ name: String, part: Int, header: [String]) throws -> SheetWriter {
        let sheetName = part == 1 ? name : "\(name)_\(part)"
        let sheet = try SheetWriter(
            name: sheetName, columns: header.count,
            bodyURL: scratch.appendingPathComponent("sheet\(finished.count + 1).body"))
        try sheet.append(header.map { .text($0) }, header: true)
        return sheet
    }

    /// Puts the sheets and the workbook's parts in the zip container and moves it to `path`.
    public func finish() throws {
        let zipURL = scratch.appendingPathComponent("workbook.xlsx")
        let archive = try Archive(url: zipURL, accessMode: .create)
        func add(_ name: String, _ text: String) throws {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
            }
        }
        try add("[Content_Types].xml", WorkbookParts.contentTypes(sheets: finished.count))
        try add("_rels/.rels", WorkbookParts.rootRelationships)
        try add("xl/workbook.xml", WorkbookParts.workbook(sheetNames: finished.map(\.name)))
        try add("xl/_rels/workbook.xml.rels", WorkbookParts.workbookRelationships(sheets: finished.count))
        try add("xl/styles.xml", WorkbookStyle.stylesXML)
        for (index, (_, sheet)) in finished.enumerated() {
            let (head, tail) = try sheet.finish()
            let body = try FileHandle(forReadingFrom: sheet.bodyURL)
            defer { try? body.close() }
            let bodySize = Int(try body.seekToEnd())
            try body.seek(toOffset: 0)
            let total = head.count + bodySize + tail.count
            // The sheet's XML is its head, the body file and its tail, read in order as the zip
            // writer asks for them.
            try archive.addEntry(
                with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: Int64(total),
                compressionMethod: .deflate
            ) { position, size in
                var chunk = Data()
                var at = Int(position)
                let end = min(at + size, total)
                if at < head.count {
                    chunk.append(contentsOf: head[at..<min(end, head.count)])
                    at = min(end, head.count)
                }
                if at < end, at < head.count + bodySize {
                    let upTo = min(end, head.count + bodySize)
                    chunk.append(try body.read(upToCount: upTo - at) ?? Data())
                    at = upTo
                }
                if at < end {
                    let from = at - head.count - bodySize
                    chunk.append(contentsOf: tail[from..<(from + end - at)])
                }
                return chunk
            }
            try? FileManager.default.removeItem(at: sheet.bodyURL)
        }
        let destination = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: destination.path) {
            _ = try FileManager.default.replaceItemAt(destination, withItemAt: zipURL)
        } else {
            try FileManager.default.moveItem(at: zipURL, to: destination)
        }
    }
}
