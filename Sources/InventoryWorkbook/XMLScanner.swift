#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small pull scanner of the XML a workbook's parts are written in: tags and the text between
/// them, straight from the bytes. It knows what SpreadsheetML needs and no more: no DTDs, no
/// CDATA (refused), namespaces by their local names (`x:c` is `c`).
struct XMLScanner {
    enum Event {
        /// A start tag: its local name and the bytes of its attributes; `empty` for `<c/>`.
        case start(name: Range<Int>, attributes: Range<Int>, empty: Bool)
        case end(name: Range<Int>)
        /// Character data, entities not yet undone.
        case text(Range<Int>)
    }

    /// A document that is not XML this scanner reads.
    struct Malformed: Error {
        let offset: Int
    }

    let bytes: UnsafeRawBufferPointer
    private(set) var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The next tag or run of text; nil at the end.
    mutating func next() throws(Malformed) -> Event? {
        let count = bytes.count
        while position < count {
            if bytes[position] != 0x3C {
                let start = position
                position = index(of: 0x3C, from: position) ?? count
                return .text(start..<position)
            }
            // A tag, a declaration, a comment or a processing instruction.
            guard position + 1 < count else { throw Malformed(offset: position) }
            let first = bytes[position + 1]
            if first == 0x3F || first == 0x21 {  // <? ... ?> or <! ... >
                if first == 0x21, position + 3 < count, bytes[position + 2] == 0x2D, bytes[position + 3] == 0x2D {
                    guard let end = find("-->", from: position + 4) else { throw Malformed(offset: position) }
                    position = end + 3
                    continue
                }
                if first == 0x21, position + 2 < count, bytes[position + 2] == 0x5B {  // <![CDATA[
                    throw Malformed(offset: position)
                }
                guard let end = find(">", from: position + 2) else { throw Malformed(offset: position) }
                position = end + 1
                continue
            }
            guard let close = index(of: 0x3E, from: position + 1) else { throw Malformed(offset: position) }
            defer { position = close + 1 }
            if first == 0x2F {  // </name>
                var end = close
                while end > position + 2, isSpace(bytes[end - 1]) { end -= 1 }
                return .end(name: localName(position + 2..<end))
            }
            let empty = bytes[close - 1] == 0x2F
            let inner = position + 1..<(empty ? close - 1 : close)
            var nameEnd = inner.lowerBound
            while nameEnd < inner.upperBound, !isSpace(bytes[nameEnd]) { nameEnd += 1 }
            return .start(
                name: localName(inner.lowerBound..<nameEnd), attributes: nameEnd..<inner.upperBound, empty: empty)
        }
        return nil
    }

    /// Whether the bytes of `range` are `name`.
    func equals(_ range: Range<Int>, _ name: StaticString) -> Bool {
        guard range.count == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        for k in 0..<range.count where bytes[range.lowerBound + k] != expected[k] { return false }
        return true
    }

    /// The value of an attribute, by its local name, in a start tag's attribute bytes (as is,
    /// entities not undone).
    func attribute(_ name: StaticString, in range: Range<Int>) -> Range<Int>? {
        attributes(name, name, in: range).0
    }

    /// The values of two attributes, found in one pass over a start tag's attribute bytes.
    func attributes(_ first: StaticString, _ second: StaticString, in range: Range<Int>) -> (Range<Int>?, Range<Int>?) {
        var found: (Range<Int>?, Range<Int>?) = (nil, nil)
        var i = range.lowerBound
        while i < range.upperBound {
            while i < range.upperBound, isSpace(bytes[i]) { i += 1 }
            let nameStart = i
            while i < range.upperBound, bytes[i] != 0x3D, !isSpace(bytes[i]) { i += 1 }
            let attributeName = localName(nameStart..<i)
            while i < range.upperBound, bytes[i] != 0x22, bytes[i] != 0x27 { i += 1 }
            guard i < range.upperBound else { break }
            let quote = bytes[i]
            let valueStart = i + 1
            i = valueStart
            while i < range.upperBound, bytes[i] != quote { i += 1 }
            if found.0 == nil, equals(attributeName, first) {
                found.0 = valueStart..<i
            } else if found.1 == nil, equals(attributeName, second) {
                found.1 = valueStart..<i
            }
            i += 1
        }
        return found
    }

    /// The attribute's value as text, entities undone.
    func attributeText(_ name: StaticString, in range: Range<Int>) -> String? {
        guard let value = attribute(name, in: range) else { return nil }
        return XMLText.decode(UnsafeRawBufferPointer(rebasing: bytes[value])).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// The name after its prefix, if it has one.
    private func localName(_ range: Range<Int>) -> Range<Int> {
        var i = range.lowerBound
        while i < range.upperBound {
            if bytes[i] == 0x3A { return (i + 1)..<range.upperBound }
            i += 1
        }
        return range
    }

    /// The first place of a byte from `start` on (memchr: a sheet is mostly text between tags).
    private func index(of byte: UInt8, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    private func find(_ needle: StaticString, from start: Int) -> Int? {
        let length = needle.utf8CodeUnitCount
        let first = needle.utf8Start[0]
        var i = start
        while i + length <= bytes.count {
            if bytes[i] == first {
                var match = true
                for k in 1..<length where bytes[i + k] != needle.utf8Start[k] {
                    match = false
                    break
                }
                if match { return i }
            }
            i += 1
        }
        return nil
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}
