/// The range a number cell must fall in (its upper ends from ``Limits``).
public enum NumberBound: Sendable {
    case positive(max: Double)
    case nonNegative(max: Double)
    case range(ClosedRange<Double>)

    /// Whether a value falls in the range.
    public func admits(_ value: Double) -> Bool {
        switch self {
        case .positive(let max): value > 0 && value <= max
        case .nonNegative(let max): value >= 0 && value <= max
        case .range(let r): r.contains(value)
        }
    }

    /// The smallest value, and whether it is itself excluded.
    public var minimum: (value: Double, exclusive: Bool) {
        switch self {
        case .positive: (0, true)
        case .nonNegative: (0, false)
        case .range(let r): (r.lowerBound, false)
        }
    }

    /// The largest value.
    public var maximum: Double {
        switch self {
        case .positive(let max), .nonNegative(let max): max
        case .range(let r): r.upperBound
        }
    }
}
