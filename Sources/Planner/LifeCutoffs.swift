import InventoryModel

/// Whether assets' expected lives ended before a day, one comparison per asset.
///
/// An asset's life ends on its purchase day plus its whole years plus the fraction of a year in
/// days. That end grows with the purchase day, so for each life there is a first purchase day
/// whose life has not ended before the day: every asset bought earlier is past its life. The
/// cutoffs of the plan's default lives are worked out once; lives that assets state themselves
/// are worked out when first met and kept.
///
/// Days are `Int64` counts (``CivilDays``) and lives are clamped (``Lives/clamped(_:)``), so a
/// life of 1e19 years or a day after year 9999 is arithmetic, not a trap.
struct LifeCutoffs {
    let day: CalendarDate
    private let defaults: [Int64]
    private var own: [Double: Int64] = [:]

    /// Cutoffs for lives ending before `day` under a plan's default lives.
    init(plan: Plan, day: CalendarDate) {
        self.day = day
        let end = CivilDays.of(day)
        defaults = AssetCategory.allCases.map {
            LifeCutoffs.cutoff(life: plan.expectedLifeYears[$0] ?? 8, day: end)
        }
    }

    /// Whether an asset bought on `purchased` with this category and own life (nil: the plan's)
    /// was past its life before the day.
    @inline(__always)
    mutating func isPastLife(purchased: CalendarDate, category: AssetCategory, life: Double?) -> Bool {
        let bought = CivilDays.of(purchased)
        // NaN stands for no life of its own, as in `AssetFact` (and is no dictionary key).
        guard let life, !life.isNaN else { return bought < defaults[category.ordinal] }
        if let cutoff = own[life] { return bought < cutoff }
        let cutoff = LifeCutoffs.cutoff(life: life, day: CivilDays.of(day))
        own[life] = cutoff
        return bought < cutoff
    }

    /// The last day of a life of `life` years from `purchased`, as a day count.
    static func lifeEnd(_ purchased: Int64, life: Double) -> Int64 {
        let life = Lives.clamped(life)
        let whole = life.rounded(.down)
        return CivilDays.adding(years: Int64(whole), to: purchased) + Int64(((life - whole) * 365.25).rounded())
    }

    /// The last day of a life of `life` years from `purchased`, held within the dates
    /// `CalendarDate` holds.
    static func lifeEnd(_ purchased: CalendarDate, life: Double) -> CalendarDate {
        CivilDays.date(lifeEnd(CivilDays.of(purchased), life: life))
    }

    /// The first purchase day whose life of `life` years has not ended before `day`.
    ///
    /// - Complexity: O(1): the guess is a few days early at most (29 February, rounding), and
    ///   the life's end grows by at least a day a day.
    static func cutoff(life: Double, day: Int64) -> Int64 {
        let life = Lives.clamped(life)
        let whole = life.rounded(.down)
        var candidate =
            CivilDays.adding(years: -Int64(whole), to: day - Int64(((life - whole) * 365.25).rounded())) - 4
        while lifeEnd(candidate, life: life) < day { candidate += 1 }
        return candidate
    }
}
