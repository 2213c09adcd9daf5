import Dispatch
import Foundation
import InventoryModel

/// What reading a folder gave: the city, and what was doubtful but not wrong.
public struct InventoryFolderContents: Sendable {
    public var inventory: Inventory
    /// Unknown columns and files, a missing plan file, schools of a district with no row in
    /// `districts.csv`: read anyway, but worth a look.
    public var warnings: [InventoryIssue]
}

/// Reads and writes an interchange folder (inventory-format.md): `plan.yaml` and the CSV files.
public enum InventoryFolder {
    /// The CSV files a folder may hold, and whether each must be there.
    public static let csvFiles: [(name: String, required: Bool)] = [
        (SchoolsFile.name, true), (LinksFile.name, true), (AssetsFile.name, true), (EgressFile.name, true),
        (StorageFile.name, true), (DistrictsFile.name, false), (MeasurementsFile.name, false),
    ]

    /// Reads and checks a whole folder. Every issue of every file is collected (up to a cap per
    /// file) and thrown together, so one run shows everything to fix.
    ///
    /// - Parameter progress: told the name and size in bytes of each CSV file as its reading starts.
    public static func read(
        at path: String, progress: (@Sendable (String, Int) -> Void)? = nil
    ) throws(InventoryReadError) -> InventoryFolderContents {
        let read = try read(
            try FileSource.folder(path), progress: progress, assets: AssetsFile.read,
            measurements: MeasurementsFile.read)
        var inventory = read.inventory
        inventory.assets = read.assets
        inventory.measurements = read.measurements
        return InventoryFolderContents(inventory: inventory, warnings: read.warnings)
    }

    /// Reads and checks a folder's files given in memory, by name (`plan.yaml`, `schools.csv`,
    /// ...), as ``read(at:progress:)`` reads them from a folder: what a workbook's sheets become.
    public static func read(files: [String: [UInt8]]) throws(InventoryReadError) -> InventoryFolderContents {
        let source = FileSource(names: files.keys.sorted()) { name in files[name].map { Data($0) } }
        let read = try read(source, progress: nil, assets: AssetsFile.read, measurements: MeasurementsFile.read)
        var inventory = read.inventory
        inventory.assets = read.assets
        inventory.measurements = read.measurements
        return InventoryFolderContents(inventory: inventory, warnings: read.warnings)
    }

    /// Reads and checks a whole folder as ``read(at:progress:)`` does, every cell of every file
    /// checked alike, but keeps of the assets and measurements only what the compliance rules
    /// read: the city's `assets` and `measurements` come back empty, their facts beside them.
    public static func readFacts(
        at path: String, progress: (@Sendable (String, Int) -> Void)? = nil
    ) throws(InventoryReadError) -> (facts: CityFacts, warnings: [InventoryIssue]) {
        let read = try read(
            try FileSource.folder(path), progress: progress, assets: AssetsFile.readFacts,
            measurements: MeasurementsFile.readFacts)
        return (
            CityFacts(inventory: read.inventory, assets: read.assets, measurements: read.measurements), read.warnings
        )
    }

    /// Reads a folder, keeping what `assets` and `measurements` make of those files' rows apart
    /// from the rest of the city.
    private static func read<A, M>(
        _ folder: FileSource, progress: (@Sendable (String, Int) -> Void)?,
        assets readAssets: @escaping (CSVReader) -> Keyed<A>,
        measurements readMeasurements: @escaping (CSVReader) -> Keyed<M>
    ) throws(InventoryReadError) -> (inventory: Inventory, assets: [A], measurements: [M], warnings: [InventoryIssue]) {
        var issues: [InventoryIssue] = []
        var omitted = 0
        var warnings: [InventoryIssue] = []

        var plan = Plan()
        if let data = try? folder.contents(PlanFile.name) {
            do {
                plan = try PlanFile.read(yaml: String(decoding: data, as: UTF8.self))
            } catch {
                issues += error.issues
            }
        } else {
            warnings.append(InventoryIssue(file: PlanFile.name, message: "the file is missing; Dalian's plan applies"))
        }

        var inventory = Inventory(plan: plan)
        // One file after another, each large one in parts on every core; rows naming a school are
        // checked against schools.csv as they are read.
        var schoolsRead = readFile(folder, SchoolsFile.name, required: true, schools: nil, progress, SchoolsFile.read)
        // Schools in code order, whatever the order of the file's rows, so that what is made of
        // the city (a report, the places rows of other files name) does not depend on it.
        if schoolsRead.outcome.issues.isEmpty, schoolsRead.keyed?.ascending == false {
            schoolsRead.keyed?.sortByBytes { $0.code }
        }
        let schools = schoolsRead.keyed
        // Codes are checked against a schools.csv read without an issue only: one that stopped
        // early (not UTF-8, a broken quote) would make every other row of every file an error.
        let schoolCodes =
            schoolsRead.outcome.issues.isEmpty ? schools.map { KnownKeys($0.records.map(\.code)) } : nil
        let links = readFile(folder, LinksFile.name, required: true, schools: schoolCodes, progress, LinksFile.read)
        let assets = readFile(folder, AssetsFile.name, required: true, schools: schoolCodes, progress, readAssets)
        let egress = readFile(folder, EgressFile.name, required: true, schools: schoolCodes, progress, EgressFile.read)
        let storage = readFile(
            folder, StorageFile.name, required: true, schools: schoolCodes, progress, StorageFile.read)
        let districts = readFile(
            folder, DistrictsFile.name, required: false, schools: schoolCodes, progress, DistrictsFile.read)
        let measurements = readFile(
            folder, MeasurementsFile.name, required: false, schools: schoolCodes, progress, readMeasurements)
        // Issues and warnings in file order, as a sequential read would give them.
        for read in [
            schoolsRead.outcome, links.outcome, assets.outcome, egress.outcome, storage.outcome, districts.outcome,
            measurements.outcome,
        ] {
            issues += read.issues
            warnings += read.warnings
            omitted += read.omitted
        }

        if let schools, let districts = districts.keyed, !districts.records.isEmpty {
            warnings += unknownDistricts(schools: schools, districts: districts)
        }
        let expected = Set(csvFiles.map(\.name) + [PlanFile.name])
        for name in folder.names.sorted() where name.hasSuffix(".csv") && !expected.contains(name) {
            warnings.append(InventoryIssue(file: name, message: "unknown file, ignored"))
        }
        guard issues.isEmpty else { throw InventoryReadError(issues: issues, omitted: omitted) }

        inventory.schools = schools?.records ?? []
        inventory.links = links.keyed?.records ?? []
        inventory.egressLinks = egress.keyed?.records ?? []
        inventory.storageReadings = storage.keyed?.records ?? []
        inventory.districts = districts.keyed?.records ?? []
        return (inventory, assets.keyed?.records ?? [], measurements.keyed?.records ?? [], warnings)
    }

    /// What reading one file gave.
    struct FileRead<R> {
        var keyed: Keyed<R>?
        var outcome = Outcome()
    }

    /// A file's issues and warnings.
    struct Outcome {
        var issues: [InventoryIssue] = []
        var warnings: [InventoryIssue] = []
        var omitted = 0
    }

    /// Reads one CSV file of a folder; a missing file is an issue when it is required.
    private static func readFile<R>(
        _ folder: FileSource, _ name: String, required: Bool, schools: KnownKeys?,
        _ progress: ((String, Int) -> Void)?, _ read: @escaping (CSVReader) -> Keyed<R>
    ) -> FileRead<R> {
        var result = FileRead<R>()
        let data: Data
        do {
            guard let contents = try folder.contents(name) else {
                if required {
                    result.outcome.issues.append(
                        InventoryIssue(file: name, message: "the file is missing (it may hold only its header row)"))
                }
                return result
            }
            data = contents
        } catch {
            result.outcome.issues.append(InventoryIssue(file: name, message: "the file cannot be read: \(error)"))
            return result
        }
        progress?(name, data.count)
        return data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var (keyed, log, unused) = readCSV(name, bytes: bytes, schools: schools, read)
            var notices: [InventoryIssue] = []
            if log.firstNonUTF8Byte != nil, let text = gb18030Text(bytes) {
                (keyed, log, unused) = text.withUnsafeBufferPointer { readCSV(name, bytes: $0, schools: schools, read) }
                notices.append(
                    InventoryIssue(
                        file: name, message: "the file is GB18030 (Excel on Chinese Windows), not UTF-8; read as such"))
            }
            result.keyed = keyed
            result.outcome.warnings =
                notices
                + unused.map { InventoryIssue(file: name, row: 1, column: $0, message: "unknown column, ignored") }
            result.outcome.issues = log.issues
            result.outcome.omitted = log.omitted
            return result
        }
    }

    /// A file that is not UTF-8, as UTF-8 when it is GB18030 (Excel on Chinese Windows saves CSV
    /// so); nil when it is not, or when it is UTF-8 with a bad byte: when it starts with UTF-8's
    /// byte-order mark, or when more of its bytes are UTF-8 characters of three or four bytes
    /// than are not UTF-8 (GB18030 reads almost any pairs of such bytes, UTF-8's among them, as
    /// characters).
    static func gb18030Text(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return nil }
        let share = UTF8Check.nonASCIIBytes(bytes)
        guard share.utf8 < share.other else { return nil }
        return GB18030Decoder()?.utf8(bytes)
    }

    /// Files larger than this are read in parts, several a core.
    static let partThreshold = 4 << 20

    /// Parts a core: more parts than cores even out parts that take longer than others.
    static let partsPerCore = 4

    /// Reads one CSV file, in parts on every core when it is large and its lines are its records.
    ///
    /// The parts write their records straight into one buffer, each into a window as long as
    /// its lines, so the file's records are never copied from one array to another: the
    /// windows are closed up (only blank lines leave gaps) and the buffer becomes the array.
    static func readCSV<R>(
        _ name: String, bytes: UnsafeBufferPointer<UInt8>, schools: KnownKeys?,
        _ read: @escaping (CSVReader) -> Keyed<R>
    ) -> (Keyed<R>, IssueLog, unused: [String]) {
        var result = readCSVKeyed(name, bytes: bytes, schools: schools, read)
        result.0.finish()
        return result
    }

    /// Reads records given as cells (an API body's) as a file of `table` holding them would be
    /// read: every check of a file's rows and keys, `schools` aside.
    static func readGiven<R>(
        _ name: String, rows: [[String]], of table: InventoryTable, _ read: @escaping (CSVReader) -> Keyed<R>
    ) -> (Keyed<R>, IssueLog) {
        let log = IssueLog(file: name)
        var (keyed, _, _) = readWhole(CSVReader(file: name, given: rows, of: table, log: log), log: log, read)
        keyed.finish()
        return (keyed, log)
    }

    /// Reads every record of one reader, then checks their keys if they came out of order.
    private static func readWhole<R>(
        _ reader: CSVReader, log: IssueLog, _ read: (CSVReader) -> Keyed<R>
    ) -> (Keyed<R>, IssueLog, unused: [String]) {
        var keyed = read(reader)
        if !keyed.ascending {
            keyed.logRepeatedKeys(to: log)
            log.sortByRow()
        }
        return (keyed, log, reader.unusedColumns)
    }

    private static func readCSVKeyed<R>(
        _ name: String, bytes: UnsafeBufferPointer<UInt8>, schools: KnownKeys?,
        _ read: @escaping (CSVReader) -> Keyed<R>
    ) -> (Keyed<R>, IssueLog, unused: [String]) {
        let log = IssueLog(file: name)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let opener = CSVReader(
            file: name, bytes: bytes, log: log, checkBody: bytes.count < partThreshold, schools: schools)
        // A body that is not all UTF-8 (a GBK export, say) is refused with its first bad byte
        // alone, found by the opener: nothing else read from it could be trusted.
        guard bytes.count >= partThreshold, cores > 1, log.isEmpty,
            let (parts, isUTF8) = CSVScanner.split(
                bytes, after: opener.bodyOffset, firstRow: opener.row + 1, parts: partsPerCore * cores),
            !parts.isEmpty, isUTF8
        else {
            if bytes.count >= partThreshold { opener.checkBody(bytes) }
            return readWhole(opener, log: log, read)
        }
        let windows = parts.reduce(into: [0]) { $0.append($0.last! + $1.lines) }
        var keyed: Keyed<R>?
        var unused: [String] = []
        let records = [R](unsafeUninitializedCapacity: windows.last!) { buffer, initialized in
            let reads = PartReads(
                bytes: bytes, parts: parts, windows: windows, buffer: UnsafeMutableRawPointer(buffer.baseAddress!),
                opener: opener, read: read)
            DispatchQueue.concurrentPerform(iterations: parts.count) { reads.readPart($0) }
            // Each part's log and keys in file order, while every part's records are in its window.
            let results = reads.results.values.map { $0! }
            var first = results[0].0
            unused = results[0].unused
            for (index, (next, partLog, _)) in results.enumerated() {
                log.absorb(partLog)
                if index > 0 { first.merge(next) }
            }
            let counts = results.map { $0.0.count }
            initialized = 0
            for (index, count) in counts.enumerated() {
                if windows[index] != initialized {
                    (buffer.baseAddress! + initialized).moveInitialize(
                        from: buffer.baseAddress! + windows[index], count: count)
                }
                initialized += count
            }
            keyed = first
        }
        keyed!.adopt(records)
        keyed!.logRepeatedKeys(to: log)
        log.sortByRow()
        // Every part looks its columns up the same way, so the first part's unused ones are the file's.
        return (keyed!, log, unused)
    }

    /// One warning for each district that schools name but `districts.csv` lacks.
    private static func unknownDistricts(schools: Keyed<School>, districts: Keyed<District>) -> [InventoryIssue] {
        var reported: Set<String> = []
        var warnings: [InventoryIssue] = []
        let known = Set(districts.records.map(\.name))
        for (school, row) in zip(schools.records, schools.rows)
        where !known.contains(school.district) && reported.insert(school.district).inserted {
            warnings.append(
                InventoryIssue(
                    file: SchoolsFile.name, row: Int(row), column: "district", value: school.district,
                    message: "the district has no row in districts.csv; its information centre is not checked"))
        }
        return warnings
    }

    /// Writes the whole folder in canonical order: `plan.yaml` and every CSV file, optional ones
    /// included (with only a header when empty). Each file is replaced atomically.
    public static func write(_ inventory: Inventory, to path: String) throws {
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let city = inventory.canonical
        let files: [(String, [UInt8])] = [
            (PlanFile.name, Array(PlanFile.write(city.plan).utf8)),
            (SchoolsFile.name, SchoolsFile.write(city.schools)),
            (LinksFile.name, LinksFile.write(city.links)),
            (AssetsFile.name, AssetsFile.write(city.assets)),
            (EgressFile.name, EgressFile.write(city.egressLinks)),
            (StorageFile.name, StorageFile.write(city.storageReadings)),
            (DistrictsFile.name, DistrictsFile.write(city.districts)),
            (MeasurementsFile.name, MeasurementsFile.write(city.measurements)),
        ]
        for (name, bytes) in files {
            try Data(bytes).write(to: folder.appendingPathComponent(name), options: .atomic)
        }
    }
}

/// Where a folder's files come from: the folder itself, or memory.
struct FileSource {
    /// The names of the files there.
    let names: [String]
    /// A file's bytes; nil when there is no such file.
    let contents: (String) throws -> Data?

    /// The files of a folder on disk, each mapped into memory when read.
    static func folder(_ path: String) throws(InventoryReadError) -> FileSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InventoryReadError(issues: [InventoryIssue(file: path, message: "no such folder")])
        }
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        return FileSource(names: (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []) { name in
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return try Data(contentsOf: url, options: .alwaysMapped)
        }
    }
}

/// Parts of one file read concurrently, each part's result written once by its own task.
///
/// The tasks share only what no one writes: the file's bytes, the opener's header, a stateless
/// read function, and the record buffer, in which each part writes only its own window.
private final class PartReads<R>: @unchecked Sendable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let parts: [CSVScanner.Piece]
    private let windows: [Int]
    private let buffer: UnsafeMutableRawPointer
    private let opener: CSVReader
    private let read: (CSVReader) -> Keyed<R>
    /// Each part's records (in its window), issues and unused columns.
    let results: Slots<(Keyed<R>, IssueLog, unused: [String])?>

    /// - Parameter windows: where each part's window starts in `buffer`, counted in records.
    init(
        bytes: UnsafeBufferPointer<UInt8>, parts: [CSVScanner.Piece], windows: [Int], buffer: UnsafeMutableRawPointer,
        opener: CSVReader, read: @escaping (CSVReader) -> Keyed<R>
    ) {
        self.bytes = bytes
        self.parts = parts
        self.windows = windows
        self.buffer = buffer
        self.opener = opener
        self.read = read
        results = Slots(count: parts.count, initial: nil)
    }

    func readPart(_ index: Int) {
        let log = IssueLog(file: opener.file)
        let part = parts[index]
        let reader = CSVReader(
            part: UnsafeBufferPointer(rebasing: bytes[part.range]), firstRow: part.firstRow, of: opener, log: log,
            destination: (buffer + windows[index] * MemoryLayout<R>.stride, part.lines))
        results.set(index, (read(reader), log, reader.unusedColumns))
    }
}
