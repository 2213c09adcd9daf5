import Foundation
import ZIPFoundation

/// A workbook's zip container opened for reading, its entries checked against the limits
/// before anything is unpacked, and again while it is.
struct WorkbookArchive {
    /// Why the container cannot be read; the message names what was found.
    struct Refusal: Error {
        let message: String
    }

    private let archive: Archive
    private let limits: WorkbookLimits
    private let entries: [String: Entry]

    init(path: String, limits: WorkbookLimits) throws(Refusal) {
        guard FileManager.default.fileExists(atPath: path) else { throw Refusal(message: "no such file") }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw Refusal(message: "not a workbook: the file is not a zip archive, as an .xlsx file is")
        }
        var entries: [String: Entry] = [:]
        var total: UInt64 = 0
        for entry in archive {
            let size = entry.uncompressedSize
            total += size
            if total > limits.totalBytes {
                throw Refusal(
                    message: "the workbook unpacks to more than \(limits.totalBytes >> 20) MiB; refused (a zip bomb?)")
            }
            if size > limits.ratioFloorBytes, size / max(entry.compressedSize, 1) > limits.maxRatio {
                throw Refusal(
                    message: "\(entry.path) unpacks \(size / max(entry.compressedSize, 1)) times larger than it is "
                        + "stored (at most \(limits.maxRatio)); refused (a zip bomb?)")
            }
            entries[entry.path] = entry
        }
        self.archive = archive
        self.limits = limits
        self.entries = entries
    }

    /// Whether the container holds this part.
    func contains(_ path: String) -> Bool { entries[path] != nil }

    /// A part's bytes; nil when there is no such part. Unpacking stops as soon as it passes the
    /// size the entry declared: the declaration is what the limits were checked against.
    func contents(_ path: String) throws(Refusal) -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        let declared = entry.uncompressedSize
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(min(declared, 1 << 30)))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard UInt64(bytes.count + chunk.count) <= declared else { throw Refusal(message: "") }
                bytes.append(contentsOf: chunk)
            }
        } catch let refusal as Refusal where refusal.message.isEmpty {
            throw Refusal(
                message: "\(path) unpacks to more than the \(declared) bytes it declares; refused (a zip bomb?)")
        } catch {
            throw Refusal(message: "\(path) cannot be unpacked: \(error)")
        }
        return bytes
    }
}
