/// Text in and out of SpreadsheetML: XML escapes, and the `_xHHHH_` escapes that OOXML uses for
/// characters XML 1.0 cannot hold (control characters).
enum XMLText {
    /// Appends `text` escaped for an element's content or a double-quoted attribute.
    static func append(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        // Most cells need no escape at all: copied as they are.
        if !utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 < 0x20 || $0 == 0x5F }) {
            out.append(contentsOf: utf8)
            return
        }
        let bytes = Array(utf8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x09, 0x0A: out.append(byte)
            case 0x0D: out.append(contentsOf: "&#13;".utf8)
            case ..<0x20: out.append(contentsOf: escape(byte).utf8)
            case 0x5F where isEscapeLike(bytes, at: i):
                // A literal `_x0041_` would read back as `A`: its underscore is escaped.
                out.append(contentsOf: escape(0x5F).utf8)
            default: out.append(byte)
            }
            i += 1
        }
    }

    private static func escape(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
    }

    /// Whether `_xHHHH_` starts at `i`.
    private static func isEscapeLike(_ bytes: [UInt8], at i: Int) -> Bool {
        guard i + 7 <= bytes.count, bytes[i] == 0x5F, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F else { return false }
        return bytes[(i + 2)..<(i + 6)].allSatisfy(isHexDigit)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// The text of XML character data: entities and `_xHHHH_` escapes undone. Nil when an entity
    /// is malformed.
    static func decode(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        var out: [UInt8] = []
        return decode(bytes, into: &out) ? out : nil
    }

    /// Appends the text of XML character data to `out`, as ``decode(_:)`` gives it; false when
    /// an entity is malformed. Text without `&` or `_` is copied as it is, with no buffer between.
    static func decode(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
        guard bytes.contains(where: { $0 == 0x26 || $0 == 0x5F }) else {
            out.append(contentsOf: bytes)
            return true
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x26 {
                guard let end = bytes[i...].firstIndex(of: 0x3B), end - i <= 12 else { return false }
                let name = String(decoding: bytes[(i + 1)..<end], as: UTF8.self)
                let scalar: Unicode.Scalar?
                switch name {
                case "lt": scalar = "<"
                case "gt": scalar = ">"
                case "amp": scalar = "&"
                case "quot": scalar = "\""
                case "apos": scalar = "'"
                default:
                    if name.hasPrefix("#x") || name.hasPrefix("#X") {
                        scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if name.hasPrefix("#") {
                        scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                    } else {
                        scalar = nil
                    }
                }
                guard let scalar else { return false }
                out.append(contentsOf: String(Character(scalar)).utf8)
                i = end + 1
            } else if byte == 0x5F, i + 7 <= bytes.count, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F,
                bytes[(i + 2)..<(i + 6)].allSatisfy(isHexDigit),
                let value = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(value)
            {
                out.append(contentsOf: String(Character(scalar)).utf8)
                i += 7
            } else {
                out.append(byte)
                i += 1
            }
        }
        return true
    }
}
