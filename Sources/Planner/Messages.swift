import InventoryModel

/// The sentences of a school's flags, in English and Chinese.
struct Messages {
    let school: School
    let asOf: CalendarDate

    /// A flag of a school rule with its message.
    ///
    /// - Parameters:
    ///   - reference: the figure the threshold derives from (the required or contracted Mbps,
    ///     the capacity), for messages that show both.
    ///   - tests: how many tests a measured value is the median of.
    ///   - count: the displays counted, for DISPLAY_COVERAGE.
    func flag(
        _ rule: Rule, value: Double, threshold: Double, unit: String, reference: Double = 0, tests: Int = 0,
        count: Int = 0, windowDays: Int = 0
    ) -> Flag {
        let v = Text.number(value)
        let t = Text.number(threshold)
        let r = Text.number(reference)
        let classes = school.classes.total
        let english: String
        let chinese: String
        switch rule {
        case .noLink:
            english = "no link in force on \(asOf)"
            chinese = "\(asOf)无在合同期内的接入链路"
        case .contractBelowStandard:
            english = "\(v) Mbps contracted for \(classes) classes; the plan needs \(t) Mbps"
            chinese = "\(classes)个班合同带宽\(v) Mbps，规划要求\(t) Mbps"
        case .measuredBelowStandard:
            english =
                "measured \(v) Mbps (median of \(tests) tests) for \(classes) classes; the plan needs \(r) Mbps, "
                + "\(t) Mbps within tolerance"
            chinese = "实测带宽\(v) Mbps（\(tests)次测试中位数），\(classes)个班规划要求\(r) Mbps，容差内不低于\(t) Mbps"
        case .underDelivering:
            english = "measured \(v) Mbps (median of \(tests) tests) of \(r) Mbps contracted; below \(t) Mbps"
            chinese = "实测带宽\(v) Mbps（\(tests)次测试中位数），合同带宽\(r) Mbps，低于\(t) Mbps"
        case .noRecentMeasurement:
            english = "\(v) valid download tests in the \(windowDays) days to \(asOf); \(t) needed"
            chinese = "截至\(asOf)的\(windowDays)天内有效下行测试\(v)次，至少需要\(t)次"
        case .congested:
            english = "school-hours p95 download of \(v) Mbps exceeds \(t) Mbps of \(r) Mbps capacity"
            chinese = "上课时段下行流量P95为\(v) Mbps，超过容量\(r) Mbps的阈值\(t) Mbps"
        case .displayCoverage:
            english =
                "\(count) in-service interactive displays for \(classes) classes (\(Text.percent(value))); "
                + "the plan needs \(Text.percent(threshold))"
            chinese = "\(classes)个班在用交互式显示设备\(count)台（\(Text.percent(value))），规划要求\(Text.percent(threshold))"
        case .wirelessCoverage:
            english = "wireless covers \(v)% of teaching space; the plan needs \(t)%"
            chinese = "无线网络覆盖\(v)%的教学空间，规划要求\(t)%"
        case .vocationalDemoAccess:
            let level = school.vocationalDemo == .national ? "national" : "provincial"
            let levelZh = school.vocationalDemo == .national ? "国家级" : "省级"
            english = "\(level) demonstration vocational school with \(v) Mbps contracted; the plan needs \(t) Mbps"
            chinese = "\(levelZh)示范职业学校合同带宽\(v) Mbps，规划要求\(t) Mbps"
        case .itStaff:
            english = "\(v) full-time IT staff for \(classes) classes; the plan needs \(t)"
            chinese = "\(classes)个班专职信息技术人员\(v)人，规划要求\(t)人"
        case .assetPastLife:
            english = "\(v) in-service assets are past their expected life"
            chinese = "\(v)台在用设备已超过预期使用年限"
        case .egressBelowTarget, .cloudStorageBelowTarget, .resourceLibraryBelowTarget, .districtStaff:
            return CityMessages.flag(rule, value: value, threshold: threshold, unit: unit)
        }
        return Flag(rule: rule, value: value, threshold: threshold, unit: unit, message: english, messageZh: chinese)
    }
}

/// The sentences of the city's flags.
enum CityMessages {
    static func flag(_ rule: Rule, value: Double, threshold: Double, unit: String, district: String? = nil) -> Flag {
        let v = Text.number(value)
        let t = Text.number(threshold)
        let english: String
        let chinese: String
        switch rule {
        case .egressBelowTarget:
            english = "\(v) Gbps of metro egress in force; the plan needs \(t) Gbps"
            chinese = "城域网出口带宽\(v) Gbps，规划要求\(t) Gbps"
        case .cloudStorageBelowTarget:
            english = "\(v) TB of cloud storage; the plan needs \(t) TB"
            chinese = "教育云存储容量\(v) TB，规划要求\(t) TB"
        case .resourceLibraryBelowTarget:
            english = "\(v) TB of resource library; the plan needs \(t) TB"
            chinese = "资源库容量\(v) TB，规划要求\(t) TB"
        case .districtStaff:
            english = "\(district ?? "") information centre has \(v) staff; the plan needs \(t)"
            chinese = "\(district ?? "")信息中心专职人员\(v)人，规划要求\(t)人"
        default:
            english = "\(rule.rawValue): \(v) \(unit), threshold \(t) \(unit)"
            chinese = english
        }
        return Flag(
            rule: rule, value: value, threshold: threshold, unit: unit, message: english, messageZh: chinese,
            district: district)
    }
}

/// Numbers as a planner reads them.
public enum Text {
    /// At most one decimal, none for whole numbers: `240`, `187.5`.
    public static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded() { return String(Int64(rounded)) }
        return String(Int64(rounded.rounded(.towardZero))) + "." + String(Int64(abs(rounded * 10).rounded()) % 10)
    }

    /// A share as a percentage with at most one decimal: `75%`, `87.5%`.
    public static func percent(_ share: Double) -> String {
        number(share * 100) + "%"
    }
}
