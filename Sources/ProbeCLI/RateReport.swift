import Foundation
import InventoryModel
import PacketCapture

/// The per-second series and the 5-minute samples of a capture, as a table, JSON or CSV.
struct RateReport {
    var name: String
    var linkType: LinkType
    var meter: TrafficMeter
    var samples: [UtilisationSample]
    var stats: CaptureStats?

    /// The series printed: aligned on the first packet when the meter kept that one.
    var series: SecondSeries { meter.relative ?? meter.clock }

    /// Each second of the series with its number (seconds since the start of the first run) and
    /// start, run by run: the gaps between runs are not in it.
    var rows: [(second: Int64, start: Int64, counts: SecondCounts)] {
        guard let origin = series.origin else { return [] }
        return series.runs.flatMap { run in
            // Runs a few centuries apart (damaged times) are counted in whole seconds instead.
            let (difference, overflow) = run.origin.subtractingReportingOverflow(origin)
            let first =
                overflow
                ? run.origin.floorDiv(1_000_000_000) - origin.floorDiv(1_000_000_000) : difference / 1_000_000_000
            return run.seconds.enumerated().map { index, counts in
                (first + Int64(index), run.origin &+ Int64(index) * 1_000_000_000, counts)
            }
        }
    }

    /// The line a live capture ends with: what it counted and what the kernel dropped.
    static func summary(meter: TrafficMeter, stats: CaptureStats?) -> String {
        "captured \(meter.packets) packets, \(meter.bytes) bytes; kernel: \(stats?.received ?? 0) received, "
            + "\(stats?.dropped ?? 0) dropped, \(stats?.interfaceDropped ?? 0) dropped by the interface\n"
    }

    /// The local time of an instant, ISO 8601 with the machine's offset.
    static func time(ns: Int64) -> String {
        let ms = ns.floorDiv(1_000_000)
        let offset = TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000)) / 60
        return Timestamp(millisecondsSinceEpoch: ms, utcOffsetMinutes: Int16(offset)).description
    }

    /// The local time of a whole second since the epoch (a slot's start, as far back as 1677
    /// without overflowing nanoseconds).
    static func time(seconds: Int64) -> String {
        let offset = TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))) / 60
        return Timestamp(millisecondsSinceEpoch: seconds * 1000, utcOffsetMinutes: Int16(offset)).description
    }

    static func mbps(_ bytes: UInt64, seconds: Double = 1) -> String {
        String(format: "%.3f", Double(bytes) * 8 / 1e6 / seconds)
    }

    func table() -> String {
        var out = "\(name): \(meter.packets) packets, \(meter.bytes) bytes, link type \(linkType)\n"
        if let first = meter.firstNs, let last = meter.lastNs {
            out += "from \(Self.time(ns: first)) to \(Self.time(ns: last))\n"
        }
        if let stats {
            out +=
                "kernel: \(stats.received) received, \(stats.dropped) dropped, \(stats.interfaceDropped) dropped by the interface\n"
        }
        out += "\nPer second (Mbit/s; second 0 starts \(series.origin.map { Self.time(ns: $0) } ?? "-"))\n"
        func row(_ cells: [String]) -> String {
            zip(cells, [8, 12, 12, 12, 9, 12]).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }
                .joined(separator: "  ") + "\n"
        }
        out += row(["second", "down", "up", "other", "packets", "bytes"])
        var previous: Int64?
        for (index, _, second) in rows {
            if let previous, index > previous + 1 {
                out += "  (no packets for \(index - previous - 1) s: the capture paused or its clock jumped)\n"
            }
            previous = index
            out += row([
                String(index), Self.mbps(second.bytes.down), Self.mbps(second.bytes.up), Self.mbps(second.bytes.other),
                String(second.totalPackets), String(second.totalBytes),
            ])
        }
        out += "\n5-minute samples (Mbit/s: mean / p95 / peak of the 1-second rates)\n"
        for sample in samples {
            out += "\(Self.time(seconds: sample.startSeconds))  \(sample.coveredSeconds) s  "
            out += "down \(Self.rates(sample.down))  up \(Self.rates(sample.up))  \(sample.packets) packets"
            if let drops = sample.drops { out += "  \(drops) dropped" + (drops > 0 ? " (rates are low)" : "") }
            out += "\n"
            for top in sample.topClasses {
                out +=
                    "    \(top.name): down \(String(format: "%.3f", top.downMbps)), up \(String(format: "%.3f", top.upMbps))\n"
            }
        }
        if series.early > 0 { out += "\n\(series.early) packets out of time order were not counted\n" }
        return out
    }

    static func rates(_ rates: UtilisationSample.Rates) -> String {
        String(format: "%.3f / %.3f / %.3f", rates.meanMbps, rates.p95Mbps, rates.peakMbps)
    }

    func secondsCSV() -> String {
        var out = "second,start,down_bytes,up_bytes,other_bytes,down_packets,up_packets,other_packets,bytes,packets\n"
        for (index, start, second) in rows {
            out += "\(index),\(Self.time(ns: start)),"
            out += "\(second.bytes.down),\(second.bytes.up),\(second.bytes.other),"
            out += "\(second.packets.down),\(second.packets.up),\(second.packets.other),"
            out += "\(second.totalBytes),\(second.totalPackets)\n"
        }
        return out
    }

    func json() -> String {
        var object: [String: Any] = [
            "file": name, "link_type": "\(linkType)", "packets": meter.packets, "bytes": meter.bytes,
            "first": meter.firstNs.map { Self.time(ns: $0) } ?? NSNull(),
            "last": meter.lastNs.map { Self.time(ns: $0) } ?? NSNull(),
            "seconds": rows.map { index, _, second in
                [
                    "second": index, "down_bytes": second.bytes.down, "up_bytes": second.bytes.up,
                    "other_bytes": second.bytes.other, "down_packets": second.packets.down,
                    "up_packets": second.packets.up, "other_packets": second.packets.other,
                ] as [String: Any]
            },
            "samples": samples.map { sample in
                [
                    "start": Self.time(seconds: sample.startSeconds), "seconds": sample.coveredSeconds,
                    "down": Self.rateObject(sample.down), "up": Self.rateObject(sample.up), "packets": sample.packets,
                    "drops": sample.drops.map { $0 as Any } ?? NSNull(),
                    "top_classes": sample.topClasses.map {
                        ["name": $0.name, "down_mbps": $0.downMbps, "up_mbps": $0.upMbps] as [String: Any]
                    },
                ] as [String: Any]
            },
        ]
        if let stats {
            object["kernel"] = [
                "received": stats.received, "dropped": stats.dropped, "interface_dropped": stats.interfaceDropped,
            ]
        }
        let data = try! JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func rateObject(_ rates: UtilisationSample.Rates) -> [String: Double] {
        ["mean_mbps": rates.meanMbps, "p95_mbps": rates.p95Mbps, "peak_mbps": rates.peakMbps]
    }
}
