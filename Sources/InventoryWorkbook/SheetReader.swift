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
        var type = CellType.number
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
            switch type {
            case .shared:
                guard let index = Int(text), sharedStrings.indices.contains(index) else {
                    cellValue = .errorValue("shared string \(text)")
                    break
                }
                cellValue = .text(sharedStrings[index])
            case .text: cellValue = .text(text)
            case .boolean: cellValue = .boolean(text == "1" || text.lowercased() == "true")
            case .error: cellValue = .errorValue(text)
            case .date: cellValue = text.isEmpty ? nil : .isoDate(text)
            case .number: cellValue = text.isEmpty ? nil : .number(text)
            }
            // Characters are never more than bytes: only long text is counted.
            if case .text(let string) = cellValue, string.utf8.count > maxCellCharacters {
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
                let tag = Tag(scanner, name)
                if tag == .cell {
                    // One pass over the attributes for the two a cell's reading needs.
                    let (reference, typeAttribute) = scanner.attributes("r", "t", in: attributes)
                    column = reference.flatMap { Self.column(xml, $0) } ?? nextColumn
                    type = typeAttribute.map { CellType(scanner, $0) } ?? .number
                    value.removeAll(keepingCapacity: true)
                    isFormula = false
                    formula.removeAll(keepingCapacity: true)
                    if empty { nextColumn = column + 1 }
                } else if tag == .value {
                    inValue = !empty
                } else if tag == .row {
                    let number = scanner.attribute("r", in: attributes).flatMap { Self.integer(xml, $0) }
                    rowNumber = number ?? rowNumber + 1
                    cells.removeAll(keepingCapacity: true)
                    nextColumn = 0
                    inRow = !empty
                    if empty { try emit(rowNumber, []) }
                } else if tag == .formula {
                    isFormula = true
                    inFormula = !empty
                } else if tag == .inline {
                    inInline = !empty
                } else if tag == .text {
                    inText = !empty && inInline && !inPhonetic
                } else if tag == .phonetic {
                    inPhonetic = !empty
                }
            case .end(let name):
                switch Tag(scanner, name) {
                case .cell: try finishCell()
                case .value: inValue = false
                case .row:
                    if inRow { try emit(rowNumber, cells) }
                    inRow = false
                case .formula: inFormula = false
                case .inline: inInline = false
                case .text: inText = false
                case .phonetic: inPhonetic = false
                case .other: break
                }
            case .text(let range):
                if inFormula {
                    formula.append(contentsOf: xml[range].prefix(16))
                    continue
                }
                guard inValue || inText else { continue }
                guard XMLText.decode(UnsafeRawBufferPointer(rebasing: xml[range]), into: &value) else {
                    throw XMLScanner.Malformed(offset: range.lowerBound)
                }
            }
        }
    }

    /// The elements of a sheet the reader acts on, told apart by length and first byte before
    /// their bytes are compared: a sheet is millions of `<c>` and `<v>`.
    enum Tag {
        case row, cell, value, formula, inline, text, phonetic, other

        init(_ scanner: XMLScanner, _ name: Range<Int>) {
            let first = name.isEmpty ? 0 : scanner.bytes[name.lowerBound]
            switch (name.count, first) {
            case (1, 0x63): self = .cell
            case (1, 0x76): self = .value
            case (1, 0x66): self = .formula
            case (1, 0x74): self = .text
            case (2, 0x69): self = scanner.equals(name, "is") ? .inline : .other
            case (3, 0x72): self = scanner.equals(name, "row") ? .row : scanner.equals(name, "rPh") ? .phonetic : .other
            default: self = .other
            }
        }
    }

    /// A cell's `t` attribute: what its `<v>` or `<is>` holds.
    enum CellType {
        case number, shared, text, boolean, error, date

        init(_ scanner: XMLScanner, _ range: Range<Int>) {
            if scanner.equals(range, "s") {
                self = .shared
            } else if scanner.equals(range, "inlineStr") || scanner.equals(range, "str") {
                self = .text
            } else if scanner.equals(range, "b") {
                self = .boolean
            } else if scanner.equals(range, "e") {
                self = .error
            } else if scanner.equals(range, "d") {
                self = .date
            } else {
                self = .number
            }
        }
    }

    /// A row number from an attribute's bytes.
    static func integer(_ xml: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var value = 0
        for i in range {
            let digit = Int(xml[i]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// The column of an A1-style reference, from an attribute's bytes, without making a String.
    static func column(_ xml: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        var column = 0
        var letters = 0
        for i in range {
            let byte = xml[i] | 0x20  // lower case
            guard byte >= 0x61, byte <= 0x7A else { break }
            column = column * 26 + Int(byte - 0x60)
            letters += 1
        }
        guard letters > 0, letters <= 3 else { return nil }
        return column - 1
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
                guard XMLText.decode(UnsafeRawBufferPointer(rebasing: xml[range]), into: &current) else {
                    throw XMLScanner.Malformed(offset: range.lowerBound)
                }
            }
        }
        return strings
    }
}
