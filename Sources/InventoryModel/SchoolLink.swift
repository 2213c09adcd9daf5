/// A school's access link, with its contracted rates.
public struct SchoolLink: Hashable, Sendable {
    /// Unique id of the link.
    public var linkID: String
    /// The school it serves.
    public var schoolCode: String
    public var provider: String
    /// Contracted downstream rate.
    public var downMbps: Double
    /// Contracted upstream rate.
    public var upMbps: Double
    /// Monthly cost in yuan.
    public var monthlyCostYuan: Double?
    /// First day of the contract; nil = open.
    public var contractStart: CalendarDate?
    /// Last day of the contract; nil = open.
    public var contractEnd: CalendarDate?

    /// A link; the cost and contract dates default to unknown/open.
    @inlinable
    public init(
        linkID: String, schoolCode: String, provider: String, downMbps: Double, upMbps: Double,
        monthlyCostYuan: Double? = nil, contractStart: CalendarDate? = nil, contractEnd: CalendarDate? = nil
    ) {
        self.linkID = linkID
        self.schoolCode = schoolCode
        self.provider = provider
        self.downMbps = downMbps
        self.upMbps = upMbps
        self.monthlyCostYuan = monthlyCostYuan
        self.contractStart = contractStart
        self.contractEnd = contractEnd
    }
}

/// A contract with optional start and end days, both inclusive.
public protocol Contracted {
    var contractStart: CalendarDate? { get }
    var contractEnd: CalendarDate? { get }
}

extension Contracted {
    /// True when the contract is in force on the day: `start <= day <= end`, blank ends open.
    public func isInForce(on day: CalendarDate) -> Bool {
        (contractStart.map { $0 <= day } ?? true) && (contractEnd.map { day <= $0 } ?? true)
    }
}

extension SchoolLink: Contracted {}
