import Foundation
import InventoryFormat

/// Writing to the terminal: messages to standard error, progress only when a person watches.
enum Terminal {
    /// Whether standard error is a terminal (progress lines would garble a log file).
    static let isInteractive = isatty(STDERR_FILENO) == 1

    /// Writes a line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints issues as `error:` lines, warnings as `warning:` lines.
    static func report(_ issues: [InventoryIssue], as label: String) {
        for issue in issues { error("\(label): \(issue)") }
    }

    /// A progress callback that redraws one line on a terminal, and nil elsewhere.
    static func progress(_ label: String) -> (@Sendable (Int, Int) -> Void)? {
        guard isInteractive else { return nil }
        return { done, total in
            let percent = total == 0 ? 100 : done * 100 / total
            let line = "\r\(label) \(grouped(done)) / \(grouped(total)) rows (\(percent)%)"
            FileHandle.standardError.write(Data((done == total ? line + "\n" : line).utf8))
        }
    }

    /// A callback that shows which file is being read, on a terminal only; the line is cleared
    /// when the next output starts.
    static func fileProgress() -> (@Sendable (String, Int) -> Void)? {
        guard isInteractive else { return nil }
        return { name, bytes in
            let line = "\rreading \(name) (\(decimal(Double(bytes) / 1e6)) MB)"
            FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        }
    }

    /// Clears a progress line left on the terminal.
    static func clearProgress() {
        if isInteractive { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return value < 0 ? "-" + out : out
    }

    /// A number with at most `digits` decimals and grouped thousands.
    static func decimal(_ value: Double, digits: Int = 1) -> String {
        let whole = Int(value.rounded(.towardZero))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let fraction = Int((abs(value - Double(whole)) * scale).rounded())
        if digits == 0 || fraction == 0 { return grouped(Int(value.rounded())) }
        if Double(fraction) >= scale { return grouped(whole + (value < 0 ? -1 : 1)) }
        let text = String(fraction)
        return grouped(whole) + "." + String(repeating: "0", count: digits - text.count) + text
    }
}

/// Standard output written with `write(2)` directly, in pieces of any size; the first failure
/// (a full disk, a closed pipe) stops further writes and is thrown by ``finish()``.
struct StandardOutput {
    private var failure: Int32?

    mutating func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written >= 0 {
                    offset += written
                } else if errno != EINTR {
                    failure = errno
                    return
                }
            }
        }
    }

    /// Exits with status 2 after a failed write.
    func finish() throws {
        guard let failure else { return }
        Terminal.error("error: cannot write the output: \(String(cString: strerror(failure)))")
        throw badInputExitCode
    }
}
