#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns GB18030 text (what Excel on Chinese Windows saves a CSV file as) into UTF-8 with the C
/// library's iconv; the one place this module calls C. The handle is closed in `deinit`.
final class GB18030Decoder {
    private let handle: iconv_t

    /// Nil when the C library has no GB18030 converter.
    init?() {
        let opened = iconv_open("UTF-8", "GB18030")
        guard let opened, opened != iconv_t(bitPattern: -1) else { return nil }
        handle = opened
    }

    deinit { iconv_close(handle) }

    /// The bytes as UTF-8; nil when they are not GB18030 throughout (a byte no GB18030 character
    /// starts or continues with, or a character cut off at the end).
    func utf8(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        // A GB18030 character of two bytes is at most three in UTF-8, of four bytes four.
        let capacity = bytes.count + bytes.count / 2 + 16
        var output = [UInt8](repeating: 0, count: capacity)
        let written = output.withUnsafeMutableBufferPointer { out -> Int? in
            guard let outBase = out.baseAddress else { return 0 }
            var inPointer: UnsafeMutablePointer<CChar>? = bytes.baseAddress.map {
                UnsafeMutableRawPointer(mutating: $0).assumingMemoryBound(to: CChar.self)
            }
            var inLeft = bytes.count
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase)
                .assumingMemoryBound(to: CChar.self)
            var outLeft = capacity
            // iconv reads but does not write the input, whatever its C signature says.
            if inLeft > 0, iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { return nil }
            // The end of the input: a character cut off there is an error, not text.
            guard iconv(handle, nil, nil, &outPointer, &outLeft) != -1 else { return nil }
            return capacity - outLeft
        }
        // Reset the converter's state for the next file, whatever happened to this one.
        iconv(handle, nil, nil, nil, nil)
        guard let written else { return nil }
        output.removeSubrange(written...)
        return output
    }
}
