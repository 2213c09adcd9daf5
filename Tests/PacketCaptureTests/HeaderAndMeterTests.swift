import Testing

@testable import PacketCapture

/// Frames built byte by byte for the header parser.
enum Frames {
    static let ipv4: [UInt8] = {
        var header = [UInt8](repeating: 0, count: 20)
        header[0] = 0x45
        header[12...15] = [10, 12, 1, 7]
        header[16...19] = [203, 0, 113, 9]
        return header
    }()

    static let ipv6: [UInt8] = {
        var header = [UInt8](repeating: 0, count: 40)
        header[0] = 0x60
        header[8...9] = [0x20, 0x01]
        header[10...11] = [0x0d, 0xb8]
        header[23] = 1  // 2001:db8::1
        header[24...25] = [0xfd, 0x00]
        header[39] = 2  // fd00::2
        return header
    }()

    static func ethernet(_ etherType: UInt16, tags: [UInt16] = [], _ payload: [UInt8]) -> [UInt8] {
        var frame = [UInt8](repeating: 0xAA, count: 12)
        for tag in tags { frame += [0x81, 0x00, UInt8(tag >> 8), UInt8(tag & 0xFF)] }
        return frame + [UInt8(etherType >> 8), UInt8(etherType & 0xFF)] + payload
    }

    static func parse(_ bytes: [UInt8], _ linkType: LinkType) -> PacketHeaders {
        bytes.withUnsafeBytes { PacketHeaders.parse($0, linkType: linkType) }
    }
}

@Suite("Headers, prefixes and the meter")
struct HeaderAndMeterTests {
    @Test func ethernetAndTags() {
        let plain = Frames.parse(Frames.ethernet(0x0800, Frames.ipv4), .ethernet)
        #expect(plain.vlan == nil && plain.source == IPPrefix.address("10.12.1.7"))
        #expect(plain.destination == IPPrefix.address("203.0.113.9"))
        let tagged = Frames.parse(Frames.ethernet(0x0800, tags: [0x2014], Frames.ipv4), .ethernet)
        #expect(tagged.vlan == 20 && tagged.source == plain.source)  // priority bits dropped
        let qinq = Frames.parse(Frames.ethernet(0x86DD, tags: [100, 30], Frames.ipv6), .ethernet)
        #expect(qinq.vlan == 100 && qinq.source == IPPrefix.address("2001:db8::1"))
        #expect(qinq.destination == IPPrefix.address("fd00::2"))
    }

    @Test func cookedAndRaw() {
        var sll = [UInt8](repeating: 0, count: 16)
        sll[14...15] = [0x86, 0xDD]
        #expect(Frames.parse(sll + Frames.ipv6, .linuxCooked).source == IPPrefix.address("2001:db8::1"))
        var sll2 = [UInt8](repeating: 0, count: 20)
        sll2[0...1] = [0x08, 0x00]
        #expect(Frames.parse(sll2 + Frames.ipv4, .linuxCookedV2).destination == IPPrefix.address("203.0.113.9"))
        #expect(Frames.parse(Frames.ipv4, .rawIP).source == IPPrefix.address("10.12.1.7"))
        #expect(Frames.parse(Frames.ipv6, .rawIP).source == IPPrefix.address("2001:db8::1"))
    }

    /// Cut headers, non-IP frames and a wrong IP version give no addresses and never read past the end.
    @Test(arguments: [0, 5, 13, 14, 17, 33, 37])
    func shortFrames(length: Int) {
        let frame = Array(Frames.ethernet(0x86DD, Frames.ipv6).prefix(length))
        #expect(Frames.parse(frame, .ethernet).source == nil)
        #expect(
            Frames.parse(Array(Frames.ethernet(0x0800, tags: [5], Frames.ipv4).prefix(length)), .ethernet).source == nil
        )
    }

    @Test func nonIP() {
        #expect(Frames.parse(Frames.ethernet(0x0806, [UInt8](repeating: 0, count: 28)), .ethernet) == PacketHeaders())
        var wrongVersion = Frames.ipv4
        wrongVersion[0] = 0x65
        #expect(Frames.parse(Frames.ethernet(0x0800, wrongVersion), .ethernet).source == nil)
    }

    @Test func prefixes() throws {
        let v4 = try #require(IPPrefix("10.12.1.7/16"))
        #expect(v4.description == "10.12.0.0/16")
        #expect(v4.contains(IPPrefix.address("10.12.255.1")!) && !v4.contains(IPPrefix.address("10.13.0.1")!))
        #expect(!v4.contains(IPPrefix.address("::a0c:101")!))  // another family
        let v6 = try #require(IPPrefix("2001:db8:12::/48"))
        #expect(
            v6.contains(IPPrefix.address("2001:db8:12:ffff::1")!) && !v6.contains(IPPrefix.address("2001:db8:13::1")!))
        #expect(IPPrefix("fd00::1/128")?.contains(IPPrefix.address("fd00::1")!) == true)
        #expect(IPPrefix("0.0.0.0/0")?.contains(IPPrefix.address("8.8.8.8")!) == true)
        #expect(IPPrefix("::/0")?.contains(IPPrefix.address("fd00::1")!) == true)
        #expect(IPPrefix("2001:db8::/65")?.contains(IPPrefix.address("2001:db8::8000:0:0:1")!) == false)
        for bad in ["10.0.0.0/33", "10.0.0/8", "school", "10.0.0.0/", "::/129", ""] { #expect(IPPrefix(bad) == nil) }
        #expect(IPPrefix.text(IPPrefix.address("2001:db8::1")!) == "2001:db8::1")
    }

    /// Direction by the school's prefixes; internal and non-IP traffic only in the totals; class
    /// networks by prefix or VLAN; the sample's mean, nearest-rank p95 and peak of 1-second rates.
    @Test func meterAndSample() throws {
        let school = IPPrefix.address("10.12.1.7")!
        let outside = IPPrefix.address("203.0.113.9")!
        var meter = TrafficMeter(
            localPrefixes: [IPPrefix("10.12.0.0/16")!],
            classNetworks: [
                ClassNetwork(name: "1班", match: .vlan(20)),
                ClassNetwork(name: "office", match: .prefix(IPPrefix("10.12.1.0/24")!)),
            ])
        let slotStart: Int64 = 1_764_300_000 * 1_000_000_000  // a multiple of 300 s
        // 20 seconds: second k carries (k + 1) x 1000 bytes down, tagged VLAN 20, and 500 up.
        for k in 0..<20 {
            let time = slotStart + Int64(k) * 1_000_000_000 + 250_000_000
            meter.add(
                time: time, length: (k + 1) * 1000,
                headers: PacketHeaders(vlan: 20, source: outside, destination: school))
            meter.add(time: time, length: 500, headers: PacketHeaders(source: school, destination: outside))
            meter.add(time: time, length: 60, headers: PacketHeaders(source: school, destination: school))
            meter.add(time: time, length: 42, headers: PacketHeaders())
        }
        #expect(meter.clock.seconds.count == 20 && meter.clock.origin == slotStart)
        #expect(meter.clock.seconds[3].bytes == (4000, 500, 102) && meter.clock.seconds[3].packets == (1, 1, 2))
        let sample = try #require(UtilisationSample.samples(of: meter).first)
        #expect(sample.startSeconds == slotStart / 1_000_000_000 && sample.coveredSeconds == 20 && sample.drops == nil)
        // Down: 1..20 kB a second = 0.008..0.16 Mbit/s; mean 0.084; p95 = 19th of 20 = 0.152.
        #expect(abs(sample.down.meanMbps - 0.084) < 1e-9 && abs(sample.down.p95Mbps - 0.152) < 1e-9)
        #expect(abs(sample.down.peakMbps - 0.16) < 1e-9 && abs(sample.up.meanMbps - 0.004) < 1e-9)
        #expect(sample.topClasses.map(\.name) == ["1班", "office"])
        #expect(abs(sample.topClasses[0].downMbps - 0.084) < 1e-9 && sample.topClasses[0].upMbps == 0)
        #expect(abs(sample.topClasses[1].upMbps - 0.004) < 1e-9)
    }

    /// Seconds aligned on the first packet round to microseconds, as tshark does; a packet
    /// earlier than the first is set aside, not counted in a wrong second.
    @Test func alignment() {
        var series = SecondSeries(alignOnFirstPacket: true)
        series.add(1_000_000_000_123, .down, bytes: 10)
        series.add(1_001_000_000_122, .down, bytes: 20)  // 0.999999999 s later: rounds to 1 s
        series.add(1_000_999_999_000, .down, bytes: 30)  // 0.999998877 s later: still second 0
        series.add(999_000_000_000, .down, bytes: 99)
        #expect(series.seconds.map(\.bytes.down) == [40, 20] && series.early == 1)
        var clock = SecondSeries(alignOnFirstPacket: false)
        clock.add(1_000_999_999_999, .up, bytes: 1)
        clock.add(1_001_000_000_000, .up, bytes: 2)
        #expect(clock.origin == 1_000_000_000_000 && clock.seconds.map(\.bytes.up) == [1, 2])
    }

    /// A quiet link still has samples: the seconds a live capture saw nothing count as 0.
    @Test func quietSeconds() throws {
        var meter = TrafficMeter(localPrefixes: [IPPrefix("10.0.0.0/8")!])
        let start: Int64 = 1_764_300_000 * 1_000_000_000
        meter.advance(to: start)
        meter.advance(to: start + 9_500_000_000)
        #expect(meter.clock.seconds.count == 10 && meter.packets == 0)
        let sample = try #require(UtilisationSample.samples(of: meter, drops: [1_764_300_000: 0]).first)
        #expect(sample.coveredSeconds == 10 && sample.down.meanMbps == 0 && sample.down.peakMbps == 0)
        #expect(sample.drops == 0)
    }
}
