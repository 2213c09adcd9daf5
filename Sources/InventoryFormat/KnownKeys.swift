import Foundation

/// The keys of one file (the school codes), which rows of other files name: each found by its
/// bytes, with its place in the file. Read concurrently, never written. The keys are unique: a
/// file whose keys repeat has issues, and other files are not checked against it.
///
/// Rows that follow the order of the keys' file find their key at the place after the last
/// one (the guess). Any other row goes through a table whose slots hold a key of up to 16
/// bytes (a school code) themselves, so that a lookup in a shuffled file touches one cache
/// line, where a slot pointing at the key's bytes elsewhere took three.
final class KnownKeys: @unchecked Sendable {
    /// Every key's bytes, one after another; key `i` lies at `starts[i]..<starts[i + 1]`.
    private let arena: [UInt8]
    private let starts: [Int]
    /// Open addressing by hash, linear probing, in memory aligned to cache lines (two slots a
    /// line); a free slot has place -1. Written only by `init`.
    private let slots: UnsafeMutableBufferPointer<Slot>

    /// A key's place and its bytes when they are 16 or fewer; for a longer key, the top half
    /// of its hash, compared before the bytes in the arena are. 32 bytes.
    private struct Slot {
        var words: ShortKey
        var place: Int32
        var hashTag: UInt32
    }

    /// Up to 16 bytes of a key, zero after its end, with its length; a longer key has its
    /// length alone.
    private struct ShortKey: Equatable {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        var count: UInt32 = 0

        static let maximum = 16

        init() {}

        @inline(__always)
        init(_ bytes: UnsafeRawBufferPointer) {
            let count = bytes.count
            self.count = UInt32(truncatingIfNeeded: min(count, Int(UInt32.max)))
            if count >= 8, count <= ShortKey.maximum {
                head = bytes.loadUnaligned(as: UInt64.self)
                // The last eight bytes, less those `head` holds: the bytes after the eighth.
                tail = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64(8 * (16 - count))
            } else if count < 8 {
                for i in 0..<count { head |= UInt64(bytes[i]) << UInt64(8 * i) }
            }
        }

        var isShort: Bool { Int(count) <= ShortKey.maximum }
    }

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
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        let bytes = capacity * MemoryLayout<Slot>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: KnownKeys.hugePage)
        // Huge pages for a table of megabytes: with 4 KiB pages nearly every lookup in a
        // shuffled file missed the TLB as well as the cache. Only a hint: nothing changes
        // where the system declines it.
        if bytes >= KnownKeys.hugePage { _ = madvise(raw, bytes, MADV_HUGEPAGE) }
        let slots = UnsafeMutableBufferPointer(
            start: raw.bindMemory(to: Slot.self, capacity: capacity), count: capacity)
        slots.initialize(repeating: Slot(words: ShortKey(), place: -1, hashTag: 0))
        arena.withUnsafeBytes { arena in
            for i in keys.indices {
                let key = KnownKeys.key(i, arena: arena, starts: starts)
                let hash = KeyHash.of(key)
                var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
                while slots[slot].place >= 0 { slot = (slot + 1) & (capacity - 1) }
                slots[slot] = Slot(
                    words: ShortKey(key), place: Int32(i), hashTag: UInt32(truncatingIfNeeded: hash >> 32))
            }
        }
        self.slots = slots
    }

    /// The size of a huge page on x86-64 and most ARM64 systems, and the table's alignment.
    private static let hugePage = 2 << 20

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    @inline(__always)
    private static func key(_ i: Int, arena: UnsafeRawBufferPointer, starts: [Int]) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: arena[starts[i]..<starts[i + 1]])
    }

    /// The place of the key with these bytes, or nil.
    ///
    /// - Parameter guess: a likely place, tried first: rows that follow the order of the keys'
    ///   file name the key after the last one found.
    func place(of bytes: UnsafeRawBufferPointer, guess: Int32 = -1) -> Int32? {
        arena.withUnsafeBytes { arena in
            if guess >= 0, Int(guess) < starts.count - 1,
                CSVReader.equal(KnownKeys.key(Int(guess), arena: arena, starts: starts), bytes)
            {
                return guess
            }
            let hash = KeyHash.of(bytes)
            let words = ShortKey(bytes)
            let tag = UInt32(truncatingIfNeeded: hash >> 32)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].place >= 0 {
                let found = slots[slot]
                if found.words == words,
                    words.isShort
                        || (found.hashTag == tag
                            && CSVReader.equal(KnownKeys.key(Int(found.place), arena: arena, starts: starts), bytes))
                {
                    return found.place
                }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }
}
