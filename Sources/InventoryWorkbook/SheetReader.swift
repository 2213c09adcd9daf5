/// What a sheet's cell holds, as read.
enum CellValue: Equatable {
    case text(String)
    /// A number, as the text of its value (`200`, `0.5`, `4.5E-3`).
    case number(String)
    case boolean(Bool)
    /// An error value such as `#N/A`.
    case errorValue(String)
    /// An ISO 8601 date cell (`t="d"`).
    case isoDate(String)
}

/// One cell read from a sheet: where it is, its value, and whether a formula gave it.
struct ReadCell {
    var column: Int
    var value: CellValue
    var isFormula: Bool
}

/// Reads a worksheet's XML (`xl/worksheets/sheetN.xml`) row by row: the cells' values with
/// shared strings, inline strings, numbers, booleans and error values told apart.
struct SheetReader {
    /// Excel's own limit on a cell's text; longer is refused, not cut.
    static let maxCellCharacters = 32_767

    /// A cell whose text is longer than ``maxCellCharacters``.
    struct LongCell: Error {
        let row: Int
        let column: Int
        let characters: Int
    }

    /// Calls `row` with each row's number and cells, in order; rows without cells are skipped.
    static func read(
        _ xml: UnsafeRawBufferPointer, sharedStrings: [String],
        row emit: (Int, [ReadCell]) throws -> Void
    ) throws {
        var scanner = XMLScanner(xml)
        var rowNumber = 0
        var cells: [ReadCell] = []
        var inRow = false
        // The cell being read.
        var column = -1
        var typeName = ""
        var value: [UInt8] = []
        var isFormula = false
        var formula: [UInt8] = []
        var inFormula = false
        var inValue = false
        var inInline = false
        var inText = false
        var inPhonetic = false
        var nextColumn = 0

        func finishCell() throws {
            let text = String(decoding: value, as: UTF8.self)
            let cellValue: CellValue?
            switch typeName {
            case "s":
                guard let index = Int(text), sharedStrings.indices.contains(index) else {
                    cellValue = .errorValue("shared string \(text)")
                    break
                }
                cellValue = .text(sharedStrings[index])
            case "inlineStr", "str": cellValue = .text(text)
            case "b": cellValue = .boolean(text == "1" || text.lowercased() == "true")
            case "e": cellValue = .errorValue(text)
            case "d": cellValue = text.isEmpty ? nil : .isoDate(text)
            default: cellValue = text.isEmpty ? nil : .number(text)
            }
            if case .text(let string) = cellValue {
                let characters = string.unicodeScalars.count
                if characters > maxCellCharacters {
                    throw LongCell(row: rowNumber, column: column, characters: characters)
                }
            }
            // LibreOffice writes a boolean cell as the formula TRUE() or FALSE(): a constant, no formula.
            let constant =
                isFormula && ["TRUE()", "FALSE()", "TRUE", "FALSE"].contains(String(decoding: formula, as: UTF8.self))
            if let cellValue {
                cells.append(ReadCell(column: column, value: cellValue, isFormula: isFormula && !constant))
            }
            nextColumn = column + 1
        }

        while let event = try scanner.next() {
            switch event {
            case .start(let name, let attributes, let empty):
                if scanner.equals(name, "row") {
                    let number = scanner.attributeText("r", in: attributes).flatMap { Int($0) }
                    rowNumber = number ?? rowNumber + 1
                    cells.removeAll(keepingCapacity: true)
                    nextColumn = 0
                    inRow = !empty
                    if empty { try emit(rowNumber, []) }
                } else if scanner.equals(name, "c") {
                    let reference = scanner.attributeText("r", in: attributes)
                    column = reference.flatMap { CellReference.parse($0)?.column } ?? nextColumn
                    typeName = scanner.attributeText("t", in: attributes) ?? "n"
                    value.removeAll(keepingCapacity: true)
                    isFormula = false
                    formula.removeAll(keepingCapacity: true)
                    if empty { nextColumn = column + 1 }
                } else if scanner.equals(name, "f") {
                    isFormula = true
                    inFormula = !empty
                } else if scanner.equals(name, "v") {
                    inValue = !empty
                } else if scanner.equals(name, "is") {
                    inInline = !empty
                } else if scanner.equals(name, "t") {
                    inText = !empty && inInline && !inPhonetic
                } else if scanner.equals(name, "rPh") {
                    inPhonetic = !empty
                }
            case .end(let name):
                if scanner.equals(name, "row") {
                    if inRow { try emit(rowNumber, cells) }
                    inRow = false
                } else if scanner.equals(name, "c") {
                    try finishCell()
                } else if scanner.equals(name, "v") {
                    inValue = false
                } else if scanner.equals(name, "f") {
                    inFormula = false
                } else if scanner.equals(name, "is") {
                    inInline = false
                } else if scanner.equals(name, "t") {
                    inText = false
                } else if scanner.equals(name, "rPh") {
                    inPhonetic = false
                }
            case .text(let range):
                if inFormula {
                    formula.append(contentsOf: xml[range].prefix(16))
                    continue
                }
                guard inValue || inText else { continue }
                guard let decoded = XMLText.decode(UnsafeRawBufferPointer(rebasing: xml[range])) else {
                    throw XMLScanner.Malformed(offset: range.lowerBound)
                }
                value.append(contentsOf: decoded)
            }
        }
    }

    /// The strings of `xl/sharedStrings.xml`, in order; rich text runs joined, phonetic runs left out.
    static func sharedStrings(_ xml: UnsafeRawBufferPointer) throws -> [String] {
        var scanner = XMLScanner(xml)
        var strings: [String] = []
        var current: [UInt8] = []
        var inText = false
        var inPhonetic = false
        while let event = try scanner.next() {
            switch event {
            case .start(let name, _, let empty):
                if scanner.equals(name, "si") {
                    current.removeAll(keepingCapacity: true)
                    if empty { strings.append("") }
                } else if scanner.equals(name, "t") {
                    inText = !empty && !inPhonetic
                } else if scanner.equals(name, "rPh") {
                    inPhonetic = !empty
                }
            case .end(let name):
                if scanner.equals(name, "si") {
                    strings.append(String(decoding: current, as: UTF8.self))
                } else if scanner.equals(name, "t") {
                    inText = false
                } else if scanner.equals(name, "rPh") {
                    inPhonetic = false
                }
            case .text(let range):
                guard inText else { continue }
                guard let decoded = XMLText.decode(UnsafeRawBufferPointer(rebasing: xml[range])) else {
                    throw XMLScanner.Malformed(offset: range.lowerBound)
                }
                current.append(contentsOf: decoded)
            }
        }
        return strings
    }
}
