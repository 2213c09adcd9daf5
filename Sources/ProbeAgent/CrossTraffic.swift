import Foundation
import PacketCapture
import Synchronization

/// Counts the other traffic on the link while a test runs: a live capture of the interface with
/// the test's own connections filtered out, in the test's direction. The test's goodput plus
/// this is the link's capacity estimate (standards.md), so a busy school is not judged slow.
public final class CrossTraffic: @unchecked Sendable {
    private let source: PacketSource
    private let stopped = Atomic<Bool>(false)
    private let done = DispatchSemaphore(value: 0)
    private var meter: TrafficMeter
    private var started = Date()
    private var ended = Date()

    /// Starts capturing `interface`, leaving out the test's traffic to `server` on `port`.
    public init(interface: String, localPrefixes: [IPPrefix], server: String, port: Int) throws {
        var options = LiveOptions(interface: interface)
        options.snapLength = 128
        source = try PacketSource.live(options)
        try source.setFilter("not (host \(server) and port \(port))")
        meter = TrafficMeter(localPrefixes: localPrefixes)
        let thread = Thread { [self] in
            started = Date()
            while !stopped.load(ordering: .relaxed) {
                guard let next = try? source.next() else { break }
                if case .packet(let packet) = next { meter.add(packet, linkType: source.linkType) }
                if case .end = next { break }
            }
            ended = Date()
            done.signal()
        }
        thread.start()
    }

    /// Stops and gives the mean rate of the other traffic in a direction, in Mbit/s on the wire,
    /// and the kernel's drops (a capture that dropped undercounts).
    public func finish(download: Bool) -> (mbps: Double, dropped: UInt64) {
        stopped.store(true, ordering: .relaxed)
        source.stop()
        done.wait()
        let seconds = max(ended.timeIntervalSince(started), 1e-3)
        let bytes = meter.clock.seconds.reduce(UInt64(0)) { $0 + (download ? $1.bytes.down : $1.bytes.up) }
        return (Double(bytes) * 8 / seconds / 1e6, source.stats()?.dropped ?? 0)
    }
}
