import InventoryModel

extension InventoryTable {
    /// The table's file in the interchange folder, e.g. `schools.csv`.
    public var fileName: String {
        switch self {
        case .schools: SchoolsFile.name
        case .links: LinksFile.name
        case .assets: AssetsFile.name
        case .egress: EgressFile.name
        case .storage: StorageFile.name
        case .districts: DistrictsFile.name
        case .measurements: MeasurementsFile.name
        }
    }

    /// The table's file by name, e.g. `links.csv`.
    public init?(fileName: String) {
        guard let table = Self.allCases.first(where: { $0.fileName == fileName }) else { return nil }
        self = table
    }

    /// How many records of this table the inventory holds.
    public func count(in inventory: Inventory) -> Int {
        switch self {
        case .schools: inventory.schools.count
        case .links: inventory.links.count
        case .assets: inventory.assets.count
        case .egress: inventory.egressLinks.count
        case .storage: inventory.storageReadings.count
        case .districts: inventory.districts.count
        case .measurements: inventory.measurements.count
        }
    }

    /// Each of the table's records in the inventory as the cells of its CSV row, in header order:
    /// the exporter's text for every value, blank for none.
    public func rows(of inventory: Inventory) -> [[String]] {
        switch self {
        case .schools: inventory.schools.map(SchoolsFile.cells)
        case .links: inventory.links.map(LinksFile.cells)
        case .assets: inventory.assets.map(AssetsFile.cells)
        case .egress: inventory.egressLinks.map(EgressFile.cells)
        case .storage: inventory.storageReadings.map(StorageFile.cells)
        case .districts: inventory.districts.map(DistrictsFile.cells)
        case .measurements: inventory.measurements.map(MeasurementsFile.cells)
        }
    }

    /// Calls `body` with each of the table's records in the inventory as the cells of its CSV
    /// row, one at a time (``rows(of:)`` without holding them all).
    public func forEachRow(of inventory: Inventory, _ body: ([String]) throws -> Void) rethrows {
        switch self {
        case .schools: for record in inventory.schools { try body(SchoolsFile.cells(record)) }
        case .links: for record in inventory.links { try body(LinksFile.cells(record)) }
        case .assets: for record in inventory.assets { try body(AssetsFile.cells(record)) }
        case .egress: for record in inventory.egressLinks { try body(EgressFile.cells(record)) }
        case .storage: for record in inventory.storageReadings { try body(StorageFile.cells(record)) }
        case .districts: for record in inventory.districts { try body(DistrictsFile.cells(record)) }
        case .measurements: for record in inventory.measurements { try body(MeasurementsFile.cells(record)) }
        }
    }

    /// The table's file of the inventory's records, as the exporter writes it.
    public func csv(of inventory: Inventory) -> [UInt8] {
        switch self {
        case .schools: SchoolsFile.write(inventory.schools)
        case .links: LinksFile.write(inventory.links)
        case .assets: AssetsFile.write(inventory.assets)
        case .egress: EgressFile.write(inventory.egressLinks)
        case .storage: StorageFile.write(inventory.storageReadings)
        case .districts: DistrictsFile.write(inventory.districts)
        case .measurements: MeasurementsFile.write(inventory.measurements)
        }
    }
}
