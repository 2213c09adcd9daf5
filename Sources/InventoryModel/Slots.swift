import Foundation

/// Values that concurrent workers hand back, one slot each, each written once.
public final class Slots<Value>: @unchecked Sendable {
    private var slots: [Value]
    private let lock = NSLock()

    public init(count: Int, initial: Value) {
        slots = Array(repeating: initial, count: count)
    }

    public func set(_ index: Int, _ value: Value) {
        lock.withLock { slots[index] = value }
    }

    /// Every slot, once the workers are done.
    public var values: [Value] { lock.withLock { slots } }
}
