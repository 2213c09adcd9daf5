import InventoryModel

/// `measurements.csv` (optional): what probes reported.
public enum MeasurementsFile {
    public static let name = "measurements.csv"
    static let header = [
        "id", "school_code", "probe_id", "kind", "started_at", "duration_s", "mbps", "cross_traffic_mbps", "rtt_ms",
        "loss_pct", "valid",
    ]

    static func read(_ r: CSVReader) -> Keyed<ProbeMeasurement> {
        let id = r.column("id", required: true)
        let school = r.column("school_code", required: true)
        let probe = r.column("probe_id", required: true)
        let kind = r.column("kind", required: true, of: MeasurementKind.self)
        let started = r.column("started_at", required: true)
        let duration = r.column("duration_s", required: true)
        let mbps = r.column("mbps", required: true)
        let cross = r.column("cross_traffic_mbps", required: false)
        let rtt = r.column("rtt_ms", required: false)
        let loss = r.column("loss_pct", required: false)
        let valid = r.column("valid", required: true)
        var result = Keyed<ProbeMeasurement>(file: name, keyColumn: "id", reader: r, key: { $0.id })
        while r.advance() {
            let key = r.requiredText(id)
            let measurement = ProbeMeasurement(
                id: key, schoolCode: r.schoolReference(school, required: true) ?? "",
                probeID: r.requiredText(probe),
                kind: r.choice(kind) ?? .rtt,
                startedAt: r.value(started, required: true, expected: "an ISO 8601 date-time with offset") {
                    Timestamp(isoBytes: $0)
                } ?? Timestamp(millisecondsSinceEpoch: 0),
                durationSeconds: r.number(duration, required: true, .positive) ?? 1,
                mbps: r.number(mbps, required: true, .nonNegative) ?? 0,
                crossTrafficMbps: r.number(cross, required: false, .nonNegative),
                rttMs: r.number(rtt, required: false, .nonNegative),
                lossPct: r.number(loss, required: false, .range(0...100)),
                valid: r.bool(valid, required: true) ?? false)
            result.append(measurement, key: key, row: r.row, log: r.log)
        }
        return result
    }

    /// The file's bytes: the header, then one row each.
    public static func write(_ measurements: [ProbeMeasurement]) -> [UInt8] {
        CSVWriter.file(header: header, measurements, cells: cells)
    }

    /// One record's cells, in header order.
    static func cells(_ m: ProbeMeasurement) -> [String] {
        [
            m.id, m.schoolCode, m.probeID, CSVWriter.cell(m.kind), m.startedAt.description,
            CSVWriter.cell(m.durationSeconds), CSVWriter.cell(m.mbps), CSVWriter.cell(m.crossTrafficMbps),
            CSVWriter.cell(m.rttMs), CSVWriter.cell(m.lossPct), CSVWriter.cell(m.valid),
        ]
    }
}
