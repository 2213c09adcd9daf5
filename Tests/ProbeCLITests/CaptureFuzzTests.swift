import Foundation
import PacketCapture
import ProbeAgent
import SampleCity
import TestSupport
import Testing

@testable import ProbeCLI

/// A committed capture cut to its first records, with where each record's fields are.
struct FuzzBase {
    var name: String
    var bytes: [UInt8]
    /// Offsets of the 32-bit time fields (pcap: seconds and fraction; pcapng: high and low).
    var timeFields: [Int]
    /// Offsets of the 32-bit length fields (record and block lengths, captured lengths).
    var lengthFields: [Int]

    /// The first `records` records of a little-endian pcap or pcapng capture.
    init(path: String, records: Int) throws {
        let all = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        func u32(_ offset: Int) -> Int { all[offset..<offset + 4].reversed().reduce(0) { $0 << 8 | Int($1) } }
        name = (path as NSString).lastPathComponent
        timeFields = []
        lengthFields = []
        var offset: Int
        var count = 0
        if u32(0) == 0x0A0D_0D0A {
            offset = 0
            while offset + 12 <= all.count, count < records {
                let kind = u32(offset)
                lengthFields.append(offset + 4)
                if kind == 6 {
                    timeFields += [offset + 12, offset + 16]
                    lengthFields += [offset + 20, offset + 24]
                    count += 1
                }
                offset += u32(offset + 4)
            }
        } else {
            offset = 24
            lengthFields.append(16)  // the snap length
            while offset + 16 <= all.count, count < records {
                timeFields += [offset, offset + 4]
                lengthFields += [offset + 8, offset + 12]
                offset += 16 + u32(offset + 8)
                count += 1
            }
        }
        bytes = Array(all[..<min(offset, all.count)])
    }

    /// A few random damages: flipped bytes (mostly in the headers), a cut, inserted bytes,
    /// time and length fields rewritten with extreme or random values.
    func mutated(using random: inout SeededGenerator) -> [UInt8] {
        var out = bytes
        let extremes: [UInt32] = [0, 1, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 999_999, 1_000_000, 0xFFFF_FFF0]
        func field(_ offsets: [Int]) -> Int? {
            offsets.isEmpty ? nil : offsets[Int.random(in: 0..<offsets.count, using: &random)]
        }
        func write(_ value: UInt32, at offset: Int) {
            guard offset + 4 <= out.count else { return }
            for index in 0..<4 { out[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(index))) }
        }
        for _ in 0..<Int.random(in: 1...4, using: &random) where !out.isEmpty {
            switch Int.random(in: 0..<7, using: &random) {
            case 0:  // a byte anywhere
                out[Int.random(in: 0..<out.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            case 1:  // a byte in the file and first record headers
                out[Int.random(in: 0..<min(out.count, 160), using: &random)] ^=
                    1 << UInt8.random(in: 0..<8, using: &random)
            case 2:  // a cut
                out.removeLast(Int.random(in: 1...out.count, using: &random))
            case 3:  // inserted bytes
                let inserted = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                    UInt8.random(in: 0...255, using: &random)
                }
                out.insert(contentsOf: inserted, at: Int.random(in: 0...out.count, using: &random))
            case 4, 5:  // a time field
                guard let offset = field(timeFields) else { continue }
                let value =
                    Bool.random(using: &random)
                    ? extremes[Int.random(in: 0..<extremes.count, using: &random)]
                    : UInt32.random(in: 0...UInt32.max, using: &random)
                write(value, at: offset)
            default:  // a length field
                guard let offset = field(lengthFields) else { continue }
                write(extremes[Int.random(in: 0..<extremes.count, using: &random)], at: offset)
            }
        }
        return out
    }
}

@Suite("Damaged captures, at random")
struct CaptureFuzzTests {
    /// Mutations in all; `SCHOOLNET_FUZZ_ITERATIONS=100000` runs longer.
    static let iterations = Fuzzing.iterations(default: 3000)
    /// The generator's seed; `SCHOOLNET_FUZZ_SEED` tries others.
    static let seed = Fuzzing.seed(default: 14)

    static let captures = [
        "ethernet.pcap", "ethernet.pcapng", "nano.pcap", "any-sll.pcap", "any-sll2.pcap", "vlan.pcap", "raw-ip.pcap",
    ]

    /// Reads a capture as `analyze` does, into every output format.
    static func analyze(_ path: String) throws {
        var config = AgentConfig()
        config.localPrefixes = [IPPrefix("10.201.0.1")!, IPPrefix("fd00:201::1")!]
        config.classNetworks = [ClassNetwork(name: "tests", match: .prefix(IPPrefix("10.201.0.0/24")!))]
        for align in [true, false] {
            let report = try AnalyzeCommand.report(file: path, config: config, alignOnFirstPacket: align)
            _ = (report.table(), report.json(), report.secondsCSV())
        }
    }

    /// Thousands of seeded random damages to the committed captures (bytes flipped, files cut,
    /// bytes inserted, times and lengths rewritten) are each read to the end or refused with a
    /// `CaptureError` naming the file; none crashes the process (the test ending proves it).
    /// After a crash, the input that caused it is the file named in the test's first line.
    @Test func mutatedCapturesNeverCrash() throws {
        let bases = try Self.captures.map { try FuzzBase(path: ProbeProcess.capture($0), records: 40) }
        let path = ProbeProcess.temporaryPath("-fuzz-input")
        print("fuzz: seed \(Self.seed), \(Self.iterations) mutations, input at \(path)")
        var random = SeededGenerator(seed: Self.seed)
        var refused = 0
        for iteration in 0..<Self.iterations {
            let base = bases[iteration % bases.count]
            try Data(base.mutated(using: &random)).write(to: URL(fileURLWithPath: path))
            do {
                try Self.analyze(path)
            } catch let error as CaptureError {
                refused += 1
                #expect(error.description.hasPrefix(path + ": "), "\(error)")
                #expect([.damagedFile, .notACapture, .unsupportedLinkType].contains(error.code), "\(error)")
            } catch {
                Issue.record("mutation \(iteration) of \(base.name) (seed \(Self.seed)): \(error)")
            }
        }
        try? FileManager.default.removeItem(atPath: path)
        // Both outcomes happen: the damages are neither all harmless nor all fatal.
        #expect(refused > 0 && refused < Self.iterations)
    }

    /// Inputs the fuzz test found crashing the reader before it was fixed, named by seed and
    /// mutation, kept as regression cases: each is refused with an error naming it. (The first:
    /// a pcapng time of 18446744070665 s, whose nanoseconds overflowed Int64 and trapped.)
    @Test(arguments: try FileManager.default.contentsOfDirectory(atPath: ProbeProcess.capture("fuzz")).sorted())
    func foundCrashes(file: String) {
        let path = ProbeProcess.capture("fuzz/\(file)")
        #expect(throws: CaptureError.self, "\(file)") { try Self.analyze(path) }
        let result = try? ProbeProcess.run(ProbeProcess.probe, ["analyze", path])
        #expect(
            result?.status == 2 && result?.stderr.hasPrefix("error: \(path): ") == true, "\(String(describing: result))"
        )
    }
}
