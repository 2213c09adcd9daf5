import Foundation
import SampleCity

/// Changes bytes of a valid input the way a broken spreadsheet, a hostile client or a damaged
/// disk would: a cell replaced by an extreme value, a delimiter or quote inserted, a line
/// repeated, bytes lost, a bit flipped.
struct Mutator {
    var random: SeededGenerator

    /// Values that have broken parsers and planners: numbers at and past every limit, dates at
    /// the ends of the calendar, delimiters, control characters, bytes that are not UTF-8.
    static let tokens: [[UInt8]] =
        [
            "1e19", "1e25", "1e308", "1e309", "-1", "0", "-0", "NaN", "inf", "0x10", "1e-320", "101", "1000000001",
            "9223372036854775807", "18446744073709551616", "9999-12-31", "0001-01-01", "1899-12-31", "2200-12-31",
            "2026-02-30", "2026-11-20T10:00:00+23:59", "9999-12-31T23:59:59Z", "24:00", "17:00", "true", "false",
            "\"", "\"\"", ",", "\n", "\r\n", "\r", "\t", "\u{0}", "\u{FEFF}", "中山区", "DL-ZS-0001", "", "{", "[",
            "}", "]", ":", "\\u0000", "\\ud800", "- ", "? ", "&a", "*a", "!!float", "{a: 1, a: 2}",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE4, 0xB8]]

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...random.int(0...3) {
            let at = bytes.isEmpty ? 0 : random.int(0...bytes.count - 1)
            switch random.int(0...6) {
            case 0, 1:
                replaceCell(&bytes, at: at)
            case 2:
                bytes.insert(contentsOf: Self.tokens[random.int(0...Self.tokens.count - 1)], at: at)
            case 3:
                if !bytes.isEmpty { bytes[at] ^= UInt8(1) << UInt8(random.int(0...7)) }
            case 4:
                bytes.removeSubrange(at..<min(bytes.count, at + random.int(1...16)))
            case 5:
                let line = lineRange(bytes, at: at)
                bytes.insert(contentsOf: bytes[line], at: line.lowerBound)
            default:
                bytes.removeSubrange(at..<bytes.count)
            }
        }
        return bytes
    }

    /// Replaces the cell (or YAML value, or JSON value) around `at` with a token.
    private mutating func replaceCell(_ bytes: inout [UInt8], at: Int) {
        let delimiters: Set<UInt8> = [UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: ":"), UInt8(ascii: "[")]
        var start = at
        while start > 0, !delimiters.contains(bytes[start - 1]) { start -= 1 }
        var end = at
        while end < bytes.count, !delimiters.contains(bytes[end]) && bytes[end] != UInt8(ascii: "}") { end += 1 }
        var token = Self.tokens[random.int(0...Self.tokens.count - 1)]
        // After a YAML or JSON colon, keep the space that makes it a value.
        if start > 0, bytes[start - 1] == UInt8(ascii: ":") { token = [UInt8(ascii: " ")] + token }
        bytes.replaceSubrange(start..<end, with: token)
    }

    private func lineRange(_ bytes: [UInt8], at: Int) -> Range<Int> {
        guard !bytes.isEmpty else { return 0..<0 }
        var start = at
        while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
        var end = at
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return start..<min(end + 1, bytes.count)
    }
}
