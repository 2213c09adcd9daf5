import InventoryModel

/// `measurements.csv` (optional): what probes reported.
public enum MeasurementsFile {
    public static let name = "measurements.csv"
    /// The column keys in the order the exporter writes them (``InventoryTable/columns``).
    static let header = InventoryTable.measurements.header

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
        let id, school, probe, started, duration, mbps, cross, rtt, loss, valid: ReadColumn
        let kind: ChoiceColumn<MeasurementKind>

        init(_ r: CSVReader) {
            func column(_ key: String) -> ReadColumn { r.column(key, of: .measurements) }
            id = column("id")
            school = column("school_code")
            probe = column("probe_id")
            kind = r.column("kind", of: .measurements, as: MeasurementKind.self)
            started = column("started_at")
            duration = column("duration_s")
            mbps = column("mbps")
            cross = column("cross_traffic_mbps")
            rtt = column("rtt_ms")
            loss = column("loss_pct")
            valid = column("valid")
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
            let school = r.school(c.school) ?? -1
            r.require(c.probe)
            let kind = r.choice(c.kind) ?? .rtt
            let started = r.timestamp(c.started) ?? Timestamp(millisecondsSinceEpoch: 0)
            let duration = r.number(c.duration) ?? 1
            let mbps = r.number(c.mbps) ?? 0
            let other = OtherCells(
                startedAt: started, duration: duration, cross: r.number(c.cross), rtt: r.number(c.rtt),
                loss: r.number(c.loss))
            let fact = MeasurementFact(
                school: school, kind: kind, startedAt: started, mbps: mbps, crossTrafficMbps: other.cross,
                valid: r.bool(c.valid) ?? false)
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
