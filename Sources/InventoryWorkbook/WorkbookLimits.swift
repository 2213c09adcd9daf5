/// What a workbook may unpack to before it is refused: a zip's entries can claim anything, and
/// a few kilobytes can inflate to gigabytes (a zip bomb).
public struct WorkbookLimits: Sendable {
    /// The uncompressed bytes of all entries together.
    public var totalBytes: UInt64 = 2 << 30
    /// How many times larger than its compressed form an entry of more than `ratioFloorBytes`
    /// may be. Sheets of XML compress 10 to 100 times; a bomb, thousands of times.
    public var maxRatio: UInt64 = 200
    /// Entries up to this size are not held to `maxRatio` (a small part of repeated text may
    /// compress very well and harms nobody).
    public var ratioFloorBytes: UInt64 = 1 << 20

    /// The limits for a workbook a planner hands over.
    public init() {}
}
