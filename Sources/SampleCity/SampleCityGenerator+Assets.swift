import InventoryModel

extension SampleCityGenerator {
    /// A kind of hardware: its models, price range, warranty and how many a school has.
    struct AssetProfile {
        let category: AssetCategory
        let models: [String]
        let cost: ClosedRange<Int>
        let warrantyYears: Int
    }

    static let display = AssetProfile(
        category: .interactiveDisplay, models: ["希沃 F86EA", "鸿合 HD-I8677E", "海康威视 DS-D5186", "长虹 86D3P"],
        cost: 9_000...26_000, warrantyYears: 3)
    static let gear: [(AssetProfile, perClasses: Int)] = [
        (
            AssetProfile(
                category: .router, models: ["华为 AR6120", "H3C MSR2600", "锐捷 RG-RSR20"], cost: 6_000...28_000,
                warrantyYears: 3), 0
        ),
        (
            AssetProfile(
                category: .firewall, models: ["深信服 AF-1000", "华为 USG6510E", "奇安信 NSG3000"], cost: 12_000...55_000,
                warrantyYears: 3), 0
        ),
        (
            AssetProfile(
                category: .switch, models: ["华为 S5735-L24T4S", "H3C S5130S-28S", "锐捷 RG-S2928G"], cost: 2_500...18_000,
                warrantyYears: 5), 10
        ),
        (
            AssetProfile(
                category: .accessPoint, models: ["华为 AirEngine 5761", "锐捷 RG-AP720-L", "H3C WA6320"], cost: 900...3_200,
                warrantyYears: 3), 2
        ),
        (
            AssetProfile(
                category: .server, models: ["浪潮 NF5280M6", "华为 2288H V5", "联想 SR588"], cost: 22_000...80_000,
                warrantyYears: 3), 30
        ),
        (
            AssetProfile(
                category: .computer, models: ["联想 启天M437", "同方 超翔TL630"], cost: 3_800...6_500, warrantyYears: 3), 6
        ),
    ]

    /// Displays for the classrooms and the school's network gear, bought over ten years.
    mutating func makeAssets(for school: School) -> [Asset] {
        var assets: [Asset] = []
        let classes = school.classes.total
        // Display coverage: most schools have one per class; some fall short.
        var displays = classes
        if school.kind == .kindergarten {
            displays = Int((Double(classes) * random.double(0.4, 1.0)).rounded())
        } else if random.chance(0.12) {
            displays = Int((Double(classes) * random.double(0.6, 0.95)).rounded(.down))
        }
        for index in 0..<displays {
            assets.append(
                makeAsset(
                    Self.display, school: school, number: index + 1, room: "教室\(100 * (index / 8 + 1) + index % 8 + 1)")
            )
        }
        for (profile, perClasses) in Self.gear {
            let count = perClasses == 0 ? 1 : classes / perClasses
            if profile.category == .firewall, classes < 12 { continue }
            for index in 0..<count {
                assets.append(makeAsset(profile, school: school, number: index + 1, room: "网络机房"))
            }
        }
        return assets
    }

    private mutating func makeAsset(_ profile: AssetProfile, school: School?, number: Int, room: String?) -> Asset {
        let ageDays = random.int(30...3650)
        let purchased = options.asOf.adding(days: -ageDays)
        // Classroom displays are kept working (a broken one is swapped); network gear fails more visibly.
        let status: AssetStatus =
            profile.category == .interactiveDisplay
            ? random.pick([(.inService, 0.985), (.faulty, 0.01), (.retired, 0.005)])
            : random.pick([(.inService, 0.92), (.faulty, 0.04), (.spare, 0.02), (.retired, 0.02)])
        let prefix = (school?.code ?? "DL-CITY") + "-" + Self.tagCode(profile.category) + "-"
        return Asset(
            assetTag: prefix + pad(number, 3), schoolCode: school?.code, category: profile.category, room: room,
            model: profile.models[random.int(0...(profile.models.count - 1))], purchaseDate: purchased,
            purchaseCostYuan: Double(random.int(profile.cost) / 10 * 10),
            warrantyEnd: purchased.adding(years: profile.warrantyYears),
            expectedLifeYears: random.chance(0.05) ? Double(random.int(5...10)) : nil, status: status)
    }

    static func tagCode(_ category: AssetCategory) -> String {
        switch category {
        case .interactiveDisplay: "IFP"
        case .switch: "SW"
        case .router: "RT"
        case .firewall: "FW"
        case .accessPoint: "AP"
        case .server: "SRV"
        case .storage: "STO"
        case .projector: "PRJ"
        case .computer: "PC"
        case .other: "OTH"
        }
    }

    /// The metro network and the data centre: core routers, servers and storage arrays.
    mutating func makeCityAssets() -> [Asset] {
        let core = AssetProfile(
            category: .router, models: ["华为 NE40E-X8A", "H3C CR16010"], cost: 400_000...900_000, warrantyYears: 5)
        let server = AssetProfile(
            category: .server, models: ["浪潮 NF5280M6", "华为 2288H V6"], cost: 40_000...120_000, warrantyYears: 5)
        let storage = AssetProfile(
            category: .storage, models: ["华为 OceanStor 5310", "浪潮 AS5300G5"], cost: 300_000...1_200_000,
            warrantyYears: 5)
        var assets: [Asset] = []
        for index in 0..<4 { assets.append(makeAsset(core, school: nil, number: index + 1, room: "城域网核心机房")) }
        for index in 0..<16 { assets.append(makeAsset(server, school: nil, number: index + 1, room: "教育云数据中心")) }
        for index in 0..<6 { assets.append(makeAsset(storage, school: nil, number: index + 1, room: "教育云数据中心")) }
        return assets
    }

    /// Three carriers' egress, one contract lapsed and one not yet started: 20 Gbps in force
    /// against the plan's 30, so the egress rule has its case.
    func makeEgress() -> [EgressLink] {
        let asOf = options.asOf
        return [
            EgressLink(
                linkID: "EG-CT-1", provider: "中国电信", capacityGbps: 10, monthlyCostYuan: 180_000,
                contractStart: asOf.adding(days: -700), contractEnd: asOf.adding(days: 395)),
            EgressLink(
                linkID: "EG-CU-1", provider: "中国联通", capacityGbps: 10, monthlyCostYuan: 170_000,
                contractStart: asOf.adding(days: -400), contractEnd: asOf.adding(days: 695)),
            EgressLink(
                linkID: "EG-CM-1", provider: "中国移动", capacityGbps: 10, monthlyCostYuan: 160_000,
                contractStart: asOf.adding(days: -1100), contractEnd: asOf.adding(days: -5)),
            EgressLink(
                linkID: "EG-CM-2", provider: "中国移动", capacityGbps: 20, monthlyCostYuan: 260_000,
                contractStart: asOf.adding(days: 37), contractEnd: asOf.adding(days: 1131)),
        ]
    }

    /// A year of monthly readings of two cloud pools and two resource-library pools, growing,
    /// with one pool expanded mid-year; below the 500 TB and 2 PB targets.
    mutating func makeStorage() -> [StorageReading] {
        let pools: [(String, StoragePoolKind, Double, Double, Double)] = [
            ("云存储-A", .cloudStorage, 160, 200, 95), ("云存储-B", .cloudStorage, 240, 240, 130),
            ("资源库-主", .resourceLibrary, 1200, 1200, 610), ("资源库-备", .resourceLibrary, 400, 600, 240),
        ]
        var readings: [StorageReading] = []
        for (name, kind, before, after, startUsed) in pools {
            var used = startUsed
            for month in 0...12 {
                let day = options.asOf.adding(days: -30 * (12 - month))
                used *= 1 + random.double(0.02, 0.05)
                readings.append(
                    StorageReading(
                        pool: name, kind: kind, capacityTB: month < 6 ? before : after, usedTB: rounded(used, 1),
                        asOf: day))
            }
        }
        return readings
    }
}
