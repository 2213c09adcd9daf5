import Dispatch
import Foundation
import InventoryModel

/// The inventory grouped by school, built once so that every evaluation reads each school's
/// links, assets and measurements as contiguous runs.
///
/// Assets and measurements are also laid out as compact facts (the few fields the rules read),
/// in school order: the rules then stream through a few bytes a row instead of whole records.
///
/// - Complexity: O(rows) to build: one code lookup per row (rows of one school usually follow
///   each other, and a repeated code is not looked up again) and a counting sort.
public struct CityIndex: Sendable {
    public let inventory: Inventory
    let links: Groups
    let assets: Groups
    let measurements: Groups
    /// The facts of `assets.rows`, in the same order.
    let assetFacts: [AssetFact]
    /// The facts of `measurements.rows`, in the same order.
    let measurementFacts: [MeasurementFact]

    /// What the rules read of an asset.
    struct AssetFact: Sendable {
        var purchaseDate: CalendarDate
        var category: AssetCategory
        var status: AssetStatus
        /// The asset's own expected life, or NaN for the plan's default.
        var expectedLifeYears: Double
        var purchaseCostYuan: Double
    }

    /// What the rules read of a measurement.
    struct MeasurementFact: Sendable {
        var startedAtMs: Int64
        var mbps: Double
        /// Goodput plus cross-traffic (for tests).
        var capacityMbps: Double
        var kind: MeasurementKind
        var valid: Bool
    }
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
        let groups = Slots(count: 3, initial: (Groups(start: [], rows: []), unowned: [Int32]()))
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
        (links, assets, measurements) = (grouped[0].0, grouped[1].0, grouped[2].0)
        cityAssets = grouped[1].unowned
        let assetRows = assets.rows
        let measurementRows = measurements.rows
        let facts = Slots(count: 2, initial: (assets: [AssetFact](), measurements: [MeasurementFact]()))
        DispatchQueue.concurrentPerform(iterations: 2) { list in
            if list == 0 {
                let laid = inventory.assets.withUnsafeBufferPointer { buffer in
                    assetRows.map { row in
                        let a = buffer.baseAddress! + Int(row)
                        return AssetFact(
                            purchaseDate: a.pointee.purchaseDate, category: a.pointee.category,
                            status: a.pointee.status,
                            expectedLifeYears: a.pointee.expectedLifeYears ?? .nan,
                            purchaseCostYuan: a.pointee.purchaseCostYuan)
                    }
                }
                facts.set(0, (laid, []))
            } else {
                let laid = inventory.measurements.withUnsafeBufferPointer { buffer in
                    measurementRows.map { row in
                        let m = buffer.baseAddress! + Int(row)
                        return MeasurementFact(
                            startedAtMs: m.pointee.startedAt.millisecondsSinceEpoch, mbps: m.pointee.mbps,
                            capacityMbps: m.pointee.mbps + (m.pointee.crossTrafficMbps ?? 0), kind: m.pointee.kind,
                            valid: m.pointee.valid)
                    }
                }
                facts.set(1, ([], laid))
            }
        }
        assetFacts = facts.values[0].assets
        measurementFacts = facts.values[1].measurements
    }

    /// Groups rows by the school they name; rows are read in place, not copied out. Rows that
    /// name no school come back apart, in order.
    private static func group<Row>(
        _ rows: [Row], schools: Int, codes: [String: Int32], code: (UnsafePointer<Row>) -> String?
    ) -> (Groups, unowned: [Int32]) {
        var owner = [Int32](repeating: -1, count: rows.count)
        var counts = [Int32](repeating: 0, count: schools + 1)
        var lastCode = ""
        var lastOwner: Int32 = -1
        var unowned: [Int32] = []
        rows.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                guard let code = code(buffer.baseAddress! + index) else {
                    unowned.append(Int32(index))
                    continue
                }
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
        return (Groups(start: counts, rows: grouped), unowned)
    }
}
