import InventoryModel

/// Makes a realistic city deterministically: the same options give the same city, byte for byte.
///
/// The city follows Dalian's districts and mix of schools, and every rule of standards.md has
/// schools that break it, so the sample exercises the whole solver.
public struct SampleCityGenerator {
    /// What to generate.
    public struct Options: Sendable {
        /// Number of schools (kindergartens included).
        public var schools = 300
        public var seed: UInt64 = 1
        /// The day the city is "as of": contracts, asset ages and measurements are laid out around it.
        public var asOf = CalendarDate(year: 2026, month: 11, day: 24)!
        /// Share of connected schools that run a probe.
        public var probedShare = 0.6
        /// Days of active tests before the as-of day.
        public var testDays = 21
        /// Share of probed schools that also report 5-minute utilisation samples.
        public var utilisationShare = 0.2
        /// School days of utilisation samples before the as-of day.
        public var utilisationDays = 3

        /// The defaults: a few hundred schools, seed 1, as of 2026-11-24.
        public init() {}
    }

    let options: Options
    var random: SeededGenerator
    private var demonstrationSchools = 0

    /// A generator for the options.
    public init(options: Options) {
        self.options = options
        random = SeededGenerator(seed: options.seed)
    }

    /// Makes the city.
    public mutating func generate() -> Inventory {
        var city = Inventory()
        let profiles = DistrictProfile.dalian
        city.districts = profiles.map {
            District(name: $0.name, infoCenterStaff: $0.infoCenterStaff, smallDistrict: $0.small)
        }
        var sequence: [String: Int] = [:]
        for _ in 0..<options.schools {
            let profile = random.pick(profiles.map { ($0, $0.weight) })
            sequence[profile.code, default: 0] += 1
            let school = makeSchool(number: sequence[profile.code]!, in: profile)
            city.schools.append(school)
            let links = makeLinks(for: school)
            city.links += links
            city.assets += makeAssets(for: school)
            city.measurements += makeMeasurements(for: school, links: links)
        }
        city.assets += makeCityAssets()
        city.egressLinks = makeEgress()
        city.storageReadings = makeStorage()
        return city
    }

    // MARK: - Schools

    private static let kinds: [(SchoolKind, Double)] = [
        (.kindergarten, 0.35), (.primary, 0.33), (.junior, 0.10), (.nineYear, 0.08), (.senior, 0.05),
        (.completeSecondary, 0.03), (.vocational, 0.03), (.special, 0.03),
    ]

    private mutating func makeSchool(number: Int, in profile: DistrictProfile) -> School {
        let locality = random.pick(profile.localities)
        var kind = random.pick(Self.kinds)
        // Senior, vocational and special schools sit in towns or cities, not villages.
        if locality == .village, [.senior, .completeSecondary, .vocational, .special].contains(kind) {
            kind = .primary
        }
        let small = locality == .village ? 0.4 : locality == .town ? 0.7 : 1.0
        func classes(_ range: ClosedRange<Int>) -> Int {
            max(1, Int((Double(random.int(range)) * small).rounded()))
        }
        var counts = ClassCounts()
        var label: String
        switch kind {
        case .kindergarten:
            counts.kindergarten = classes(3...15)
            label = "幼儿园"
        case .primary:
            counts.primary = classes(6...36)
            label = "小学"
        case .junior:
            counts.junior = classes(6...30)
            label = "初级中学"
        case .nineYear:
            counts.primary = classes(6...24)
            counts.junior = classes(3...12)
            label = "九年一贯制学校"
        case .senior:
            counts.senior = classes(12...48)
            label = "高级中学"
        case .completeSecondary:
            counts.junior = classes(9...24)
            counts.senior = classes(9...30)
            label = "完全中学"
        case .vocational:
            counts.vocational = classes(10...60)
            label = "职业技术学校"
        case .special:
            counts.special = classes(4...12)
            label = "特殊教育学校"
        }
        let central = locality == .town && random.chance(0.35)
        if central { label = "中心" + label }
        let code = "DL-\(profile.code)-" + pad(number, 4)
        let perClass = kind == .kindergarten ? 20...32 : 25...48
        var school = School(
            code: code, name: profile.name + "第\(number)" + label, district: profile.name, locality: locality,
            central: central, kind: kind, classes: counts, students: counts.total * random.int(perClass))
        if kind == .kindergarten {
            school.kindergartenStars = random.pick([(0, 0.1), (1, 0.2), (2, 0.3), (3, 0.25), (4, 0.1), (5, 0.05)])
        }
        if kind == .vocational {
            school.vocationalDemo = random.pick([
                (Optional<VocationalDemo>.none, 0.4), (.city, 0.25), (.provincial, 0.25), (.national, 0.1),
            ])
        }
        let mustCover = locality == .urbanCore || locality == .countyCore
        school.wirelessCoveragePct = mustCover && random.chance(0.85) ? 100 : Double(random.int(20...95))
        let need = (counts.primary + 11) / 12 + 2 * ((counts.junior + counts.senior + counts.vocational + 11) / 12)
        school.itStaff = random.chance(0.8) ? need + random.int(0...1) : max(0, need - random.int(1...2))
        if random.chance(0.95) {
            school.latitude = rounded(profile.latitude + random.double(-0.08, 0.08), 5)
            school.longitude = rounded(profile.longitude + random.double(-0.1, 0.1), 5)
        }
        return school
    }

    /// Per-class requirement with Dalian's rates, to size realistic contracts.
    private func requiredMbps(_ school: School) -> Double {
        let lower = school.isRuralBelowCentral ? 5.0 : 10.0
        let c = school.classes
        return Double(c.kindergarten) * 5 + Double(c.primary + c.junior) * lower
            + Double(c.senior + c.vocational) * 15 + Double(c.special) * 10
    }

    // MARK: - Links

    private mutating func makeLinks(for school: School) -> [SchoolLink] {
        let roll = random.double(0, 1)
        if roll < 0.02 { return [] }  // not connected at all
        let required = requiredMbps(school)
        // Most contracts meet the standard with room to spare; some fall short.
        let factor = roll < 0.14 ? random.double(0.4, 0.95) : random.double(1.0, 2.5)
        var target = required * factor
        // Every other demonstration vocational school has the 1000 Mbps access the plan asks for.
        if school.vocationalDemo == .provincial || school.vocationalDemo == .national {
            demonstrationSchools += 1
            if demonstrationSchools % 2 == 1 { target = max(target, 1000) }
        }
        let offer = Providers.offers.first { $0.mbps >= target } ?? Providers.offers.last!
        let down = factor < 1 ? (Providers.offers.last { $0.mbps <= target } ?? Providers.offers[0]) : offer
        let start = options.asOf.adding(days: -random.int(0...1000))
        var end = start.adding(years: 3).adding(days: -1)
        if roll < 0.04 { end = options.asOf.adding(days: -random.int(1...90)) }  // lapsed: no link in force
        if roll >= 0.04, roll < 0.05 { end = options.asOf }  // ends on the as-of day: still in force
        var links = [
            SchoolLink(
                linkID: school.code + "-L1", schoolCode: school.code, provider: random.pick(Providers.weighted),
                downMbps: down.mbps, upMbps: down.mbps, monthlyCostYuan: down.monthlyYuan,
                contractStart: min(start, end),
                contractEnd: end)
        ]
        if school.classes.total > 40, random.chance(0.3) {
            let backup = Providers.offers[random.int(0...2)]
            links.append(
                SchoolLink(
                    linkID: school.code + "-L2", schoolCode: school.code, provider: random.pick(Providers.weighted),
                    downMbps: backup.mbps, upMbps: backup.mbps / 2, monthlyCostYuan: backup.monthlyYuan))
        }
        return links
    }
}

func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}

func rounded(_ value: Double, _ digits: Int) -> Double {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    return (value * scale).rounded() / scale
}
