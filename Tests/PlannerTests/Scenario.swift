import InventoryModel
import Planner
import SampleCity

/// One school (and a city around it) set up for a rule test: everything meets the plan until a
/// test changes one thing.
struct Scenario {
    var plan = Plan()
    /// A Tuesday.
    var asOf = CalendarDate(iso: "2026-11-24")!
    var school = School(
        code: "S1", name: "第一小学", district: "中山区", locality: .urban, central: false, kind: .primary,
        classes: ClassCounts(primary: 12), itStaff: 1)
    var links = [SchoolLink(linkID: "L1", schoolCode: "S1", provider: "中国电信", downMbps: 200, upMbps: 200)]
    var assets: [Asset] = []
    var measurements: [ProbeMeasurement] = []
    var egress = [EgressLink(linkID: "E1", provider: "中国电信", capacityGbps: 30)]
    var storage = [
        StorageReading(
            pool: "C", kind: .cloudStorage, capacityTB: 500, usedTB: 1, asOf: CalendarDate(iso: "2026-01-01")!),
        StorageReading(
            pool: "R", kind: .resourceLibrary, capacityTB: 2000, usedTB: 1, asOf: CalendarDate(iso: "2026-01-01")!),
    ]
    var districts = [District(name: "中山区", infoCenterStaff: 10)]

    init() {
        setDisplays(inService: 12)
        addTests([190, 190, 190])
    }

    /// Replaces the school's displays with `inService` working ones and some in other states.
    mutating func setDisplays(inService: Int, faulty: Int = 0, spare: Int = 0) {
        assets.removeAll { $0.category == .interactiveDisplay }
        let statuses =
            Array(repeating: AssetStatus.inService, count: inService) + Array(repeating: .faulty, count: faulty)
            + Array(repeating: .spare, count: spare)
        for (index, status) in statuses.enumerated() {
            assets.append(
                Asset(
                    assetTag: "D\(index)", schoolCode: school.code, category: .interactiveDisplay,
                    purchaseDate: asOf.adding(years: -1), purchaseCostYuan: 10_000, status: status))
        }
    }

    /// A local (UTC+8) time `daysBack` days before the as-of day.
    func at(daysBack: Int, _ hour: Int, _ minute: Int = 0) -> Timestamp {
        let day = asOf.adding(days: -daysBack)
        let seconds = Int64(day.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60) - 8 * 3600
        return Timestamp(millisecondsSinceEpoch: seconds * 1000, utcOffsetMinutes: 480)
    }

    /// Replaces the download tests with these goodputs, one a day at 10:00 going back from the as-of day.
    mutating func setTests(_ goodputs: [Double], cross: Double? = nil) {
        measurements.removeAll { $0.kind == .throughputDown }
        addTests(goodputs, cross: cross)
    }

    mutating func addTests(_ goodputs: [Double], cross: Double? = nil, valid: Bool = true, daysBack: Int? = nil) {
        for (index, goodput) in goodputs.enumerated() {
            measurements.append(
                ProbeMeasurement(
                    id: "T\(measurements.count)", schoolCode: school.code, probeID: "P1", kind: .throughputDown,
                    startedAt: at(daysBack: daysBack ?? index, 10), durationSeconds: 10, mbps: goodput,
                    crossTrafficMbps: cross, valid: valid))
        }
    }

    mutating func addSample(_ mbps: Double, at time: Timestamp) {
        measurements.append(
            ProbeMeasurement(
                id: "U\(measurements.count)", schoolCode: school.code, probeID: "P1", kind: .utilisationDown,
                startedAt: time, durationSeconds: 300, mbps: mbps))
    }

    var inventory: Inventory {
        Inventory(
            plan: plan, districts: districts, schools: [school], links: links, assets: assets, egressLinks: egress,
            storageReadings: storage, measurements: measurements)
    }

    var report: ComplianceReport {
        ComplianceSolver(plan: plan, asOf: asOf).evaluate(CityIndex(inventory))
    }

    var schoolReport: SchoolReport { report.schools[0] }

    /// The rules that flag the school.
    var rules: Set<Rule> { Set(schoolReport.flags.map(\.rule)) }

    /// The rules that flag the city.
    var cityRules: [Rule] { report.cityFlags.map(\.rule) }
}

extension Inventory {
    /// A generated city without probe tests, for the planners' invariants.
    static func generated(schools: Int, seed: UInt64) -> Inventory {
        var options = SampleCityGenerator.Options()
        options.schools = schools
        options.seed = seed
        options.probedShare = 0
        var generator = SampleCityGenerator(options: options)
        return generator.generate()
    }
}
