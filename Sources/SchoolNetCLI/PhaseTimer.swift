import Foundation
import InventoryFormat

/// Times the phases of a command, for `--timings`.
struct PhaseTimer {
    private let clock = ContinuousClock()
    private var mark: ContinuousClock.Instant
    private(set) var phases: [(name: String, seconds: Double, note: String)] = []

    init() {
        mark = clock.now
    }

    /// Ends the current phase under a name, with an optional note computed from its duration.
    mutating func end(_ name: String, note: (Double) -> String = { _ in "" }) {
        let now = clock.now
        let (seconds, attoseconds) = (now - mark).components
        let elapsed = Double(seconds) + Double(attoseconds) / 1e18
        phases.append((name, elapsed, note(elapsed)))
        mark = now
    }

    /// Prints the phases and their total on standard error.
    func report() {
        var lines = phases.map { phase in
            phase.name.padding(toLength: 6, withPad: " ", startingAt: 0) + " "
                + Terminal.decimal(phase.seconds, digits: 3) + " s" + (phase.note.isEmpty ? "" : "   " + phase.note)
        }
        lines.append("total  " + Terminal.decimal(phases.reduce(0) { $0 + $1.seconds }, digits: 3) + " s")
        Terminal.error(lines.joined(separator: "\n"))
    }

    /// `2,755.5 MB of CSV, 110.2 MB/s` for the CSV files of a folder read in `seconds`.
    static func csvRate(folder: String?, seconds: Double) -> String {
        guard let folder else { return "" }
        let bytes = InventoryFolder.csvFiles.compactMap { file in
            (try? FileManager.default.attributesOfItem(atPath: folder + "/" + file.name))?[.size] as? Int
        }.reduce(0, +)
        return "\(Terminal.decimal(Double(bytes) / 1e6)) MB of CSV, "
            + "\(Terminal.decimal(Double(bytes) / 1e6 / max(seconds, 1e-9))) MB/s"
    }
}
