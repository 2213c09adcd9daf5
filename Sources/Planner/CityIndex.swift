import Dispatch
import Foundation
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
    /// Assets of no school (the metro network, the data centre).
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
        var schoolIndex: [String: Int32] = [:]
        schoolIndex.reserveCapacity(inventory.schools.count)
        for (index, school) in inventory.schools.enumerated() { schoolIndex[school.code] = Int32(index) }
        let codes = schoolIndex
        let count = inventory.schools.count
        // The three lists are grouped at once, one a core.
        let groups = Slots(count: 3, initial: Groups(start: [], rows: []))
        DispatchQueue.concurrentPerform(iterations: 3) { list in
            switch list {
            case 0:
                groups.set(0, CityIndex.group(inventory.links, schools: count, codes: codes) { $0.pointee.schoolCode })
            case 1:
                groups.set(1, CityIndex.group(inventory.assets, schools: count, codes: codes) { $0.pointee.schoolCode })
            default:
                groups.set(
                    2, CityIndex.group(inventory.measurements, schools: count, codes: codes) { $0.pointee.schoolCode })
            }
        }
        let grouped = groups.values
        (links, assets, measurements) = (grouped[0], grouped[1], grouped[2])
        var city: [Int32] = []
        inventory.assets.withUnsafeBufferPointer { buffer in
            for index in buffer.indices where (buffer.baseAddress! + index).pointee.schoolCode == nil {
                city.append(Int32(index))
            }
        }
        cityAssets = city
    }

    /// Groups rows by the school they name; rows are read in place, not copied out.
    private static func group<Row>(
        _ rows: [Row], schools: Int, codes: [String: Int32], code: (UnsafePointer<Row>) -> String?
    ) -> Groups {
        var owner = [Int32](repeating: -1, count: rows.count)
        var counts = [Int32](repeating: 0, count: schools + 1)
        var lastCode = ""
        var lastOwner: Int32 = -1
        rows.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                guard let code = code(buffer.baseAddress! + index) else { continue }
                if code != lastCode {
                    lastCode = code
                    lastOwner = codes[code] ?? -1
                }
                owner[index] = lastOwner
                if lastOwner >= 0 { counts[Int(lastOwner) + 1] += 1 }
            }
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
