import Dispatch
import Foundation
import InventoryModel

/// What the check of unique keys keeps of a row: its key's hash and its spreadsheet row.
struct KeyEntry {
    var hash: UInt64
    var row: Int32
}

/// Finds the rows whose keys' hashes repeat, among millions of rows in any order, in passes
/// that stay in the cache.
///
/// The entries are first spread by the top bits of their hashes into buckets of a few thousand
/// (a counting sort: one pass to count, one to place, each part of a file on a core of its
/// own); each bucket is then checked with a table small enough for a core's cache. One table of
/// millions of keys, filled in the order of a shuffled file, missed the cache on nearly every key.
enum DuplicateKeys {
    /// About how many entries a bucket holds: its table and entries fit in a core's L2 cache.
    static let bucketSize = 2048

    /// The rows of every hash that more than one entry has, in row order: one group a hash.
    ///
    /// - Parameter parts: entries in row order, the parts in file order.
    /// - Complexity: O(n) for n entries, in two passes over them and one over each bucket.
    static func groups(_ parts: [[KeyEntry]]) -> [[Int32]] {
        let total = parts.reduce(0) { $0 + $1.count }
        guard total > 1 else { return [] }
        let bits = (0..<16).first { total >> $0 <= bucketSize } ?? 16
        let buckets = 1 << bits

        // Each part's count of entries in each bucket, one part a core.
        let counts = Slots<[Int]>(count: parts.count, initial: [])
        DispatchQueue.concurrentPerform(iterations: parts.count) { part in
            var count = [Int](repeating: 0, count: buckets)
            for entry in parts[part] { count[bucket(entry.hash, bits: bits)] += 1 }
            counts.set(part, count)
        }
        // Where each part's entries of each bucket go: buckets one after another, and in each
        // the parts in file order, so that a bucket's entries stay in row order.
        var next = counts.values
        var bucketStarts = [Int](repeating: 0, count: buckets + 1)
        var sum = 0
        for b in 0..<buckets {
            bucketStarts[b] = sum
            for part in parts.indices {
                let count = next[part][b]
                next[part][b] = sum
                sum += count
            }
        }
        bucketStarts[buckets] = sum

        let spread = UnsafeMutableBufferPointer<KeyEntry>.allocate(capacity: total)
        defer { spread.deallocate() }
        // Each part writes only its own places of the buffer.
        nonisolated(unsafe) let places = spread
        let starts = next
        DispatchQueue.concurrentPerform(iterations: parts.count) { part in
            var next = starts[part]
            for entry in parts[part] {
                let b = bucket(entry.hash, bits: bits)
                (places.baseAddress! + next[b]).initialize(to: entry)
                next[b] += 1
            }
        }

        // Each bucket checked with a table of its own; chunks of buckets on every core.
        let chunks = min(buckets, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let repeats = Slots<[KeyEntry]>(count: chunks, initial: [])
        let bounds = bucketStarts
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var found: [KeyEntry] = []
            var table: [Int32] = []
            var reported: [Bool] = []
            for b in (buckets * chunk / chunks)..<(buckets * (chunk + 1) / chunks) {
                let entries = UnsafeBufferPointer(rebasing: places[bounds[b]..<bounds[b + 1]])
                repeatedHashes(entries, table: &table, reported: &reported, into: &found)
            }
            repeats.set(chunk, found)
        }

        let repeated = repeats.values.joined().sorted { ($0.hash, $0.row) < ($1.hash, $1.row) }
        var groups: [[Int32]] = []
        var start = 0
        while start < repeated.count {
            var end = start + 1
            while end < repeated.count, repeated[end].hash == repeated[start].hash { end += 1 }
            groups.append(repeated[start..<end].map(\.row))
            start = end
        }
        return groups
    }

    /// The bucket of a hash: its top `bits` bits.
    @inline(__always)
    private static func bucket(_ hash: UInt64, bits: Int) -> Int {
        bits == 0 ? 0 : Int(truncatingIfNeeded: hash >> UInt64(64 - bits))
    }

    /// Appends to `found` every entry of a bucket whose hash another entry of it has.
    ///
    /// - Parameters:
    ///   - table: scratch space, kept from one bucket to the next.
    ///   - reported: scratch space: whether an entry the table holds is in `found` already.
    private static func repeatedHashes(
        _ entries: UnsafeBufferPointer<KeyEntry>, table: inout [Int32], reported: inout [Bool],
        into found: inout [KeyEntry]
    ) {
        guard entries.count > 1 else { return }
        var capacity = 4
        while capacity < entries.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        if table.count < capacity { table = [Int32](repeating: -1, count: capacity) }
        if reported.count < entries.count { reported = [Bool](repeating: false, count: capacity) }
        table.withUnsafeMutableBufferPointer { table in
            for i in 0..<capacity { table[i] = -1 }
            for i in entries.indices {
                let hash = entries[i].hash
                // The bucket's entries share their top bits: the slot comes from the low ones.
                var slot = Int(truncatingIfNeeded: hash) & mask
                while table[slot] >= 0, entries[Int(table[slot])].hash != hash { slot = (slot + 1) & mask }
                if table[slot] < 0 {
                    table[slot] = Int32(i)
                    reported[i] = false
                    continue
                }
                let first = Int(table[slot])
                if !reported[first] {
                    reported[first] = true
                    found.append(entries[first])
                }
                found.append(entries[i])
            }
        }
    }
}
