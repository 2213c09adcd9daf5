/// An instant with the UTC offset it was written with, as in `2026-11-24T09:15:00+08:00`.
///
/// The offset is kept so that an exported file shows the times the probe wrote; comparisons
/// use the instant alone.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var millisecondsSinceEpoch: Int64
    /// The offset from UTC the time was written with, in minutes (+480 for China).
    public var utcOffsetMinutes: Int16

    /// An instant from its milliseconds since the epoch and the offset to show it with.
    @inlinable
    public init(millisecondsSinceEpoch: Int64, utcOffsetMinutes: Int16 = 0) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Seconds since the epoch, as a floating-point number.
    public var secondsSinceEpoch: Double { Double(millisecondsSinceEpoch) / 1000 }

    /// Parses an ISO 8601 date-time with seconds and an offset (`Z` or `±HH:MM`), optionally with
    /// fractional seconds (kept to the millisecond); nil for anything else.
    public init?(iso text: String) {
        var text = text
        let parsed = text.withUTF8 { Timestamp(isoBytes: UnsafeRawBufferPointer($0)) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses an ISO 8601 date-time from UTF-8 bytes; see ``init(iso:)``.
    @inlinable
    public init?(isoBytes b: UnsafeRawBufferPointer) {
        guard b.count >= 20, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let date = CalendarDate(isoBytes: UnsafeRawBufferPointer(rebasing: b[0..<10])),
            let hour = CalendarDate.twoDigits(b, 11), hour < 24,
            let minute = CalendarDate.twoDigits(b, 14), minute < 60,
            let second = CalendarDate.twoDigits(b, 17), second < 60
        else { return nil }
        var i = 19
        var millis = 0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 100
            let start = i
            while i < b.count, let digit = CalendarDate.digits(b, i, 1) {
                millis += digit * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == UInt8(ascii: "Z") {
            guard i + 1 == b.count else { return nil }
        } else {
            guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 == b.count,
                b[i + 3] == UInt8(ascii: ":"),
                let oh = CalendarDate.twoDigits(b, i + 1), oh <= 18,
                let om = CalendarDate.twoDigits(b, i + 4), om < 60
            else { return nil }
            offset = (oh * 60 + om) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        }
        let localSeconds =
            Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        millisecondsSinceEpoch = (localSeconds - Int64(offset * 60)) * 1000 + Int64(millis)
        utcOffsetMinutes = Int16(offset)
    }

    /// The local date and seconds after local midnight of this instant at a UTC offset.
    public func local(utcOffsetSeconds: Int) -> (date: CalendarDate, secondOfDay: Int) {
        let seconds =
            Int64((millisecondsSinceEpoch - ((millisecondsSinceEpoch % 1000) + 1000) % 1000) / 1000)
            + Int64(utcOffsetSeconds)
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return (CalendarDate(daysSinceEpoch: Int32(day)), Int(seconds - day * 86_400))
    }

    /// ISO 8601 at the offset it was written with: `2026-11-24T09:15:00+08:00`.
    public var description: String {
        let (date, secondOfDay) = local(utcOffsetSeconds: Int(utcOffsetMinutes) * 60)
        var text =
            date.description + "T" + CalendarDate.pad(secondOfDay / 3600, 2) + ":"
            + CalendarDate.pad(secondOfDay / 60 % 60, 2) + ":" + CalendarDate.pad(secondOfDay % 60, 2)
        let millis = Int(((millisecondsSinceEpoch % 1000) + 1000) % 1000)
        if millis != 0 { text += "." + CalendarDate.pad(millis, 3) }
        if utcOffsetMinutes == 0 { return text + "Z" }
        let offset = abs(Int(utcOffsetMinutes))
        return text + (utcOffsetMinutes < 0 ? "-" : "+") + CalendarDate.pad(offset / 60, 2) + ":"
            + CalendarDate.pad(offset % 60, 2)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}
