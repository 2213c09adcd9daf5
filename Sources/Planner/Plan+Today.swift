import Foundation
import InventoryModel

extension Plan {
    /// Today's date in the plan's time zone: the default as-of day.
    public var today: CalendarDate { Self.today(inTimeZone: timeZone) }

    /// Today's date in a time zone (the plan's, read alone).
    public static func today(inTimeZone timeZone: String) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

extension Plan {
    /// 00:00 of a day in the plan's time zone, in milliseconds since the epoch.
    public func localMidnightMs(_ day: CalendarDate) -> Int64 {
        PlanClock.localMidnightMs(day, TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!)
    }

    /// The plan's time zone's offset from UTC at an instant, in seconds.
    public func utcOffsetSeconds(atMs time: Int64) -> Int {
        (TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!)
            .secondsFromGMT(for: Date(timeIntervalSince1970: Double(time) / 1000))
    }
}
