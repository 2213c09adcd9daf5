/// Records whose cells were given one by one (an API body's), laid out as a reader reads a
/// file's: every cell's bytes in one buffer, and each record's spans in it. Nothing is quoted or
/// split: a cell holds whatever text it was given.
///
/// The bytes are kept in memory of its own, never moved: the scanners and readers of the records,
/// and the keys a ``Keyed`` holds while it reads, point into them for as long as they hold it.
final class GivenRecords {
    let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Every record's spans in `bytes`, record after record.
    let spans: UnsafeMutableBufferPointer<FieldSpan>
    /// Where each record's spans start in `spans`, and where the last one's end.
    let starts: UnsafeMutableBufferPointer<Int>

    init(_ rows: [[String]]) {
        var bytes: [UInt8] = []
        var spans: [FieldSpan] = []
        var starts = [0]
        for row in rows {
            for cell in row {
                let start = bytes.count
                bytes += cell.utf8
                spans.append(FieldSpan(start: start, end: bytes.count, hasEscapedQuote: false))
            }
            starts.append(spans.count)
        }
        self.bytes = .allocate(capacity: bytes.count)
        _ = self.bytes.initialize(from: bytes)
        self.spans = .allocate(capacity: spans.count)
        _ = self.spans.initialize(from: spans)
        self.starts = .allocate(capacity: starts.count)
        _ = self.starts.initialize(from: starts)
    }

    deinit {
        bytes.deallocate()
        spans.deallocate()
        starts.deallocate()
    }

    var count: Int { starts.count - 1 }

    func spans(of record: Int) -> Slice<UnsafeMutableBufferPointer<FieldSpan>> {
        spans[starts[record]..<starts[record + 1]]
    }

    /// The record and the field of a byte offset.
    func place(ofOffset offset: Int) -> (record: Int, field: Int) {
        for record in 0..<count {
            if let field = spans(of: record).firstIndex(where: { $0.start <= offset && offset < $0.end }) {
                return (record, field - starts[record])
            }
        }
        preconditionFailure("byte \(offset) is in no cell")
    }
}
