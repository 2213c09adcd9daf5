import InventoryModel

extension InventoryTable {
    /// Reads one file of this table from its bytes, checked as an import checks it (columns,
    /// types, ranges, choices, dates, unique keys) but not against the schools, which the caller
    /// holds. The records come back in an inventory holding nothing else.
    ///
    /// - Parameter file: the name issues give; the table's file name by default.
    public func read(csv bytes: [UInt8], file: String? = nil) throws(InventoryReadError) -> Inventory {
        try bytes.withUnsafeBufferPointer { bytes throws(InventoryReadError) in
            try read(from: FileText(bytes: bytes), file: file)
        }
    }

    /// Reads records given as rows of cells in header order (an API body's records, with no CSV
    /// text between), checked as ``read(csv:file:)`` checks a file holding them; an issue's row
    /// is the record's place plus 2, as if under a header.
    public func read(rows: [[String]], file: String? = nil) throws(InventoryReadError) -> Inventory {
        try read(from: GivenRows(rows: rows, table: self), file: file)
    }

    /// The records the table's reader reads from `source`, in an inventory holding nothing
    /// else; the issues logged, thrown.
    private func read(from source: some RecordSource, file: String?) throws(InventoryReadError) -> Inventory {
        let name = file ?? fileName
        var inventory = Inventory()
        func read<R>(_ reader: @escaping (CSVReader) -> Keyed<R>, into path: WritableKeyPath<Inventory, [R]>)
            -> IssueLog
        {
            let (keyed, log) = source.read(name, reader)
            inventory[keyPath: path] = keyed.records
            return log
        }
        let log =
            switch self {
            case .schools: read(SchoolsFile.read, into: \.schools)
            case .links: read(LinksFile.read, into: \.links)
            case .assets: read(AssetsFile.read, into: \.assets)
            case .egress: read(EgressFile.read, into: \.egressLinks)
            case .storage: read(StorageFile.read, into: \.storageReadings)
            case .districts: read(DistrictsFile.read, into: \.districts)
            case .measurements: read(MeasurementsFile.read, into: \.measurements)
            }
        guard log.issues.isEmpty else { throw InventoryReadError(issues: log.issues, omitted: log.omitted) }
        return inventory
    }
}

/// Where a table's records are read from, by the table's reader.
private protocol RecordSource {
    func read<R>(_ name: String, _ reader: @escaping (CSVReader) -> Keyed<R>) -> (Keyed<R>, IssueLog)
}

/// A file's bytes.
private struct FileText: RecordSource {
    let bytes: UnsafeBufferPointer<UInt8>

    func read<R>(_ name: String, _ reader: @escaping (CSVReader) -> Keyed<R>) -> (Keyed<R>, IssueLog) {
        let (keyed, log, _) = InventoryFolder.readCSV(name, bytes: bytes, schools: nil, reader)
        return (keyed, log)
    }
}

/// Rows of cells in the table's header order.
private struct GivenRows: RecordSource {
    let rows: [[String]]
    let table: InventoryTable

    func read<R>(_ name: String, _ reader: @escaping (CSVReader) -> Keyed<R>) -> (Keyed<R>, IssueLog) {
        InventoryFolder.readGiven(name, rows: rows, of: table, reader)
    }
}
