/// A1-style cell references.
enum CellReference {
    /// The letters of a column, from 0: A ... Z, AA ...
    static func column(_ index: Int) -> String {
        var index = index + 1
        var letters: [Character] = []
        while index > 0 {
            let remainder = (index - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            index = (index - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `C17` for column 2, row 17.
    static func cell(column: Int, row: Int) -> String { self.column(column) + String(row) }
}

extension CellReference {
    /// The column and row of an A1-style reference (`$` signs allowed); nil for anything else.
    static func parse(_ reference: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        for scalar in reference.unicodeScalars where scalar != "$" {
            switch scalar.value {
            case 65...90 where row == 0:
                column = column * 26 + Int(scalar.value - 64)
                letters += 1
            case 97...122 where row == 0:
                column = column * 26 + Int(scalar.value - 96)
                letters += 1
            case 48...57:
                row = row * 10 + Int(scalar.value - 48)
                if row > 10_000_000 { return nil }
            default: return nil
            }
            if letters > 3 { return nil }
        }
        guard letters > 0, row > 0 else { return nil }
        return (column - 1, row)
    }
}
