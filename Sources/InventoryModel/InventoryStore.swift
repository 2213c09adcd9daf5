/// Where a city's inventory is kept.
///
/// One protocol for every backend (SQLite embedded, PostgreSQL shared) so the commands and the
/// service do not know which one they talk to. Every write is all or nothing.
public protocol InventoryStore: Sendable {
    /// Replaces the whole city with `inventory` in one transaction: afterwards the store holds
    /// exactly this inventory (and, with ``MeasurementsOnImport/keep``, the measurements it
    /// held of schools the inventory still has), or, when anything fails, exactly what it held
    /// before.
    ///
    /// - Parameter progress: called now and then with rows written and rows in all.
    func replaceInventory(
        with inventory: Inventory, measurements: MeasurementsOnImport, progress: (@Sendable (Int, Int) -> Void)?
    ) async throws

    /// The whole city, in canonical order (``Inventory/canonical``).
    func loadInventory() async throws -> Inventory

    /// Whether the store holds no city yet.
    func isEmpty() async throws -> Bool
}

/// What an import of a whole city does with the measurements the store already holds.
public enum MeasurementsOnImport: Sendable {
    /// Keeps them (but those of schools the new city no longer has) and adds the folder's,
    /// skipping a result the store has already (same school, same id): the probes' uploads
    /// since the folder was exported are not lost.
    case keep
    /// Replaces them with the folder's.
    case replace
}
