import InventoryModel

/// Calendar arithmetic on day counts held in `Int64`, for the planners: a life of any length
/// added to any purchase day, or the 1 January after year 9999, is a number here and never a trap.
///
/// `CalendarDate` holds its days in an `Int32` and builds dates of years 1...9999 only; the
/// planners compute in these counts and make a `CalendarDate` at the end with ``date(_:)``,
/// which holds the result at the ends of the `Int32` range.
enum CivilDays {
    /// Days since 1970-01-01 of a day of the proleptic Gregorian calendar, any year
    /// (Howard Hinnant's days_from_civil). `day` may exceed the month's length; it runs on.
    static func days(year: Int64, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month <= 2 ? month + 9 : month - 3)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The year, month and day of a day count (Howard Hinnant's civil_from_days).
    static func parts(_ days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 1 January of a year.
    static func januaryFirst(_ year: Int64) -> Int64 { days(year: year, month: 1, day: 1) }

    /// A day moved by whole years; 29 February becomes 28 February in a common year.
    ///
    /// - Precondition: `years` within ±100 million, which ``Lives/clamped(_:)`` ensures.
    static func adding(years: Int64, to days: Int64) -> Int64 {
        let (y, m, d) = parts(days)
        let year = y + years
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let last = m == 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].contains(m) ? 30 : 31
        return CivilDays.days(year: year, month: m, day: min(d, last))
    }

    /// A date of a day count, held at the first or last day `CalendarDate` can hold.
    static func date(_ days: Int64) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int32(clamping: days))
    }

    /// The day count of a date.
    @inline(__always)
    static func of(_ date: CalendarDate) -> Int64 { Int64(date.daysSinceEpoch) }
}

extension CalendarDate {
    /// This date moved by a number of days, held at the ends of the dates `CalendarDate` holds
    /// instead of trapping.
    func addingClamped(days: Int64) -> CalendarDate {
        let (sum, overflow) = Int64(daysSinceEpoch).addingReportingOverflow(days)
        return CivilDays.date(overflow ? (days > 0 ? .max : .min) : sum)
    }
}

/// Expected lives as the planners compute with them.
enum Lives {
    /// Lives beyond this many years end after every day a `CalendarDate` holds (its `Int32` of
    /// days spans about 11.8 million years).
    static let maxYears = 20_000_000.0

    /// A life of years made safe to compute with: NaN and negative lives are 0 (ended at
    /// purchase), lives above ``maxYears`` (1e19, infinity) are ``maxYears``.
    static func clamped(_ life: Double) -> Double {
        life.isNaN ? 0 : min(max(life, 0), maxYears)
    }

}
