/// Where a city's inventory is kept.
///
/// One protocol for every backend (SQLite embedded, PostgreSQL shared) so the commands and the
/// service do not know which one they talk to. Every write is all or nothing.
public protocol InventoryStore: Sendable {
    /// Replaces the whole city with `inventory` in one transaction: afterwards the store holds
    /// exactly this inventory, or, when anything fails, exactly what it held before.
    ///
    /// - Parameter progress: called now and then with rows written and rows in all.
    func replaceInventory(with inventory: Inventory, progress: (@Sendable (Int, Int) -> Void)?) async throws

    /// The whole city, in canonical order (``Inventory/canonical``).
    func loadInventory() async throws -> Inventory

    /// Whether the store holds no city yet.
    func isEmpty() async throws -> Bool
}
