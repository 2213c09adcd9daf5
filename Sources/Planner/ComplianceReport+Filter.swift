import InventoryModel

/// Which part of a report to show.
public struct ReportFilter: Sendable {
    /// Keep only flags of this rule.
    public var rule: Rule?
    /// Keep only flags of this severity.
    public var severity: Severity?

    /// A filter; nil keeps everything.
    public init(rule: Rule? = nil, severity: Severity? = nil) {
        self.rule = rule
        self.severity = severity
    }

    func keeps(_ flag: Flag) -> Bool {
        (rule.map { flag.rule == $0 } ?? true) && (severity.map { flag.severity == $0 } ?? true)
    }
}

extension ComplianceReport {
    /// The report with only the flags the filter keeps; every school stays listed.
    public func filtered(_ filter: ReportFilter) -> ComplianceReport {
        if filter.rule == nil, filter.severity == nil { return self }
        var copy = self
        for index in copy.schools.indices { copy.schools[index].flags.removeAll { !filter.keeps($0) } }
        copy.cityFlags.removeAll { !filter.keeps($0) }
        return copy
    }

    /// Every flag of the report, the city's first.
    public var allFlags: [Flag] { cityFlags + schools.flatMap(\.flags) }
}
