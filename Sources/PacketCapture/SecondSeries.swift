/// Per-second counts of a capture, in runs aligned on a chosen origin.
///
/// A capture's clock may jump either way: a probe without a real-time clock boots in 1970 until
/// NTP sets it, an administrator sets the time, a damaged file holds one packet weeks away. A
/// jump starts a new run instead of filling the gap second by second, so memory and work stay
/// proportional to the seconds that saw packets (or that a live capture advanced through).
public struct SecondSeries: Sendable {
    /// Seconds with no jump between them.
    public struct Run: Sendable, Equatable {
        /// Nanoseconds since the epoch of the start of its first second.
        public internal(set) var origin: Int64
        public internal(set) var seconds: [SecondCounts]

        /// Whether any of its seconds lies in a 5-minute slot (slot = clock second / 300).
        func covers(slot: Int64) -> Bool {
            guard let last = seconds.indices.last else { return false }
            let first = origin.floorDiv(1_000_000_000)
            return first.floorDiv(300) <= slot && slot <= (first + Int64(last)).floorDiv(300)
        }
    }

    /// A gap longer than this with no packet starts a new run: past an hour, the capture was
    /// paused or the clock was set; a live capture counts its own quiet seconds as it goes.
    public static let maxGapNs: Int64 = 3_600_000_000_000
    /// A packet up to this long before the start of a run is late (set aside as `early`, as
    /// out-of-order packets always were); farther back, the clock went back and a run starts.
    public static let maxLateNs: Int64 = 60_000_000_000

    /// The runs in time order; no second is in two of them.
    public private(set) var runs: [Run] = []
    /// Packets a little before a run's start (out of order); they are not counted.
    public private(set) var early: UInt64 = 0
    /// The run a time fell in last: the next one almost always falls in it too.
    private var current = 0
    /// Round times to whole microseconds before binning, as tshark's io,stat does.
    let microsecondBins: Bool
    /// Whether a run's second 0 starts at its first packet (tshark's io,stat) or on a whole second.
    let alignOnFirstPacket: Bool

    public init(alignOnFirstPacket: Bool) {
        self.alignOnFirstPacket = alignOnFirstPacket
        microsecondBins = alignOnFirstPacket
    }

    /// Nanoseconds since the epoch of the start of the first run's second 0.
    public var origin: Int64? { runs.first?.origin }

    /// Every second of every run in time order; the gaps between runs are not in it.
    public var seconds: [SecondCounts] { runs.count == 1 ? runs[0].seconds : runs.flatMap(\.seconds) }

    /// The run and second a time falls in, growing or starting a run; nil for a late packet.
    @inline(__always)
    mutating func index(_ time: Int64, countingLate: Bool = true) -> (run: Int, second: Int)? {
        if current < runs.count, let second = second(of: time, in: current) { return (current, second) }
        // The last run starting at or before the time, if any.
        var low = 0
        var high = runs.count
        while low < high {
            let middle = (low + high) / 2
            if runs[middle].origin <= time { low = middle + 1 } else { high = middle }
        }
        if low > 0, let second = second(of: time, in: low - 1) {
            current = low - 1
            return (current, second)
        }
        if low < runs.count, case (let ahead, false) = runs[low].origin.subtractingReportingOverflow(time),
            ahead <= Self.maxLateNs
        {
            if countingLate { early += 1 }
            return nil
        }
        // Wrapping: a time within a second of Int64.min has no whole second to start on; it
        // then starts a run of its own, wrongly placed, rather than trap.
        let origin = alignOnFirstPacket ? time : time &- time.floorMod(1_000_000_000)
        runs.insert(Run(origin: origin, seconds: [SecondCounts()]), at: low)
        current = low
        return (low, 0)
    }

    /// The second of a run a time falls in, growing the run by at most `maxGapNs`; nil when the
    /// time is before the run, belongs to the next one, or is farther away.
    @inline(__always)
    private mutating func second(of time: Int64, in index: Int) -> Int? {
        let run = runs[index]
        let (difference, overflow) = time.subtractingReportingOverflow(run.origin)
        guard !overflow, difference > -1_000_000_000 else { return nil }
        var offset = difference
        // Rounded as tshark rounds: a time a microsecond early still counts in second 0. An
        // offset near Int64.max wraps negative here, and is then no second of this run.
        if microsecondBins { offset = (offset &+ 500) / 1000 * 1000 }
        guard offset >= 0 else { return nil }
        let second = offset / 1_000_000_000
        if second < run.seconds.count { return Int(second) }
        guard offset - Int64(run.seconds.count) * 1_000_000_000 < Self.maxGapNs else { return nil }
        if index + 1 < runs.count, time >= runs[index + 1].origin { return nil }
        runs[index].seconds.append(
            contentsOf: repeatElement(SecondCounts(), count: Int(second) + 1 - run.seconds.count))
        return Int(second)
    }

    @inline(__always)
    mutating func add(_ time: Int64, _ direction: Direction, bytes: UInt64) {
        guard let (run, second) = index(time) else { return }
        runs[run].seconds[second].add(direction, bytes: bytes)
    }

    /// Makes a run reach the second of `time`, with empty seconds where nothing came; a time
    /// far from every run starts one.
    mutating func reach(_ time: Int64) { _ = index(time, countingLate: false) }

    /// Forgets a reported slot: its seconds and those before it in the run holding `now`'s
    /// second, and every other run.
    mutating func forget(slot: Int64, now: Int64) {
        let kept = runs.indices.first { index in
            let run = runs[index]
            let (offset, overflow) = now.subtractingReportingOverflow(run.origin)
            return !overflow && offset >= 0 && offset / 1_000_000_000 < run.seconds.count
        }
        guard let kept else {
            runs = []
            current = 0
            return
        }
        var run = runs[kept]
        let (product, overflow) = (slot + 1).multipliedReportingOverflow(by: 300_000_000_000)
        let slotEnd = overflow ? Int64.max : product
        if run.covers(slot: slot), slotEnd > run.origin {
            let count = Int(min((slotEnd - run.origin) / 1_000_000_000, Int64(run.seconds.count)))
            run.seconds.removeFirst(count)
            run.origin += Int64(count) * 1_000_000_000
        }
        runs = run.seconds.isEmpty ? [] : [run]
        current = 0
    }
}
