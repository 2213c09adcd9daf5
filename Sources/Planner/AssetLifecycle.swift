import InventoryModel

/// Where an asset stands in its life on a day: age, expected life, warranty, book value.
public struct AssetLifecycle: Hashable, Sendable {
    public var ageYears: Double
    /// The asset's own expected life, else the plan's default for its category.
    public var expectedLifeYears: Double
    /// The last day of its expected life.
    public var lifeEnd: CalendarDate
    public var underWarranty: Bool
    /// Purchase cost written down in a straight line to zero at the end of its life.
    public var bookValueYuan: Double
    /// Whether its expected life ended before the day.
    public var isPastLife: Bool

    /// The asset's state on a day under a plan.
    public init(asset: Asset, plan: Plan, on day: CalendarDate) {
        let life = plan.expectedLife(of: asset)
        ageYears = max(0, Double(day.daysSinceEpoch - asset.purchaseDate.daysSinceEpoch) / 365.25)
        expectedLifeYears = life
        lifeEnd = LifeCutoffs.lifeEnd(asset.purchaseDate, life: life)
        underWarranty = asset.warrantyEnd.map { day <= $0 } ?? false
        bookValueYuan = asset.purchaseCostYuan * max(0, 1 - ageYears / life)
        isPastLife = lifeEnd < day
    }
}
