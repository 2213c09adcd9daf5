import Foundation
import Testing

@testable import PacketCapture

/// The committed captures in Probes/captures (made by Probes/captures/make-captures.sh).
enum Captures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Probes/captures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The real traffic captures, one per link layer and file format.
    static let good = [
        "ethernet.pcap", "ethernet.pcapng", "nano.pcap", "any-sll.pcap", "any-sll2.pcap", "vlan.pcap", "raw-ip.pcap",
    ]
}

/// Frames and bytes per interval as `tshark -q -z io,stat,1 -r FILE` prints them.
enum TShark {
    static func ioStat(_ path: String) throws -> [(frames: UInt64, bytes: UInt64)] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tshark")
        process.arguments = ["-q", "-z", "io,stat,1", "-r", path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Rows look like "|  3 <> 4  |    644 | 645148 |" and, last, "|  5 <> Dur|    163 | 151976 |".
        return text.split(separator: "\n").filter { $0.contains("<>") }.map { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return (UInt64(cells[1])!, UInt64(cells[2])!)
        }
    }
}

/// Reads a capture file through a meter aligned like tshark's io,stat.
func meter(_ path: String, local: [String] = [], filter: String? = nil) throws -> TrafficMeter {
    let source = try PacketSource.open(file: path)
    if let filter { try source.setFilter(filter) }
    var meter = TrafficMeter(localPrefixes: local.compactMap(IPPrefix.init), alignOnFirstPacket: true)
    while case .packet(let packet) = try source.next() { meter.add(packet, linkType: source.linkType) }
    return meter
}

@Suite("Capture files against tshark")
struct CaptureFileTests {
    /// Per-second frames and bytes equal tshark's io,stat, interval for interval, for every link
    /// layer and file format committed.
    @Test(arguments: Captures.good)
    func sameAsTShark(file: String) throws {
        let path = Captures.path(file)
        let expected = try TShark.ioStat(path)
        let seconds = try meter(path).relative!.seconds
        #expect(!expected.isEmpty)
        #expect(seconds.count == expected.count)
        for (index, (second, peer)) in zip(seconds, expected).enumerated() {
            #expect(second.totalPackets == peer.frames && second.totalBytes == peer.bytes, "second \(index) of \(file)")
        }
    }

    /// Every format gives the same traffic: the pcapng copy and the nanosecond capture read like
    /// the microsecond pcap; tags and link headers change only the byte counts by their size.
    @Test func formatsAgree() throws {
        let base = try meter(Captures.path("ethernet.pcap"), local: ["10.201.0.1", "fd00:201::1"])
        let pcapng = try meter(Captures.path("ethernet.pcapng"), local: ["10.201.0.1", "fd00:201::1"])
        #expect(base.clock.seconds == pcapng.clock.seconds && base.packets == pcapng.packets)
        let vlan = try meter(Captures.path("vlan.pcap"), local: ["10.201.0.1", "fd00:201::1"])
        #expect(vlan.bytes == base.bytes + 4 * base.packets)
        let down = base.clock.seconds.reduce(0) { $0 + $1.packets.down }
        let up = base.clock.seconds.reduce(0) { $0 + $1.packets.up }
        #expect(vlan.clock.seconds.reduce(0) { $0 + $1.packets.down } == down)
        // Both tests of the capture crossed the link: IPv4 upstream, then IPv6 downstream.
        #expect(down > 1000 && up > 1000)
        let raw = try meter(Captures.path("raw-ip.pcap"), local: ["10.201.0.1", "fd00:201::1"])
        #expect(raw.clock.seconds.reduce(0) { $0 + $1.packets.up } == up)
        // The nanosecond capture keeps its nanoseconds: some times are not whole microseconds.
        let nano = try PacketSource.open(file: Captures.path("nano.pcap"))
        #expect(nano.nanosecondTimestamps)
        var subMicrosecond = 0
        while case .packet(let packet) = try nano.next() {
            if packet.timestampNs % 1000 != 0 { subMicrosecond += 1 }
        }
        #expect(subMicrosecond > 0)
        let micro = try PacketSource.open(file: Captures.path("ethernet.pcap"))
        while case .packet(let packet) = try micro.next() { #expect(packet.timestampNs % 1000 == 0) }
    }

    /// A BPF filter keeps only what it matches; a bad one is an error with libpcap's reason.
    @Test func filters() throws {
        let all = try meter(Captures.path("ethernet.pcap"))
        let v6 = try meter(Captures.path("ethernet.pcap"), filter: "ip6")
        let v4 = try meter(Captures.path("ethernet.pcap"), filter: "ip")
        #expect(v6.packets > 0 && v4.packets > 0 && v4.packets + v6.packets <= all.packets)
        #expect(throws: CaptureError.self) { try meter(Captures.path("ethernet.pcap"), filter: "tcp port") }
        do {
            _ = try meter(Captures.path("ethernet.pcap"), filter: "host nosuchhost.invalid and")
            Issue.record("a bad filter was accepted")
        } catch let error as CaptureError {
            #expect(error.description.hasPrefix("bad filter \"host nosuchhost.invalid and\": "))
        }
    }

    /// Damaged and foreign files are errors naming the file and what is wrong, with a code to
    /// switch on, never a crash: a pcapng time past 2262 once trapped converting to nanoseconds.
    @Test(arguments: [
        ("bad-truncated.pcap", "truncated dump file", CaptureError.Code.damagedFile),
        ("bad-record-length.pcap", "bigger than snaplen", .damagedFile),
        ("bad-link-type.pcap", "link type 147", .unsupportedLinkType),
        ("bad-not-a-capture.pcap", "not a capture file (pcap or pcapng)", .notACapture),
        ("no-such-file.pcap", "No such file", .cannotOpen),
        ("bad-time.pcapng", "packet 21: time 18446744006240 s 963814000 is outside 1677-2262", .damagedFile),
        ("bad-truncated.pcapng", "packet 31: truncated pcapng dump file", .damagedFile),
    ])
    func badFiles(file: String, message: String, code: CaptureError.Code) {
        do {
            _ = try meter(Captures.path(file))
            Issue.record("\(file) was read")
        } catch let error as CaptureError {
            #expect(error.description.hasPrefix(Captures.path(file) + ": "), "\(error)")
            #expect(error.description.contains(message), "\(error)")
            #expect(error.code == code, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

/// The public sample captures Debian ships (pcapfix's and python3-dpkt's examples, installed by
/// Scripts/install-deps.sh), damaged ones included: each is read like tshark reads it, or
/// refused with an error naming it, as libpcap itself refuses it; never a crash.
@Suite("Debian's sample captures")
struct DebianSampleTests {
    static let folders = ["/usr/share/doc/pcapfix/examples", "/usr/share/doc/python3-dpkt/examples/data"]

    static var files: [String] {
        folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
                $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng")
            }.sorted().map { folder + "/" + $0 }
        }
    }

    @Test func samplesArePresent() {
        #expect(Self.files.count >= 9, "install pcapfix and python3-dpkt (Scripts/install-deps.sh)")
    }

    @Test(arguments: files)
    func readOrRefused(path: String) throws {
        do {
            let seconds = try meter(path).relative!.seconds
            let expected = try TShark.ioStat(path)
            if expected.isEmpty {
                // tshark prints no interval for a capture that lasts no time: one packet here.
                #expect(seconds.count == 1 && seconds[0].totalPackets == 1, "\(path)")
            } else {
                #expect(seconds.map(\.totalPackets) == expected.map(\.frames), "\(path)")
                #expect(seconds.map(\.totalBytes) == expected.map(\.bytes), "\(path)")
            }
        } catch let error as CaptureError {
            #expect(error.description.hasPrefix(path + ": "))
            #expect(
                ["truncated dump file", "not a capture file"].contains { error.description.contains($0) },
                "\(error)")
        }
    }
}
