import Foundation

/// When the agent tests the link: a number of tests a school day, at random instants inside
/// school hours, one in each equal part of the hours (so they spread over the day and never
/// bunch), and not beyond a monthly data cap.
public struct TestSchedule: Sendable, Equatable {
    public var testsPerDay: Int
    /// ISO weekdays with school (1 = Monday).
    public var schoolDays: Set<Int>
    /// School hours in minutes after local midnight, end exclusive.
    public var startMinute: Int
    public var endMinute: Int
    /// Seconds a test lasts (a test must end inside the hours).
    public var testSeconds: Int
    /// Bytes a calendar month's tests may move in all (0: no cap).
    public var monthlyCapBytes: Int64

    public init(
        testsPerDay: Int = 4, schoolDays: Set<Int> = [1, 2, 3, 4, 5], startMinute: Int = 8 * 60,
        endMinute: Int = 17 * 60, testSeconds: Int = 10, monthlyCapBytes: Int64 = 0
    ) {
        self.testsPerDay = testsPerDay
        self.schoolDays = schoolDays
        self.startMinute = startMinute
        self.endMinute = endMinute
        self.testSeconds = testSeconds
        self.monthlyCapBytes = monthlyCapBytes
    }

    /// The test instants of a local day (seconds since the epoch), in order; none on a day
    /// without school. `utcOffsetSeconds` is the school's offset from UTC that day.
    public func times(
        onDayStartingAt midnight: Int64, weekday: Int, utcOffsetSeconds: Int,
        using random: inout some RandomNumberGenerator
    ) -> [Int64] {
        guard schoolDays.contains(weekday), testsPerDay > 0 else { return [] }
        let start = midnight - Int64(utcOffsetSeconds) + Int64(startMinute * 60)
        // The last moment a test may start and still end in the hours.
        let span = Int64((endMinute - startMinute) * 60 - testSeconds)
        guard span > 0 else { return [] }
        let part = span / Int64(testsPerDay)
        return (0..<Int64(testsPerDay)).map { index in
            start + index * part + Int64.random(in: 0..<max(part, 1), using: &random)
        }
    }

    /// Whether a test of about `nextBytes` still fits in the month, with `usedBytes` spent.
    public func allows(usedBytes: Int64, nextBytes: Int64) -> Bool {
        monthlyCapBytes == 0 || usedBytes + nextBytes <= monthlyCapBytes
    }
}
