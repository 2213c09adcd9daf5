import Hummingbird
import InventoryModel
import Planner

/// A report and what it was made of: the store's generation and the plan. The next report of
/// its day is this one brought up to date with what changed since.
struct ReportBase: Sendable {
    var generation: Int
    var plan: Plan
    var report: ComplianceReport
    /// Its JSON form in pieces (``ComplianceReport/writeJSON(to:)``), sent as they are.
    var json: [ByteBuffer]
    /// When it was kept, for dropping the oldest.
    var madeAt = ContinuousClock.now
}
