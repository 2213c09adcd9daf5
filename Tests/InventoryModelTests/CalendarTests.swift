import InventoryModel
import Testing

@Suite("Dates and times")
struct CalendarTests {
    /// Days since the epoch round-trip through their parts, across leap years and the epoch.
    @Test(arguments: ["1970-01-01", "1969-12-31", "2000-02-29", "2024-12-31", "2026-11-24", "2100-03-01"])
    func dateRoundTrip(_ text: String) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.description == text)
        #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
    }

    /// Every day of two whole 400-year cycles of the calendar, and of the first and last
    /// centuries, turns into its day count and back (the two directions are separate formulas),
    /// one day after the other; three days anchor the counts.
    @Test(arguments: [1...400, 1601...2400, 9600...9999])
    func everyDayRoundTrips(_ years: ClosedRange<Int>) {
        #expect(CalendarDate(year: 1, month: 1, day: 1)?.daysSinceEpoch == -719_162)
        #expect(CalendarDate(iso: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(CalendarDate(year: 9999, month: 12, day: 31)?.daysSinceEpoch == 2_932_896)
        var expected = CalendarDate(year: years.lowerBound, month: 1, day: 1)!.daysSinceEpoch
        for year in years {
            for month in 1...12 {
                // The month's days, until the first that does not exist.
                var days = 0
                for day in 1...31 {
                    guard let date = CalendarDate(year: year, month: month, day: day) else { break }
                    if date.daysSinceEpoch != expected || date.parts != (year, month, day) {
                        Issue.record("\(year)-\(month)-\(day): \(date.daysSinceEpoch), expected \(expected)")
                        return
                    }
                    expected += 1
                    days += 1
                }
                let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
                #expect(days == [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1])
            }
        }
    }

    /// Impossible days and other shapes are refused.
    @Test(arguments: [
        "2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "", "2026-01-32",
    ])
    func badDates(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    /// Weekdays follow ISO 8601: 2026-11-23 is a Monday, 1970-01-01 a Thursday.
    @Test func weekdays() {
        #expect(CalendarDate(iso: "2026-11-23")!.isoWeekday == 1)
        #expect(CalendarDate(iso: "2026-11-29")!.isoWeekday == 7)
        #expect(CalendarDate(iso: "1970-01-01")!.isoWeekday == 4)
    }

    /// Adding years keeps the day, and 29 February falls back to the 28th.
    @Test func addingYears() {
        #expect(CalendarDate(iso: "2024-02-29")!.adding(years: 1).description == "2025-02-28")
        #expect(CalendarDate(iso: "2020-06-15")!.adding(years: 8).description == "2028-06-15")
        // A report as of year 1 looks back past the calendar's start: the year stops at 1 (and 9999).
        #expect(CalendarDate(year: 5, month: 3, day: 1)!.adding(years: -20).description == "0001-03-01")
        #expect(CalendarDate(year: 9990, month: 3, day: 1)!.adding(years: 20).description == "9999-03-01")
    }

    /// A date read from outside falls in 1900-2200: years beyond mean a typo (or an attack), and
    /// every sum of days or years from a date in range stays a date.
    @Test func readableYears() {
        #expect(CalendarDate(iso: "1900-01-01") != nil && CalendarDate(iso: "2200-12-31") != nil)
        #expect(CalendarDate(iso: "1899-12-31") == nil && CalendarDate(iso: "2201-01-01") == nil)
        #expect(CalendarDate(iso: "9999-12-31") == nil && CalendarDate(iso: "0001-01-01") == nil)
        #expect(Timestamp(iso: "9999-12-31T23:59:59Z") == nil)
    }

    /// A timestamp keeps its instant and the offset it was written with.
    @Test func timestampOffsets() throws {
        let local = try #require(Timestamp(iso: "2026-11-24T09:15:00+08:00"))
        let utc = try #require(Timestamp(iso: "2026-11-24T01:15:00Z"))
        #expect(local.millisecondsSinceEpoch == utc.millisecondsSinceEpoch)
        #expect(local.description == "2026-11-24T09:15:00+08:00")
        #expect(utc.description == "2026-11-24T01:15:00Z")
        #expect(Timestamp(iso: "2026-11-24T09:15:00.250-03:30")!.description == "2026-11-24T09:15:00.250-03:30")
        let (day, second) = local.local(utcOffsetSeconds: 8 * 3600)
        #expect(day.description == "2026-11-24" && second == 9 * 3600 + 15 * 60)
    }

    /// Timestamps without an offset or with impossible times are refused.
    @Test(arguments: [
        "2026-11-24T09:15:00", "2026-11-24T24:00:00Z", "2026-11-24T09:61:00Z", "2026-11-24", "2026-11-24T09:15:00+8:00",
    ])
    func badTimestamps(_ text: String) {
        #expect(Timestamp(iso: text) == nil)
    }

    /// A contract is in force on both its first and its last day, and open ends are open.
    @Test func contractInForce() {
        let day = CalendarDate(iso: "2026-11-24")!
        func link(_ start: String?, _ end: String?) -> SchoolLink {
            SchoolLink(
                linkID: "L", schoolCode: "S", provider: "P", downMbps: 1, upMbps: 1,
                contractStart: start.flatMap(CalendarDate.init(iso:)), contractEnd: end.flatMap(CalendarDate.init(iso:))
            )
        }
        #expect(link("2026-11-24", nil).isInForce(on: day))
        #expect(link(nil, "2026-11-24").isInForce(on: day))
        #expect(link(nil, nil).isInForce(on: day))
        #expect(!link("2026-11-25", nil).isInForce(on: day))
        #expect(!link(nil, "2026-11-23").isInForce(on: day))
    }
}
