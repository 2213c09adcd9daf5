import InventoryModel

/// The inventory grouped by school, built once so that every evaluation reads each school's
/// links, assets and measurements as contiguous runs.
///
/// - Complexity: O(rows) to build: one code lookup per row (rows of one school usually follow
///   each other, and a repeated code is not looked up again) and a counting sort.
public struct CityIndex: Sendable {
    public let inventory: Inventory
    let links: Groups
    let assets: Groups
    let measurements: Groups
    /// Assets with no school (the metro network, the data centre).
    let cityAssets: [Int32]

    /// Rows of a list grouped by school: school `i` owns `rows[start[i]..<start[i + 1]]`.
    struct Groups: Sendable {
        var start: [Int32]
        var rows: [Int32]

        @inline(__always)
        func range(_ school: Int) -> Range<Int> { Int(start[school])..<Int(start[school + 1]) }
    }

    /// Groups an inventory. Rows naming an unknown school (which a checked folder never has) are
    /// left out of every school.
    public init(_ inventory: Inventory) {
        self.inventory = inventory
        var codes: [String: Int32] = [:]
        codes.reserveCapacity(inventory.schools.count)
        for (index, school) in inventory.schools.enumerated() { codes[school.code] = Int32(index) }
        let count = inventory.schools.count
        links = CityIndex.group(inventory.links, schools: count, codes: codes) { $0.schoolCode }
        measurements = CityIndex.group(inventory.measurements, schools: count, codes: codes) { $0.schoolCode }
        var city: [Int32] = []
        assets = CityIndex.group(inventory.assets, schools: count, codes: codes) { $0.schoolCode }
        for (row, asset) in inventory.assets.enumerated() where asset.schoolCode == nil { city.append(Int32(row)) }
        cityAssets = city
    }

    private static func group<Row>(
        _ rows: [Row], schools: Int, codes: [String: Int32], code: (Row) -> String?
    ) -> Groups {
        var owner = [Int32](repeating: -1, count: rows.count)
        var counts = [Int32](repeating: 0, count: schools + 1)
        var lastCode = ""
        var lastOwner: Int32 = -1
        for (index, row) in rows.enumerated() {
            guard let code = code(row) else { continue }
            if code != lastCode {
                lastCode = code
                lastOwner = codes[code] ?? -1
            }
            owner[index] = lastOwner
            if lastOwner >= 0 { counts[Int(lastOwner) + 1] += 1 }
        }
        for i in 0..<schools { counts[i + 1] += counts[i] }
        var next = counts
        var grouped = [Int32](repeating: 0, count: Int(counts[schools]))
        for (index, school) in owner.enumerated() where school >= 0 {
            grouped[Int(next[Int(school)])] = Int32(index)
            next[Int(school)] += 1
        }
        return Groups(start: counts, rows: grouped)
    }
}
