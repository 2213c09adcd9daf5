import Dispatch
import Foundation
import Synchronization

/// The data connections of a test: one thread each, sending blocks or counting what arrives.
final class DataStreams: Sendable {
    let sockets: [TCPSocket]
    private let counters: [Counter]
    private let stopped = Atomic<Bool>(false)
    /// Whether ``close(timeout:)`` ran: a second call must not shut a descriptor number that
    /// another connection may have been given since.
    private let closed = Atomic<Bool>(false)
    private let group = DispatchGroup()

    final class Counter: Sendable {
        let bytes = Atomic<UInt64>(0)
    }

    init(_ sockets: [TCPSocket]) {
        self.sockets = sockets
        counters = sockets.map { _ in Counter() }
    }

    /// Starts one thread per stream: senders write `blockSize` blocks until stopped, receivers
    /// read until the peer closes or the stream is shut.
    func start(sending: Bool, blockSize: Int) {
        for (socket, counter) in zip(sockets, counters) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                if sending {
                    let block = [UInt8](repeating: 0x5A, count: blockSize)
                    socket.setTimeout(3)
                    while !stopped.load(ordering: .relaxed) {
                        guard (try? block.withUnsafeBytes { try socket.send($0) }) != nil else { return }
                        counter.bytes.add(UInt64(blockSize), ordering: .relaxed)
                    }
                } else {
                    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
                    defer { buffer.deallocate() }
                    while true {
                        guard let count = try? socket.receive(into: buffer), count > 0 else { return }
                        counter.bytes.add(UInt64(count), ordering: .relaxed)
                    }
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Bytes moved so far, per stream: for a receiver the kernel's count of bytes that arrived
    /// (unaffected by how soon the threads read them), else what the threads wrote.
    func bytes(receiving: Bool) -> [UInt64] {
        zip(sockets, counters).map { socket, counter in
            (receiving ? socket.kernelBytesReceived() : nil) ?? counter.bytes.load(ordering: .relaxed)
        }
    }

    /// Stops the senders (receivers keep draining until `close`).
    func stopSending() { stopped.store(true, ordering: .relaxed) }

    /// Shuts every stream and waits for the threads, then closes the sockets. A thread still
    /// inside a call after `timeout` seconds keeps its socket open (closed when the last
    /// reference goes), so its number cannot be handed to another connection under it.
    func close(timeout: Double = 5) {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        stopped.store(true, ordering: .relaxed)
        for socket in sockets { socket.shutdownBoth() }
        guard group.wait(timeout: .now() + timeout) == .success else { return }
        for socket in sockets { socket.close() }
    }
}
