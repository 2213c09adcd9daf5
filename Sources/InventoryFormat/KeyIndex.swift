import Foundation

/// A set of text keys with the row each came from, built for millions of keys.
///
/// An open-addressing table of 64-bit FNV-1a hashes: a lookup hashes the key's bytes once and
/// compares Strings only when two hashes agree, where `Dictionary<String, Int>` would seed and
/// run SipHash and resize its storage several times on the way to millions of entries.
struct KeyIndex {
    /// A slot: the key's hash and its place in `keys` (-1 when the slot is free), side by
    /// side so a probe touches one cache line.
    private struct Slot {
        var hash: UInt64
        var index: Int32
    }

    private var slots: [Slot]
    private(set) var keys: [String] = []
    private var rowsOfKeys: [Int32] = []
    private var mask: Int

    /// A table sized for about `expected` keys.
    init(expected: Int = 16) {
        var capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(hash: 0, index: -1), count: capacity)
        mask = capacity - 1
        keys.reserveCapacity(expected)
        rowsOfKeys.reserveCapacity(expected)
    }

    /// Every key with the row it was first seen at, in insertion order.
    var entries: Zip2Sequence<[String], LazyMapSequence<[Int32], Int>> {
        zip(keys, rowsOfKeys.lazy.map { Int($0) })
    }

    /// Adds a key first seen at `row`; when the key is already there, returns its first row and
    /// adds nothing.
    mutating func insert(_ key: String, row: Int) -> Int? {
        let (slot, hash, found) = probe(key)
        if let found { return found }
        slots[slot] = Slot(hash: hash, index: Int32(keys.count))
        keys.append(key)
        rowsOfKeys.append(Int32(truncatingIfNeeded: row))
        if keys.count * 2 > slots.count { grow() }
        return nil
    }

    /// The row a key was first seen at, or nil.
    func row(of key: String) -> Int? {
        probe(key).foundRow
    }

    /// The slot that holds the key (with its row), or the free slot where it would go.
    @inline(__always)
    private func probe(_ key: String) -> (slot: Int, hash: UInt64, foundRow: Int?) {
        let hash = KeyIndex.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].index >= 0 {
            let index = Int(slots[slot].index)
            if slots[slot].hash == hash, keys[index] == key { return (slot, hash, Int(rowsOfKeys[index])) }
            slot = (slot + 1) & mask
        }
        return (slot, hash, nil)
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        var newSlots = Array(repeating: Slot(hash: 0, index: -1), count: capacity)
        let newMask = capacity - 1
        for slot in slots where slot.index >= 0 {
            var target = Int(truncatingIfNeeded: slot.hash) & newMask
            while newSlots[target].index >= 0 { target = (target + 1) & newMask }
            newSlots[target] = slot
        }
        slots = newSlots
        mask = newMask
    }

    /// FNV-1a over the UTF-8 bytes, with a final mix so that nearby keys spread over the table.
    static func hash(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { hash(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func hash(bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        return h ^ (h >> 33)
    }
}

/// The Strings of a column that repeats a few values, found by their bytes, so that equal cells
/// share one String. Holds at most ``limit`` values: a column of mostly distinct values gains
/// nothing from it, and each part of a file has its own.
struct Interner {
    static let limit = 1024
    /// Indexes into `texts` by hash, -1 when free; empty until the first value.
    private var slots: [Int32] = []
    private var hashes: [UInt64] = []
    private var texts: [String] = []
    /// The bytes of every value, one after another, and where each value's bytes lie.
    private var arena: [UInt8] = []
    private var spans: [Range<Int>] = []

    /// The String of these bytes, when known.
    func lookup(_ bytes: UnsafeRawBufferPointer) -> String? {
        guard !slots.isEmpty else { return nil }
        let hash = KeyIndex.hash(bytes: bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBytes { arena in
            while slots[slot] >= 0 {
                let index = Int(slots[slot])
                let span = spans[index]
                if hashes[index] == hash, CSVReader.equal(UnsafeRawBufferPointer(rebasing: arena[span]), bytes) {
                    return texts[index]
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    /// Remembers the String of bytes that ``lookup(_:)`` did not know.
    mutating func insert(_ text: String, bytes: UnsafeRawBufferPointer) {
        guard texts.count < Interner.limit, bytes.count > 0 else { return }
        if slots.isEmpty { slots = Array(repeating: -1, count: Interner.limit * 2) }
        let hash = KeyIndex.hash(bytes: bytes)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(texts.count)
        hashes.append(hash)
        texts.append(text)
        spans.append(arena.count..<(arena.count + bytes.count))
        arena.append(contentsOf: bytes)
    }
}

/// The keys of one file (the school codes), which rows of other files name: each found by its
/// bytes, with its place in the file. Read concurrently, never written.
final class KnownKeys: Sendable {
    /// Every key's bytes, one after another; key `i` lies at `starts[i]..<starts[i + 1]`.
    private let arena: [UInt8]
    private let starts: [Int]
    /// Whether the keys are in strictly increasing byte order (as every file SchoolNet exports
    /// has them), and so found by halving without a table.
    private let ascending: Bool
    /// Open addressing over key places (-1 free), by hash, when the keys are not in order.
    private let slots: [Int32]

    init(_ keys: [String]) {
        var arena: [UInt8] = []
        var starts = [0]
        starts.reserveCapacity(keys.count + 1)
        for var key in keys {
            key.withUTF8 { arena.append(contentsOf: $0) }
            starts.append(arena.count)
        }
        self.arena = arena
        self.starts = starts
        let ascending = arena.withUnsafeBytes { arena in
            (1..<max(keys.count, 1)).allSatisfy { i in
                CSVReader.compare(
                    KnownKeys.key(i - 1, arena: arena, starts: starts), KnownKeys.key(i, arena: arena, starts: starts))
                    < 0
            }
        }
        self.ascending = ascending
        guard !ascending else {
            slots = []
            return
        }
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        var slots = [Int32](repeating: -1, count: capacity)
        arena.withUnsafeBytes { arena in
            for i in keys.indices {
                var slot = Int(truncatingIfNeeded: KeyIndex.hash(bytes: KnownKeys.key(i, arena: arena, starts: starts)))
                while slots[slot & (capacity - 1)] >= 0 { slot += 1 }
                slots[slot & (capacity - 1)] = Int32(i)
            }
        }
        self.slots = slots
    }

    @inline(__always)
    private static func key(_ i: Int, arena: UnsafeRawBufferPointer, starts: [Int]) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: arena[starts[i]..<starts[i + 1]])
    }

    /// The place of the key with these bytes (the first, should keys repeat), or nil.
    ///
    /// - Parameter guess: a likely place, tried first: rows that follow the order of the keys'
    ///   file name the key after the last one found.
    func place(of bytes: UnsafeRawBufferPointer, guess: Int32 = -1) -> Int32? {
        arena.withUnsafeBytes { arena in
            if ascending, guess >= 0, Int(guess) < starts.count - 1,
                CSVReader.equal(KnownKeys.key(Int(guess), arena: arena, starts: starts), bytes)
            {
                return guess
            }
            if ascending {
                var low = 0
                var high = starts.count - 1
                while low < high {
                    let middle = (low + high) / 2
                    if CSVReader.compare(KnownKeys.key(middle, arena: arena, starts: starts), bytes) < 0 {
                        low = middle + 1
                    } else {
                        high = middle
                    }
                }
                let found =
                    low < starts.count - 1
                    && CSVReader.compare(
                        KnownKeys.key(low, arena: arena, starts: starts), bytes) == 0
                return found ? Int32(low) : nil
            }
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: KeyIndex.hash(bytes: bytes))
            while slots[slot & mask] >= 0 {
                let place = Int(slots[slot & mask])
                if CSVReader.compare(KnownKeys.key(place, arena: arena, starts: starts), bytes) == 0 {
                    return Int32(place)
                }
                slot += 1
            }
            return nil
        }
    }
}
