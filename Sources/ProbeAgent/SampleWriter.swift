import Foundation
import InventoryFormat
import InventoryModel
import PacketCapture

/// Appends 5-minute samples to a measurements.csv file as `utilisation_down` and `utilisation_up`
/// rows, the header written once. Ids are the probe, the slot and the direction, so a sample
/// written twice is the same row to the service.
public struct SampleWriter {
    public var path: String
    public var config: AgentConfig

    public init(path: String, config: AgentConfig) {
        self.path = path
        self.config = config
    }

    public func measurements(_ samples: [UtilisationSample]) -> [ProbeMeasurement] {
        let probe = config.probeID.isEmpty ? "probe" : config.probeID
        return samples.flatMap { sample -> [ProbeMeasurement] in
            let start = config.timestamp(Date(timeIntervalSince1970: Double(sample.startSeconds)))
            // A sample with kernel drops undercounts the link: it is kept, marked not valid.
            let valid = (sample.drops ?? 0) == 0
            return [(MeasurementKind.utilisationDown, sample.down, "down"), (.utilisationUp, sample.up, "up")].map {
                kind, rates, suffix in
                ProbeMeasurement(
                    id: "\(probe)-\(sample.startSeconds)-\(suffix)", schoolCode: config.schoolCode, probeID: probe,
                    kind: kind, startedAt: start, durationSeconds: Double(sample.coveredSeconds),
                    mbps: (rates.meanMbps * 1000).rounded() / 1000, valid: valid)
            }
        }
    }

    public func append(_ samples: [UtilisationSample]) throws {
        guard !samples.isEmpty else { return }
        var bytes = MeasurementsFile.write(measurements(samples))
        let manager = FileManager.default
        if manager.fileExists(atPath: path), (try? manager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 > 0 {
            bytes.removeFirst((bytes.firstIndex(of: 0x0A) ?? -1) + 1)  // the header is there already
        } else {
            guard manager.createFile(atPath: path, contents: nil) else {
                throw CaptureError(.cannotWrite, "\(path): cannot create the samples file")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CaptureError(.cannotWrite, "\(path): cannot open the samples file for writing")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
    }
}
