/// What a probe measured.
public enum MeasurementKind: String, InventoryEnum {
    /// An active download test; `mbps` is its goodput.
    case throughputDown = "throughput_down"
    /// An active upload test.
    case throughputUp = "throughput_up"
    /// A passive sample of the downstream traffic; `mbps` is its mean rate.
    case utilisationDown = "utilisation_down"
    /// A passive sample of the upstream traffic.
    case utilisationUp = "utilisation_up"
    /// A round-trip time measurement.
    case rtt
}

/// One result a probe reported: a test or a traffic sample.
public struct ProbeMeasurement: Hashable, Sendable {
    /// The probe's own id for the result; uploads are idempotent on it.
    public var id: String
    public var schoolCode: String
    public var probeID: String
    public var kind: MeasurementKind
    public var startedAt: Timestamp
    /// Test length, or the sample's span (300 for a 5-minute sample).
    public var durationSeconds: Double
    /// Goodput of a test, or mean rate over a sample.
    public var mbps: Double
    /// Other traffic seen on the link during a test.
    public var crossTrafficMbps: Double?
    public var rttMs: Double?
    public var lossPct: Double?
    /// False when the probe judged the run unusable (CPU-bound, aborted).
    public var valid: Bool

    /// A measurement; the optional figures default to unknown.
    @inlinable
    public init(
        id: String, schoolCode: String, probeID: String, kind: MeasurementKind, startedAt: Timestamp,
        durationSeconds: Double, mbps: Double, crossTrafficMbps: Double? = nil, rttMs: Double? = nil,
        lossPct: Double? = nil, valid: Bool = true
    ) {
        self.id = id
        self.schoolCode = schoolCode
        self.probeID = probeID
        self.kind = kind
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.mbps = mbps
        self.crossTrafficMbps = crossTrafficMbps
        self.rttMs = rttMs
        self.lossPct = lossPct
        self.valid = valid
    }
}
