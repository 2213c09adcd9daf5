import Foundation
import InventoryModel
import LinkTest
import PacketCapture

extension AgentConfig {
    /// The outbox, when one is configured; its folder is made when missing.
    public func openOutbox() throws -> Outbox? {
        guard !outbox.isEmpty else { return nil }
        do {
            return try Outbox(path: outbox)
        } catch {
            throw CaptureError(.cannotWrite, "\(outbox): cannot open the outbox: \(error)")
        }
    }

    /// The local time of an instant in the school's time zone, as results carry it.
    public func timestamp(_ date: Date) -> Timestamp {
        Timestamp(
            millisecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)),
            utcOffsetMinutes: Int16(timeZone.secondsFromGMT(for: date) / 60))
    }

    public var probeName: String { probeID.isEmpty ? "probe" : probeID }

    /// A throughput test as measurements of the model: the test, with the latency and loss
    /// under load (else the kernel's RTT), and an `rtt` row of the idle latency before it.
    public func measurements(_ result: LinkTestResult, startedAt: Date) -> [ProbeMeasurement] {
        let start = timestamp(startedAt)
        let ms = start.millisecondsSinceEpoch
        func rounded(_ value: Double, _ places: Double) -> Double { (value * places).rounded() / places }
        var rows = [
            ProbeMeasurement(
                id: "\(probeName)-\(ms)-\(result.reverse ? "down" : "up")", schoolCode: schoolCode, probeID: probeName,
                kind: result.reverse ? .throughputDown : .throughputUp, startedAt: start,
                durationSeconds: rounded(result.seconds, 1000), mbps: rounded(result.goodputMbps, 1000),
                crossTrafficMbps: result.crossTrafficMbps,
                rttMs: (result.latencyLoaded?.medianMs ?? result.rttMs).map { rounded($0, 100) },
                lossPct: result.latencyLoaded.map { rounded($0.lossPct, 100) }, valid: result.valid)
        ]
        if let idle = result.latencyIdle {
            rows.append(
                ProbeMeasurement(
                    id: "\(probeName)-\(ms)-rtt", schoolCode: schoolCode, probeID: probeName, kind: .rtt,
                    startedAt: start,
                    durationSeconds: 0.2, mbps: 0, rttMs: rounded(idle.medianMs, 100),
                    lossPct: rounded(idle.lossPct, 100)))
        }
        return rows
    }
}
