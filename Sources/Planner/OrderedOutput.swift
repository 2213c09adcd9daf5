import Foundation

/// Hands pieces made by concurrent workers to one consumer, in their order: a piece waits
/// only until every piece before it has been handed on, and no worker waits for the consumer.
final class OrderedOutput: @unchecked Sendable {
    private let emit: ([UInt8]) -> Void
    private var waiting: [Int: [UInt8]] = [:]
    private var next = 0
    /// Whether a worker is handing pieces on; it takes every piece that becomes next meanwhile.
    private var emitting = false
    private let lock = NSLock()

    init(emit: @escaping ([UInt8]) -> Void) {
        self.emit = emit
    }

    /// Piece `index` (the first is 0); emits every piece that is now next in line, unless
    /// another worker is already doing so.
    func put(_ piece: [UInt8], at index: Int = 0) {
        lock.lock()
        defer { lock.unlock() }
        waiting[index] = piece
        guard !emitting else { return }
        emitting = true
        while let piece = waiting.removeValue(forKey: next) {
            next += 1
            lock.unlock()
            emit(piece)
            lock.lock()
        }
        emitting = false
    }
}
