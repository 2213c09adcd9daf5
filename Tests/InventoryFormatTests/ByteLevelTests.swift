import Foundation
import Testing

@testable import InventoryFormat

/// The byte-level pieces of the reader, checked against the standard library on many inputs.
@Suite("Byte level")
struct ByteLevelTests {
    /// Pieces that byte strings are made of: ASCII, every length of valid UTF-8, and bytes that
    /// are never (or not here) valid: a lone continuation, an overlong form, a surrogate, a
    /// truncated character, a GBK pair, a NUL (valid UTF-8, refused in a cell), a NUL between
    /// bytes one bit from it.
    static let pieces: [[UInt8]] = [
        Array("a,b".utf8), Array("1234567".utf8), Array("é".utf8), Array("锐捷".utf8), Array("𝄞".utf8),
        Array("\u{E000}".utf8), Array("\u{FFFD}".utf8), [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE9, 0x94],
        [0xF4, 0x90, 0x80, 0x80], [0xC8, 0xF1], [0xEF, 0xBF, 0xBF], [0x00], [0x01, 0x00, 0x01],
    ]

    /// Random strings of those pieces: the check finds bad bytes exactly when the standard
    /// library's validation does or a NUL is there, and at the first of them.
    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                // Mostly valid pieces, so that a bad one often sits after a long valid run.
                let piece =
                    Int.random(in: 0..<10, using: &generator) < 8
                    ? ByteLevelTests.pieces[Int.random(in: 0..<7, using: &generator)]
                    : ByteLevelTests.pieces.randomElement(using: &generator)!
                bytes += piece
            }
            let found = bytes.withUnsafeBufferPointer { UTF8Check.firstInvalidOffset($0) }
            let isText = String(validating: bytes, as: UTF8.self) != nil && !bytes.contains(0)
            #expect((found == nil) == isText, "\(bytes)")
            if let found {
                #expect(String(validating: bytes[..<found], as: UTF8.self) != nil, "\(bytes)")
                #expect(!bytes[..<found].contains(0), "\(bytes)")
            }
        }
    }

    /// Field ends found eight bytes at a time fall where a byte-by-byte reading puts them.
    @Test func scannerAgreesWithSplitting() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab c,,,\n\t锐".utf8)
        for _ in 0..<2_000 {
            // Up to 400 bytes: some records have more fields than the scanner first has room for.
            let bytes = (0..<Int.random(in: 1...400, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            let expected = String(decoding: bytes, as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: true
            )
            .map { line in line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks } }
            var records: [[String]] = []
            try bytes.withUnsafeBufferPointer { buffer in
                var scanner = CSVScanner(bytes: buffer)
                var fields = Fields()
                while try scanner.nextRecord(into: &fields) {
                    records.append(
                        (0..<fields.count).map { index in
                            String(decoding: buffer[fields[index].start..<fields[index].end], as: UTF8.self)
                        })
                }
            }
            #expect(records == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }
}

extension ByteLevelTests {
    /// Whole numbers are written without a fraction or an exponent up to 2^63, so a large count
    /// reads back into an integer column (schemathesis found 6141300311758773 written as
    /// `6141300311758773.0`, which the integer reader refuses).
    @Test(arguments: [0, 7, -42, 999_999_999_999_999, 6_141_300_311_758_773, 9_007_199_254_740_993])
    func wholeNumbersStayIntegers(value: Int) throws {
        let text = CSVFormatting.number(Double(value))
        #expect(!text.contains(".") && !text.contains("e"))
        #expect(text.withCString { NumberParser.integer(UnsafeRawBufferPointer(start: $0, count: strlen($0))) } != nil)
        #expect(CSVFormatting.number(0.5) == "0.5")
        #expect(CSVFormatting.number(1e300) == "1e+300")
    }
}

extension Substring {
    fileprivate var trimmingBlanks: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    /// One pass over a part counts its line feeds eight bytes at a time, as a byte-by-byte
    /// count does, among bytes one bit away from a LF; it refuses a part with a quote or a
    /// lone CR, and its UTF-8 verdict is the standard library's.
    @Test func plainLinesAgreeWithByteByByte() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [
            [0x0A], [0x0B], [0x08], [0x0E], [0x2A], [0x00], [0x61], [0x09], [0x0D, 0x0A], Array("锐捷".utf8), [0x8A],
            [0x22], [0x0D, 0x61],
        ]
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                // Mostly the plain pieces, so that most parts are read to their end.
                let piece =
                    Int.random(in: 0..<40, using: &generator) > 0
                    ? pieces[Int.random(in: 0..<10, using: &generator)] : pieces.randomElement(using: &generator)!
                bytes += piece
            }
            let scan = bytes.withUnsafeBufferPointer { UTF8Check.plainLines($0) }
            let lineFeeds = bytes.filter { $0 == 0x0A }.count
            let loneCR = bytes.indices.contains { bytes[$0] == 0x0D && $0 + 1 < bytes.count && bytes[$0 + 1] != 0x0A }
            let isUTF8 = String(validating: bytes, as: UTF8.self) != nil && !bytes.contains(0)
            if bytes.contains(0x22) || loneCR {
                // Refused, unless a bad byte came first and stopped the pass.
                #expect(scan == nil || scan?.isUTF8 == false, "\(bytes)")
            } else {
                #expect(scan?.isUTF8 == isUTF8, "\(bytes)")
                if isUTF8 { #expect(scan?.lineFeeds == lineFeeds, "\(bytes)") }
            }
        }
    }

    /// Keys compared eight bytes at a time order as the bytes do, a prefix first.
    @Test func keysCompareAsBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x00, 0x01, 0x41, 0x42, 0x7F, 0x80, 0xE9, 0xFF]
        func key() -> [UInt8] {
            (0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
        }
        for _ in 0..<5_000 {
            let a = key()
            // Often a variation of the same key, so that long common prefixes are tested.
            var b = Bool.random(using: &generator) ? a : key()
            if !b.isEmpty, Bool.random(using: &generator) {
                b[Int.random(in: 0..<b.count, using: &generator)] = alphabet.randomElement(using: &generator)!
            }
            let order = a.withUnsafeBytes { a in b.withUnsafeBytes { b in CSVReader.compare(a, b) } }
            let expected = a.lexicographicallyPrecedes(b) ? -1 : (a == b ? 0 : 1)
            #expect(order.signum() == expected, "\(a) \(b)")
            #expect(a.withUnsafeBytes { a in b.withUnsafeBytes { b in CSVReader.equal(a, b) } } == (a == b))
        }
    }
}
