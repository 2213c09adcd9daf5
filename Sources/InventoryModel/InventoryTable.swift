/// The kinds of record an inventory holds, one a file of the interchange folder and one a table
/// of the store. The raw value is the name the HTTP API uses for the collection.
public enum InventoryTable: String, CaseIterable, Sendable {
    case schools, links, assets, egress, storage, districts, measurements

    /// The columns of its interchange file that name a record: one, or two for storage readings
    /// (pool and day) and measurements (a probe's own id is unique within its school only, so
    /// that no school's probe can ever take another school's result id).
    public var keyColumns: [String] {
        switch self {
        case .schools: ["code"]
        case .links, .egress: ["link_id"]
        case .assets: ["asset_tag"]
        case .storage: ["pool", "as_of"]
        case .districts: ["district"]
        case .measurements: ["school_code", "id"]
        }
    }
}
