import InventoryModel

/// Excel's date serials (the 1900 date system): whole days, where 1 is 1900-01-01 and 60 is the
/// 29 February 1900 that Lotus 1-2-3 believed in and Excel keeps for its sake.
enum ExcelDate {
    /// 1899-12-30 as a ``CalendarDate``: serial 0 for every day from 1900-03-01 on.
    private static let base = CalendarDate(year: 1899, month: 12, day: 30)!

    /// The serial of a day.
    static func serial(_ date: CalendarDate) -> Int {
        let days = Int(date.daysSinceEpoch - base.daysSinceEpoch)
        // Before 1900-03-01 (serial 61) there is no phantom 29 February to step over.
        return days < 61 ? days - 1 : days
    }

    /// The day of a serial, its fraction of a day (a time) dropped; nil for none or before 1900.
    static func date(serial: Double) -> CalendarDate? {
        guard serial.isFinite, serial >= 1, serial < 1e7 else { return nil }
        let whole = Int(serial.rounded(.down))
        if whole == 60 { return nil }  // 1900-02-29 never was
        return base.adding(days: whole < 60 ? whole + 1 : whole)
    }
}
