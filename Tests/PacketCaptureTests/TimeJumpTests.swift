import Foundation
import Testing

@testable import PacketCapture

/// A classic pcap file as its header and records, to rewrite packet times.
struct PcapRecords {
    var header: [UInt8]
    var records: [(seconds: UInt32, fraction: UInt32, rest: [UInt8])]

    /// Reads a little-endian classic pcap (the committed captures are).
    init(path: String) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func u32(_ offset: Int) -> UInt32 {
            bytes[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }
        header = Array(bytes[0..<24])
        records = []
        var offset = 24
        while offset + 16 <= bytes.count {
            let captured = Int(u32(offset + 8))
            records.append((u32(offset), u32(offset + 4), Array(bytes[offset + 8..<offset + 16 + captured])))
            offset += 16 + captured
        }
    }

    /// The file's bytes.
    var bytes: [UInt8] {
        var out = header
        for record in records {
            for value in [record.seconds, record.fraction] { withUnsafeBytes(of: value.littleEndian) { out += $0 } }
            out += record.rest
        }
        return out
    }

    /// Writes the file to a fresh temporary path and returns it.
    func write() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-\(UUID()).pcap").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// Reads a capture into a meter aligned on whole seconds of the clock, as the samples are.
func clockMeter(_ path: String) throws -> TrafficMeter {
    let source = try PacketSource.open(file: path)
    var meter = TrafficMeter(localPrefixes: [IPPrefix("10.201.0.1")!, IPPrefix("fd00:201::1")!])
    while case .packet(let packet) = try source.next() { meter.add(packet, linkType: source.linkType) }
    return meter
}

@Suite("A capture whose clock jumps")
struct TimeJumpTests {
    static let threeWeeks: UInt32 = 21 * 86_400
    static let base = Captures.path("ethernet.pcap")

    /// The record that starts the capture's fourth clock second: a jump there splits no second.
    static func splitIndex(_ capture: PcapRecords) -> Int {
        capture.records.firstIndex { $0.seconds >= capture.records[0].seconds + 3 }!
    }

    /// A capture whose clock is set three weeks ahead halfway through reads as two runs with the
    /// same seconds as the original: no second of the gap is kept, walked or printed, and the
    /// samples are those of the two stretches.
    @Test func forwardByWeeks() throws {
        var capture = try PcapRecords(path: Self.base)
        let split = Self.splitIndex(capture)
        for index in split..<capture.records.count { capture.records[index].seconds += Self.threeWeeks }
        let path = try capture.write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let original = try clockMeter(Self.base).clock
        let meter = try clockMeter(path)
        let runs = meter.clock.runs
        try #require(runs.count == 2)
        #expect(runs[0].seconds == Array(original.seconds[..<3]) && runs[1].seconds == Array(original.seconds[3...]))
        #expect(runs[1].origin == original.origin! + 3_000_000_000 + Int64(Self.threeWeeks) * 1_000_000_000)
        let samples = UtilisationSample.samples(of: meter)
        #expect(samples.map(\.coveredSeconds).reduce(0, +) == original.seconds.count)
        #expect(samples.map(\.packets).reduce(0, +) == 2806 && meter.clock.early == 0)
    }

    /// A clock set three weeks back halfway through: the later packets are counted in a run of
    /// their own (before the first in time), not set aside as late.
    @Test func backwardByWeeks() throws {
        var capture = try PcapRecords(path: Self.base)
        let split = Self.splitIndex(capture)
        for index in split..<capture.records.count { capture.records[index].seconds -= Self.threeWeeks }
        let path = try capture.write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let original = try clockMeter(Self.base).clock
        let meter = try clockMeter(path)
        let runs = meter.clock.runs
        try #require(runs.count == 2)
        #expect(runs[0].seconds == Array(original.seconds[3...]) && runs[1].seconds == Array(original.seconds[..<3]))
        #expect(meter.clock.early == 0 && meter.packets == 2806)
        #expect(UtilisationSample.samples(of: meter).map(\.packets).reduce(0, +) == 2806)
    }

    /// One packet stamped three weeks ahead (a damaged time) is a run of one second; the packets
    /// after it go back to the first run, whose seconds keep their rates.
    @Test func onePacketAhead() throws {
        var capture = try PcapRecords(path: Self.base)
        let spike = 1000
        capture.records[spike].seconds += Self.threeWeeks
        let path = try capture.write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let original = try clockMeter(Self.base).clock
        let meter = try clockMeter(path)
        let runs = meter.clock.runs
        try #require(runs.count == 2)
        #expect(runs[1].seconds.count == 1 && runs[1].seconds[0].totalPackets == 1)
        let moved = runs[1].seconds[0]
        let changed = zip(runs[0].seconds, original.seconds).enumerated().filter { $0.element.0 != $0.element.1 }
        // Only the packet's own second lost it; every other second is the original's.
        #expect(runs[0].seconds.count == original.seconds.count && changed.count == 1)
        if let (_, (now, before)) = changed.first {
            #expect(now.totalBytes + moved.totalBytes == before.totalBytes)
            #expect(now.totalPackets + 1 == before.totalPackets)
        }
    }

    /// A live capture whose clock jumps (a probe without a real-time clock boots in 1970, then
    /// NTP sets it) starts a run where the clock lands, and forgetting the slot reported at the
    /// jump keeps only the new run.
    @Test func liveClockSet() throws {
        var meter = TrafficMeter(localPrefixes: [IPPrefix("10.0.0.0/8")!])
        let boot: Int64 = 10 * 1_000_000_000  // 1970-01-01T00:00:10Z
        meter.advance(to: boot)
        meter.advance(to: boot + 5_000_000_000)
        let set: Int64 = 1_764_300_000 * 1_000_000_000
        meter.advance(to: set)
        meter.advance(to: set + 2_500_000_000)
        #expect(meter.clock.runs.map(\.seconds.count) == [6, 3])
        let samples = UtilisationSample.samples(of: meter)
        #expect(samples.map(\.startSeconds) == [0, 1_764_300_000] && samples.map(\.coveredSeconds) == [6, 3])
        meter.forget(slot: 0, now: set + 2_500_000_000)
        #expect(meter.clock.runs.count == 1 && meter.clock.origin == set)
        // And back again: the old time is a run before it, kept as the clock is there now.
        meter.advance(to: boot)
        #expect(meter.clock.runs.map(\.origin) == [boot, set])
        meter.forget(slot: set / 300_000_000_000, now: boot)
        #expect(meter.clock.runs.map(\.origin) == [boot])
    }
}
