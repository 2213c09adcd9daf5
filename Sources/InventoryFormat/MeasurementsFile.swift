import InventoryModel

/// `measurements.csv` (optional): what probes reported.
public enum MeasurementsFile {
    public static let name = "measurements.csv"
    /// The columns in the order the exporter writes them, each with the Chinese caption a header
    /// row may give instead of its key (Inventory/README.md lists both).
    static let columns: [(key: String, caption: String)] = [
        ("id", "测量编号"), ("school_code", "学校代码"), ("probe_id", "探针编号"), ("kind", "测量类型"), ("started_at", "开始时间"),
        ("duration_s", "时长(秒)"), ("mbps", "速率(Mbps)"), ("cross_traffic_mbps", "背景流量(Mbps)"), ("rtt_ms", "往返时延(ms)"),
        ("loss_pct", "丢包率(%)"), ("valid", "是否有效"),
    ]
    static let header = columns.map(\.key)

    static func read(_ r: CSVReader) -> Keyed<ProbeMeasurement> { read(r, as: Whole.self) }

    /// What the compliance rules read of each measurement, every cell checked as ``read(_:)``
    /// checks it.
    static func readFacts(_ r: CSVReader) -> Keyed<MeasurementFact> { read(r, as: Facts.self) }

    /// What a read keeps of each row: made from the row's checked facts and other typed cells,
    /// and any text cell it reads from the reader.
    protocol Form {
        associatedtype Record
        static func make(_ r: CSVReader, _ c: Columns, _ fact: MeasurementFact, _ cells: OtherCells) -> Record
    }

    /// The whole measurement.
    enum Whole: Form {
        @inline(__always)
        static func make(
            _ r: CSVReader, _ c: Columns, _ fact: MeasurementFact, _ cells: OtherCells
        ) -> ProbeMeasurement {
            ProbeMeasurement(
                id: r.text(c.id) ?? "", schoolCode: r.schoolCode(c.school, place: fact.school) ?? "",
                probeID: r.text(c.probe) ?? "", kind: fact.kind, startedAt: cells.startedAt,
                durationSeconds: cells.duration, mbps: fact.mbps, crossTrafficMbps: cells.cross, rttMs: cells.rtt,
                lossPct: cells.loss, valid: fact.valid)
        }
    }

    /// The facts alone.
    enum Facts: Form {
        @inline(__always)
        static func make(_ r: CSVReader, _ c: Columns, _ fact: MeasurementFact, _ cells: OtherCells)
            -> MeasurementFact
        {
            fact
        }
    }

    /// The file's columns in a reader's header.
    struct Columns {
        let id, school, probe, started, duration, mbps, cross, rtt, loss, valid: Int
        let kind: ChoiceColumn<MeasurementKind>

        init(_ r: CSVReader) {
            id = r.column("id", required: true)
            school = r.column("school_code", required: true)
            probe = r.column("probe_id", required: true)
            kind = r.column("kind", required: true, of: MeasurementKind.self)
            started = r.column("started_at", required: true)
            duration = r.column("duration_s", required: true)
            mbps = r.column("mbps", required: true)
            cross = r.column("cross_traffic_mbps", required: false)
            rtt = r.column("rtt_ms", required: false)
            loss = r.column("loss_pct", required: false)
            valid = r.column("valid", required: true)
        }
    }

    /// The typed cells of a row that a measurement's facts leave out.
    struct OtherCells {
        var startedAt: Timestamp
        var duration: Double
        var cross, rtt, loss: Double?
    }

    /// Checks every cell of every row, and keeps what `form` makes of each.
    private static func read<F: Form>(_ r: CSVReader, as form: F.Type) -> Keyed<F.Record> {
        let c = Columns(r)
        var result = Keyed<F.Record>(file: name, keyColumn: "id", key: KeyCells(c.school, c.id), reader: r) {
            let parts = $0.split(separator: "\u{0}", omittingEmptySubsequences: false)
            return "\(parts.last ?? "") for school \(parts.first ?? "")"
        }
        while r.advance() {
            r.require(c.id)
            // Cells in header order, so that a row's issues come in the order of its cells.
            let school = r.school(c.school, required: true) ?? -1
            r.require(c.probe)
            let kind = r.choice(c.kind) ?? .rtt
            let started = r.timestamp(c.started, required: true) ?? Timestamp(millisecondsSinceEpoch: 0)
            let duration = r.number(c.duration, required: true, .positive(max: Limits.durationSeconds)) ?? 1
            let mbps = r.number(c.mbps, required: true, .nonNegative(max: Limits.rateMbps)) ?? 0
            let other = OtherCells(
                startedAt: started, duration: duration,
                cross: r.number(c.cross, required: false, .nonNegative(max: Limits.rateMbps)),
                rtt: r.number(c.rtt, required: false, .nonNegative(max: Limits.rttMilliseconds)),
                loss: r.number(c.loss, required: false, .range(0...100)))
            let fact = MeasurementFact(
                school: school, kind: kind, startedAt: started, mbps: mbps, crossTrafficMbps: other.cross,
                valid: r.bool(c.valid, required: true) ?? false)
            result.append(F.make(r, c, fact, other), from: r)
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
