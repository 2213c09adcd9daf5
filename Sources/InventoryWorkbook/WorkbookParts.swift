/// The fixed parts of a workbook's zip container besides its sheets.
enum WorkbookParts {
    static func contentTypes(sheets: Int) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" \
            ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for index in 0..<sheets {
            text += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" "
            text += "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return text + "</Types>"
    }

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="xl/workbook.xml"/></Relationships>
        """

    static func workbook(sheetNames: [String]) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (index, name) in sheetNames.enumerated() {
            var escaped: [UInt8] = []
            XMLText.append(name, to: &escaped)
            text += "<sheet name=\"\(String(decoding: escaped, as: UTF8.self))\" sheetId=\"\(index + 1)\" "
            text += "r:id=\"rId\(index + 1)\"/>"
        }
        return text + "</sheets></workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for index in 0..<sheets {
            text += "<Relationship Id=\"rId\(index + 1)\" "
            text += "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
            text += "Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        text += "<Relationship Id=\"rId\(sheets + 1)\" "
        text += "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
        text += "Target=\"styles.xml\"/>"
        return text + "</Relationships>"
    }
}
