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
    public static func read(at path: String) throws(InventoryReadError) -> InventoryFolderContents {
        var issues: [InventoryIssue] = []
        var omitted = 0
        var warnings: [InventoryIssue] = []
        let folder = URL(fileURLWithPath: path, isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InventoryReadError(issues: [InventoryIssue(file: path, message: "no such folder")])
        }

        var plan = Plan()
        let planURL = folder.appendingPathComponent(PlanFile.name)
        if let data = FileManager.default.contents(atPath: planURL.path) {
            do {
                plan = try PlanFile.read(yaml: String(decoding: data, as: UTF8.self))
            } catch {
                issues += error.issues
            }
        } else {
            warnings.append(InventoryIssue(file: PlanFile.name, message: "the file is missing; Dalian's plan applies"))
        }

        var inventory = Inventory(plan: plan)
        func parse<R>(_ name: String, required: Bool, _ read: (inout CSVReader) -> Keyed<R>) -> Keyed<R>? {
            let url = folder.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else {
                if required {
                    issues.append(
                        InventoryIssue(file: name, message: "the file is missing (it may hold only its header row)"))
                }
                return nil
            }
            let log = IssueLog(file: name)
            return data.withUnsafeBytes { raw in
                var reader = CSVReader(file: name, bytes: raw.bindMemory(to: UInt8.self), log: log)
                let keyed = read(&reader)
                for column in reader.unusedColumns {
                    warnings.append(
                        InventoryIssue(file: name, row: 1, column: column, message: "unknown column, ignored"))
                }
                issues += log.issues
                omitted += log.omitted
                return keyed
            }
        }

        let schools = parse(SchoolsFile.name, required: true, SchoolsFile.read)
        let links = parse(LinksFile.name, required: true, LinksFile.read)
        let assets = parse(AssetsFile.name, required: true, AssetsFile.read)
        let egress = parse(EgressFile.name, required: true, EgressFile.read)
        let storage = parse(StorageFile.name, required: true, StorageFile.read)
        let districts = parse(DistrictsFile.name, required: false, DistrictsFile.read)
        let measurements = parse(MeasurementsFile.name, required: false, MeasurementsFile.read)

        if let schools {
            checkReferences(
                schools: schools, links: links, assets: assets, measurements: measurements, districts: districts,
                issues: &issues, warnings: &warnings)
        }
        if let known = try? FileManager.default.contentsOfDirectory(atPath: path) {
            let expected = Set(csvFiles.map(\.name) + [PlanFile.name])
            for name in known.sorted() where name.hasSuffix(".csv") && !expected.contains(name) {
                warnings.append(InventoryIssue(file: name, message: "unknown file, ignored"))
            }
        }
        guard issues.isEmpty else { throw InventoryReadError(issues: issues, omitted: omitted) }

        inventory.schools = schools?.records ?? []
        inventory.links = links?.records ?? []
        inventory.assets = assets?.records ?? []
        inventory.egressLinks = egress?.records ?? []
        inventory.storageReadings = storage?.records ?? []
        inventory.districts = districts?.records ?? []
        inventory.measurements = measurements?.records ?? []
        return InventoryFolderContents(inventory: inventory, warnings: warnings)
    }

    /// Checks that every row that names a school names one in `schools.csv`.
    private static func checkReferences(
        schools: Keyed<School>, links: Keyed<SchoolLink>?, assets: Keyed<Asset>?,
        measurements: Keyed<ProbeMeasurement>?,
        districts: Keyed<District>?, issues: inout [InventoryIssue], warnings: inout [InventoryIssue]
    ) {
        func check<R>(_ keyed: Keyed<R>?, _ code: (R) -> String?) {
            guard let keyed else { return }
            var found = 0
            for (record, row) in zip(keyed.records, keyed.rows) {
                guard let code = code(record), !code.isEmpty, !schools.contains(code) else { continue }
                found += 1
                if found <= IssueLog.cap {
                    issues.append(
                        InventoryIssue(
                            file: keyed.file, row: row, column: "school_code", value: code,
                            message: "no school in schools.csv has this code"))
                }
            }
        }
        check(links) { $0.schoolCode }
        check(assets) { $0.schoolCode }
        check(measurements) { $0.schoolCode }
        if let districts, !districts.records.isEmpty {
            var reported: Set<String> = []
            for (school, row) in zip(schools.records, schools.rows)
            where !districts.contains(school.district) && reported.insert(school.district).inserted {
                warnings.append(
                    InventoryIssue(
                        file: SchoolsFile.name, row: row, column: "district", value: school.district,
                        message: "the district has no row in districts.csv; its information centre is not checked"))
            }
        }
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
