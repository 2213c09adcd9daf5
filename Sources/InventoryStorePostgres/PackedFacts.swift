import InventoryModel
import Logging
import NIOCore
import PostgresNIO

// How the server packs a school's facts into one binary value, and how they are read back.

/// The schools whose codes are at or after `from`, or before `before` (with the rows of no
/// school): one of the two halves of the city its facts are read in.
struct SchoolRange {
    var from: String?
    var before: String?

    init(from: String) { self.from = from }
    init(before: String) { self.before = before }

    /// The condition on `school_code`, its value appended to `binds`.
    func conditions(_ binds: inout PostgresBindings) -> [String] {
        if let from {
            binds.append(from)
            return ["school_code >= $\(binds.count)"]
        }
        binds.append(before ?? "")
        return ["(school_code < $\(binds.count) OR school_code IS NULL)"]
    }
}

/// An enum column as its case's place in `allCases` (spellings passed as a bound array), 255
/// for a spelling the enum does not have.
func ordinal(_ column: String, _ parameter: Int) -> String {
    "coalesce(array_position($\(parameter)::text[], \(column)) - 1, 255)"
}

func spellings<E: InventoryEnum>(_ type: E.Type) -> [String] { E.allCases.map(\.rawValue) }

/// The case at a place of `allCases`, or a corruption of the store.
func choice<E: InventoryEnum>(_ ordinal: Int, table: String, column: String) throws -> E {
    let cases = Array(E.allCases)
    guard cases.indices.contains(ordinal) else {
        throw StoreCorruption(table: table, column: column, value: "a spelling no \(E.self) has (packed as \(ordinal))")
    }
    return cases[ordinal]
}

/// Assets packed by school: purchase day (int4, days since 1970-01-01), cost (float8), life
/// (float8), category, status and whether the life is missing (int4 bits): 24 bytes each.
enum PackedAssets {
    static let size = 24

    static func query(_ part: SchoolRange) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(spellings(AssetCategory.self))
        binds.append(spellings(AssetStatus.self))
        let conditions = part.conditions(&binds)
        let code =
            "\(ordinal("category", 1)) + 256 * \(ordinal("status", 2))"
            + " + CASE WHEN expected_life_years IS NULL THEN 65536 ELSE 0 END"
        return PostgresQuery(
            unsafeSQL: """
                SELECT school_code, string_agg(
                    int4send(purchase_date::date - DATE '1970-01-01') || float8send(purchase_cost)
                    || float8send(coalesce(expected_life_years, 0)) || int4send(\(code)), ''::bytea)
                FROM assets WHERE \(conditions.joined(separator: " AND ")) GROUP BY school_code
                """, binds: binds)
    }

    static func unpack(_ packed: ByteBuffer, school: Int32, into facts: inout [AssetFact]) throws {
        try forEachRecord(in: packed, size: size, table: "assets") { bytes, start in
            let code = Int(bigEndian32(bytes, start + 20))
            facts.append(
                AssetFact(
                    school: school, category: try choice(code & 255, table: "assets", column: "category"),
                    purchaseDate: CalendarDate(daysSinceEpoch: Int32(bitPattern: bigEndian32(bytes, start))),
                    purchaseCostYuan: Double(bitPattern: bigEndian64(bytes, start + 4)),
                    expectedLifeYears: code & 65536 != 0 ? nil : Double(bitPattern: bigEndian64(bytes, start + 12)),
                    status: try choice((code >> 8) & 255, table: "assets", column: "status")))
        }
    }
}

/// Measurements packed by school: start (int8, ms since the epoch), rate and cross traffic
/// (float8), kind, validity and whether the cross traffic is missing (int2 bits): 26 bytes each.
enum PackedMeasurements {
    static let size = 26

    static func query(_ window: Range<Int64>?, _ part: SchoolRange) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(spellings(MeasurementKind.self))
        var conditions = part.conditions(&binds)
        if let window {
            binds.append(window.lowerBound)
            conditions.append("started_at_ms >= $\(binds.count)")
            binds.append(window.upperBound)
            conditions.append("started_at_ms < $\(binds.count)")
        }
        let filter = " WHERE " + conditions.joined(separator: " AND ")
        let code =
            "\(ordinal("kind", 1)) + CASE WHEN valid THEN 256 ELSE 0 END"
            + " + CASE WHEN cross_traffic_mbps IS NULL THEN 512 ELSE 0 END"
        return PostgresQuery(
            unsafeSQL: """
                SELECT school_code, string_agg(
                    int8send(started_at_ms) || float8send(mbps) || float8send(coalesce(cross_traffic_mbps, 0))
                    || int2send((\(code))::int2), ''::bytea)
                FROM measurements\(filter) GROUP BY school_code
                """, binds: binds)
    }

    static func unpack(_ packed: ByteBuffer, school: Int32, into facts: inout [MeasurementFact]) throws {
        try forEachRecord(in: packed, size: size, table: "measurements") { bytes, start in
            let code = Int(bigEndian16(bytes, start + 24))
            facts.append(
                MeasurementFact(
                    school: school, kind: try choice(code & 255, table: "measurements", column: "kind"),
                    startedAt: Timestamp(
                        millisecondsSinceEpoch: Int64(bitPattern: bigEndian64(bytes, start)), utcOffsetMinutes: 0),
                    mbps: Double(bitPattern: bigEndian64(bytes, start + 8)),
                    crossTrafficMbps: code & 512 != 0 ? nil : Double(bitPattern: bigEndian64(bytes, start + 16)),
                    valid: code & 256 != 0))
        }
    }
}

/// Calls `body` with each fixed-size record of a school's pack: the pack's bytes and the
/// record's first byte.
func forEachRecord(
    in packed: ByteBuffer, size: Int, table: String, _ body: (UnsafeRawBufferPointer, Int) throws -> Void
) throws {
    try packed.withUnsafeReadableBytes { bytes in
        guard bytes.count % size == 0 else {
            throw StoreCorruption(
                table: table, column: "(packed facts)", value: "\(bytes.count) bytes, not records of \(size)")
        }
        for start in stride(from: 0, to: bytes.count, by: size) { try body(bytes, start) }
    }
}

@inline(__always)
func bigEndian64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
    UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
}

@inline(__always)
func bigEndian32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
    UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
}

@inline(__always)
func bigEndian16(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt16 {
    UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
}
