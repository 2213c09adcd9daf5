/// Five minutes of a link: mean, nearest-rank p95 and peak of the 1-second rates per direction,
/// the busiest class networks, and the kernel's drops when the capture was live.
public struct UtilisationSample: Hashable, Sendable {
    /// Seconds since the epoch of the slot's start (a multiple of 300).
    public var startSeconds: Int64
    /// Seconds of the slot the capture covered (300 for a whole slot).
    public var coveredSeconds: Int
    public var down: Rates
    public var up: Rates
    public var packets: UInt64
    /// Packets the kernel dropped in the slot; nil when unknown (a file).
    public var drops: UInt64?
    /// Class networks by bytes, busiest first, with their mean rates.
    public var topClasses: [ClassRate]

    public struct Rates: Hashable, Sendable {
        public var meanMbps: Double
        public var p95Mbps: Double
        public var peakMbps: Double
    }

    public struct ClassRate: Hashable, Sendable {
        public var name: String
        public var downMbps: Double
        public var upMbps: Double
    }

    /// The samples of every slot a meter saw, in time order.
    ///
    /// - Parameters:
    ///   - drops: kernel drops per slot start, for live captures.
    ///   - topClasses: how many class networks a sample names.
    public static func samples(
        of meter: TrafficMeter, drops: [Int64: UInt64] = [:], topClasses: Int = 5, slots: Range<Int64>? = nil
    ) -> [UtilisationSample] {
        // The seconds of each slot, run by run: a slot may hold the end of one run and the start
        // of the next; the slots of a gap between runs have no seconds and no sample.
        var parts: [(slot: Int64, seconds: [SecondCounts])] = []
        for run in meter.clock.runs where !run.seconds.isEmpty {
            let firstSecond = run.origin.floorDiv(1_000_000_000)
            let lastSecond = firstSecond + Int64(run.seconds.count) - 1
            var slot = firstSecond.floorDiv(300)
            let lastSlot = lastSecond.floorDiv(300)
            if let slots { slot = max(slot, slots.lowerBound) }
            while slot <= lastSlot {
                if let slots, slot >= slots.upperBound { break }
                let from = max(slot * 300, firstSecond)
                let to = min(slot * 300 + 299, lastSecond)
                let part = run.seconds[Int(from - firstSecond)...Int(to - firstSecond)]
                if parts.last?.slot == slot {
                    parts[parts.count - 1].seconds += part
                } else {
                    parts.append((slot, Array(part)))
                }
                slot += 1
            }
        }
        return parts.map { slot, part in
            let covered = part.count
            func rates(_ bytes: (SecondCounts) -> UInt64) -> Rates {
                var perSecond = part.map { Double(bytes($0)) * 8 / 1e6 }
                let mean = perSecond.reduce(0, +) / Double(covered)
                perSecond.sort()
                let rank = Int((0.95 * Double(covered) - 1e-9).rounded(.up))
                return Rates(meanMbps: mean, p95Mbps: perSecond[max(rank, 1) - 1], peakMbps: perSecond[covered - 1])
            }
            let classes = (meter.classBytes[slot] ?? []).enumerated()
                .filter { $0.element.down + $0.element.up > 0 }
                .sorted {
                    ($0.element.down + $0.element.up, -$0.offset) > ($1.element.down + $1.element.up, -$1.offset)
                }
                .prefix(topClasses)
                .map { index, bytes in
                    ClassRate(
                        name: meter.classNetworks[index].name, downMbps: Double(bytes.down) * 8 / 1e6 / Double(covered),
                        upMbps: Double(bytes.up) * 8 / 1e6 / Double(covered))
                }
            return UtilisationSample(
                startSeconds: slot * 300, coveredSeconds: covered, down: rates { $0.bytes.down },
                up: rates { $0.bytes.up }, packets: part.reduce(0) { $0 + $1.totalPackets },
                drops: drops.isEmpty ? nil : drops[slot * 300] ?? 0, topClasses: Array(classes))
        }
    }
}
