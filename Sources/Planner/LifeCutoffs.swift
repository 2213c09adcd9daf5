import InventoryModel

/// Whether assets' expected lives ended before a day, one comparison per asset.
///
/// An asset's life ends on its purchase day plus its whole years plus the fraction of a year in
/// days. That end grows with the purchase day, so for each life there is a first purchase day
/// whose life has not ended before the day: every asset bought earlier is past its life. The
/// cutoffs of the plan's default lives are worked out once; lives that assets state themselves
/// are worked out when first met and kept.
struct LifeCutoffs {
    let day: CalendarDate
    private let defaults: [CalendarDate]
    private var own: [Double: CalendarDate] = [:]

    /// Cutoffs for lives ending before `day` under a plan's default lives.
    init(plan: Plan, day: CalendarDate) {
        self.day = day
        defaults = AssetCategory.allCases.map { LifeCutoffs.cutoff(life: plan.expectedLifeYears[$0] ?? 8, day: day) }
    }

    /// Whether an asset bought on `purchased` with this category and own life (nil: the plan's)
    /// was past its life before the day.
    @inline(__always)
    mutating func isPastLife(purchased: CalendarDate, category: AssetCategory, life: Double?) -> Bool {
        guard let life else { return purchased < defaults[category.ordinal] }
        if let cutoff = own[life] { return purchased < cutoff }
        let cutoff = LifeCutoffs.cutoff(life: life, day: day)
        own[life] = cutoff
        return purchased < cutoff
    }

    /// The last day of a life of `life` years from `purchased`.
    static func lifeEnd(_ purchased: CalendarDate, life: Double) -> CalendarDate {
        let whole = Int(life.rounded(.down))
        return purchased.adding(years: whole).adding(days: Int(((life - Double(whole)) * 365.25).rounded()))
    }

    /// The first purchase day whose life of `life` years has not ended before `day`.
    static func cutoff(life: Double, day: CalendarDate) -> CalendarDate {
        let whole = Int(life.rounded(.down))
        var candidate = day.adding(days: -Int(((life - Double(whole)) * 365.25).rounded())).adding(years: -whole)
            .adding(days: -4)
        while lifeEnd(candidate, life: life) < day { candidate = candidate.adding(days: 1) }
        return candidate
    }
}
