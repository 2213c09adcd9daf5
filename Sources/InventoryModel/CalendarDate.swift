/// A day of the proleptic Gregorian calendar, without a time or a time zone.
///
/// Stored as the count of days since 1970-01-01 so that comparison and arithmetic are integer
/// operations; the plan's time zone decides which day an instant falls on, never this type.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int32

    /// A date from its day count since 1970-01-01.
    @inlinable
    public init(daysSinceEpoch: Int32) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// A date from its parts, or nil when the parts name no real day (2026-02-30).
    @inlinable
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.daysSinceEpoch = Int32(CalendarDate.days(year: year, month: month, day: day))
    }

    /// The years a date read from a file, a request or a command line may fall in. Nothing the
    /// plan speaks of lies outside them, and every sum of days or years from one stays far
    /// from the ends of the arithmetic.
    public static let readableYears = 1900...2200

    /// The first and last days a date read from outside may be, as words for errors.
    public static let readableRange = "1900-01-01 to 2200-12-31"

    /// Parses `YYYY-MM-DD` in ``readableYears``; nil for anything else.
    public init?(iso text: String) {
        var text = text
        let parsed = text.withUTF8 { CalendarDate(isoBytes: UnsafeRawBufferPointer($0)) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses `YYYY-MM-DD` in ``readableYears`` from UTF-8 bytes; nil for anything else.
    @inlinable
    public init?(isoBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let high = CalendarDate.twoDigits(bytes, 0), let low = CalendarDate.twoDigits(bytes, 2),
            let month = CalendarDate.twoDigits(bytes, 5),
            let day = CalendarDate.twoDigits(bytes, 8)
        else { return nil }
        let year = high * 100 + low
        guard year >= 1900, year <= 2200 else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The year, month and day of this date.
    public var parts: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The year of this date.
    public var year: Int { parts.year }

    /// Day of the week, 1 = Monday ... 7 = Sunday (ISO 8601).
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let d = (Int(daysSinceEpoch) + 3) % 7
        return (d < 0 ? d + 7 : d) + 1
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = parts
        return CalendarDate.pad(y, 4) + "-" + CalendarDate.pad(m, 2) + "-" + CalendarDate.pad(d, 2)
    }

    /// This date moved by a number of days.
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + Int32(days))
    }

    /// This date moved by whole years; 29 February becomes 28 February in a common year. The
    /// year stays within 1...9999 (a cutoff twenty years before 0005-01-01 is 0001-01-01).
    public func adding(years: Int) -> CalendarDate {
        let (y, m, d) = parts
        let year = min(max(y + years, 1), 9999)
        return CalendarDate(year: year, month: m, day: min(d, CalendarDate.daysIn(month: m, year: year)))!
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    /// Days from 1970-01-01 to the given civil date of years 1...9999 (Howard Hinnant's
    /// days_from_civil; with no year below 0 the 400-year eras fold into the leap-day terms,
    /// and every division is of a non-negative number by a constant).
    @inlinable
    static func days(year: Int, month: Int, day: Int) -> Int {
        // Years start on 1 March, so that the leap day ends the year.
        let y = UInt(bitPattern: month <= 2 ? year - 1 : year)
        let mp = UInt(bitPattern: month <= 2 ? month + 9 : month - 3)
        let doy = (153 * mp + 2) / 5 + UInt(bitPattern: day) - 1
        return Int(bitPattern: y * 365 + y / 4 - y / 100 + y / 400 + doy) - 719_468
    }

    @inlinable
    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The two decimal digits at `start`: straight-line code, where ``digits(_:_:_:)`` loops.
    @inlinable @inline(__always)
    static func twoDigits(_ bytes: UnsafeRawBufferPointer, _ start: Int) -> Int? {
        let tens = bytes[start] &- 48
        let ones = bytes[start + 1] &- 48
        guard tens <= 9, ones <= 9 else { return nil }
        return Int(tens) * 10 + Int(ones)
    }

    @inlinable
    static func digits(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<(start + count) {
            let digit = Int(bytes[i]) &- 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
