/// The kinds of record an inventory holds, one a file of the interchange folder and one a table
/// of the store. The raw value is the name the HTTP API uses for the collection.
public enum InventoryTable: String, CaseIterable, Sendable {
    case schools, links, assets, egress, storage, districts, measurements
}
