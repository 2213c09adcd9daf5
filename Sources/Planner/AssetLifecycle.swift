import InventoryModel

/// Where an asset stands in its life on a day: age, expected life, warranty, book value.
public struct AssetLifecycle: Hashable, Sendable {
    public var ageYears: Double
    /// The asset's own expected life, else the plan's default for its category.
    public var expectedLifeYears: Double
    /// The last day of its expected life (the last day a `CalendarDate` holds for lives beyond it).
    public var lifeEnd: CalendarDate
    public var underWarranty: Bool
    /// Purchase cost written down in a straight line to zero at the end of its life.
    public var bookValueYuan: Double
    /// Whether its expected life ended before the day; never before its purchase date.
    public var isPastLife: Bool

    /// The asset's state on a day under a plan.
    public init(asset: Asset, plan: Plan, on day: CalendarDate) {
        let life = plan.expectedLife(of: asset)
        // In Int64: two Int32 day counts can be further apart than an Int32 holds.
        let days = CivilDays.of(day) - CivilDays.of(asset.purchaseDate)
        ageYears = max(0, Double(days) / 365.25)
        expectedLifeYears = life
        let end = LifeCutoffs.lifeEnd(CivilDays.of(asset.purchaseDate), life: life)
        lifeEnd = CivilDays.date(end)
        underWarranty = asset.warrantyEnd.map { day <= $0 } ?? false
        let usable = Lives.clamped(life)
        bookValueYuan = usable > 0 ? asset.purchaseCostYuan * max(0, 1 - ageYears / usable) : 0
        isPastLife = asset.exists(on: day) && end < CivilDays.of(day)
    }
}
