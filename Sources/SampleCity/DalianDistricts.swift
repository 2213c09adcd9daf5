import InventoryModel

/// A district of Dalian as the generator lays it out.
struct DistrictProfile {
    let name: String
    /// Short code used in school codes: `DL-ZS-0001`.
    let code: String
    /// Share of the city's schools.
    let weight: Double
    let localities: [(Locality, Double)]
    let latitude: Double
    let longitude: Double
    let infoCenterStaff: Int
    let small: Bool

    /// Dalian's districts and county-level cities. Staff figures are made up, with Lüshunkou and
    /// Changhai below their minimums so the district rule has cases.
    static let dalian: [DistrictProfile] = [
        .init(
            name: "中山区", code: "ZS", weight: 7, localities: [(.urbanCore, 1)], latitude: 38.92, longitude: 121.64,
            infoCenterStaff: 14, small: false),
        .init(
            name: "西岗区", code: "XG", weight: 6, localities: [(.urbanCore, 1)], latitude: 38.91, longitude: 121.61,
            infoCenterStaff: 12, small: false),
        .init(
            name: "沙河口区", code: "SHK", weight: 9, localities: [(.urbanCore, 1)], latitude: 38.90, longitude: 121.58,
            infoCenterStaff: 13, small: false),
        .init(
            name: "甘井子区", code: "GJZ", weight: 16, localities: [(.urbanCore, 0.6), (.urban, 0.3), (.town, 0.1)],
            latitude: 38.95, longitude: 121.53, infoCenterStaff: 16, small: false),
        .init(
            name: "旅顺口区", code: "LS", weight: 6, localities: [(.urban, 0.5), (.town, 0.3), (.village, 0.2)],
            latitude: 38.81, longitude: 121.26, infoCenterStaff: 8, small: false),
        .init(
            name: "金州区", code: "JZ", weight: 15, localities: [(.urban, 0.6), (.town, 0.25), (.village, 0.15)],
            latitude: 39.10, longitude: 121.72, infoCenterStaff: 15, small: false),
        .init(
            name: "普兰店区", code: "PLD", weight: 10, localities: [(.countyCore, 0.35), (.town, 0.4), (.village, 0.25)],
            latitude: 39.39, longitude: 121.96, infoCenterStaff: 10, small: false),
        .init(
            name: "瓦房店市", code: "WFD", weight: 14, localities: [(.countyCore, 0.35), (.town, 0.4), (.village, 0.25)],
            latitude: 39.63, longitude: 122.00, infoCenterStaff: 11, small: false),
        .init(
            name: "庄河市", code: "ZH", weight: 13, localities: [(.countyCore, 0.3), (.town, 0.4), (.village, 0.3)],
            latitude: 39.68, longitude: 122.97, infoCenterStaff: 10, small: false),
        .init(
            name: "长海县", code: "CH", weight: 4, localities: [(.countyCore, 0.4), (.town, 0.4), (.village, 0.2)],
            latitude: 39.27, longitude: 122.59, infoCenterStaff: 5, small: true),
    ]
}

/// The three carriers that sell school lines in Dalian, and a price list by speed.
enum Providers {
    static let weighted: [(String, Double)] = [("中国电信", 0.45), ("中国联通", 0.30), ("中国移动", 0.25)]
    /// Offered downstream speeds and their monthly price in yuan: the plan's default price list.
    static let offers = Plan().linkOffers
}
