/// Reads a workbook's sheets, by name, from its zip container: `xl/workbook.xml` names them,
/// its relationships say which part holds each, `xl/sharedStrings.xml` holds their shared text.
struct WorkbookReader {
    /// A sheet: its name as the workbook shows it and the part that holds it.
    struct Sheet {
        let name: String
        let part: String
    }

    let archive: WorkbookArchive
    /// The sheets in the workbook's order.
    let sheets: [Sheet]
    let sharedStrings: [String]

    init(path: String, limits: WorkbookLimits) throws(WorkbookArchive.Refusal) {
        archive = try WorkbookArchive(path: path, limits: limits)
        guard let workbook = try archive.contents("xl/workbook.xml") else {
            throw WorkbookArchive.Refusal(message: "not a workbook: the zip archive holds no xl/workbook.xml")
        }
        let relationships = try archive.contents("xl/_rels/workbook.xml.rels") ?? []
        var targets: [String: (type: String, target: String)] = [:]
        do {
            try relationships.withUnsafeBytes { bytes in
                var scanner = XMLScanner(bytes)
                while let event = try scanner.next() {
                    guard case .start(let name, let attributes, _) = event, scanner.equals(name, "Relationship"),
                        let id = scanner.attributeText("Id", in: attributes),
                        let target = scanner.attributeText("Target", in: attributes)
                    else { continue }
                    targets[id] = (scanner.attributeText("Type", in: attributes) ?? "", target)
                }
            }
            var sheets: [Sheet] = []
            try workbook.withUnsafeBytes { bytes in
                var scanner = XMLScanner(bytes)
                while let event = try scanner.next() {
                    guard case .start(let name, let attributes, _) = event, scanner.equals(name, "sheet"),
                        let sheetName = scanner.attributeText("name", in: attributes),
                        let id = scanner.attributeText("id", in: attributes), let target = targets[id]?.target
                    else { continue }
                    sheets.append(Sheet(name: sheetName, part: Self.partPath(target)))
                }
            }
            self.sheets = sheets
        } catch {
            throw WorkbookArchive.Refusal(message: "not a workbook: its list of sheets is not XML it can read")
        }
        let sharedPart =
            targets.values.first { $0.type.hasSuffix("/sharedStrings") }.map { Self.partPath($0.target) }
            ?? "xl/sharedStrings.xml"
        if let shared = try archive.contents(sharedPart) {
            do {
                sharedStrings = try shared.withUnsafeBytes { try SheetReader.sharedStrings($0) }
            } catch {
                throw WorkbookArchive.Refusal(message: "\(sharedPart) is not XML it can read")
            }
        } else {
            sharedStrings = []
        }
    }

    /// A relationship's target as a path in the container: relative to `xl/`, or absolute.
    static func partPath(_ target: String) -> String {
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }
}
