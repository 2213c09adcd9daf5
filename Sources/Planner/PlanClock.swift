import Foundation
import InventoryModel

/// The plan's calendar: the measurement window and school hours, in the plan's time zone.
struct PlanClock {
    /// First instant of the window (as_of - (window_days - 1) at 00:00 local), in ms since the epoch.
    let windowStartMs: Int64
    /// First instant after the window (as_of + 1 day at 00:00 local).
    let windowEndMs: Int64
    private let zone: TimeZone
    /// The zone's offset when it does not change inside the window (no daylight-saving switch).
    private let fixedOffsetSeconds: Int?
    private let schoolDays: [Bool]
    private let startMinute: Int
    private let endMinute: Int

    init(plan: Plan, asOf: CalendarDate) {
        zone = TimeZone(identifier: plan.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
        // Clamped: a window of any length from any day stays a day count, not a trap.
        let windowDays = Int64(min(max(plan.measurementWindowDays, -(1 << 40)), 1 << 40))
        let first = asOf.addingClamped(days: 1 - windowDays)
        windowStartMs = PlanClock.localMidnightMs(first, zone)
        windowEndMs = PlanClock.localMidnightMs(asOf.addingClamped(days: 1), zone)
        let startOffset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(windowStartMs) / 1000))
        let endOffset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(windowEndMs) / 1000 - 1))
        fixedOffsetSeconds = startOffset == endOffset ? startOffset : nil
        var days = Array(repeating: false, count: 8)
        for day in plan.schoolDays where days.indices.contains(day) { days[day] = true }
        schoolDays = days
        startMinute = plan.schoolHoursStartMinute
        endMinute = plan.schoolHoursEndMinute
    }

    /// Whether an instant falls in the window.
    @inline(__always)
    func inWindow(millisecondsSinceEpoch time: Int64) -> Bool {
        time >= windowStartMs && time < windowEndMs
    }

    /// Whether an instant falls in school hours: a school day, from the start (inclusive) to the
    /// end (exclusive) of the day's hours, in the plan's time zone.
    func inSchoolHours(_ time: Timestamp) -> Bool {
        let offset =
            fixedOffsetSeconds ?? zone.secondsFromGMT(for: Date(timeIntervalSince1970: time.secondsSinceEpoch))
        let (day, second) = time.local(utcOffsetSeconds: offset)
        let minute = second / 60
        return schoolDays[day.isoWeekday] && minute >= startMinute && minute < endMinute
    }

    /// 00:00 of a day in a zone, as ms since the epoch.
    static func localMidnightMs(_ day: CalendarDate, _ zone: TimeZone) -> Int64 {
        let utcMidnight = Int64(day.daysSinceEpoch) * 86_400
        // The offset at local midnight; a second guess settles days that start with a switch.
        var offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcMidnight)))
        offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utcMidnight - Int64(offset))))
        return (utcMidnight - Int64(offset)) * 1000
    }
}
