import InventoryModel

/// Makes a school's flags with the details their sentences need.
struct FlagMaker {
    let classes: Int
    let vocationalDemo: VocationalDemo?
    let asOf: CalendarDate

    init(school: School, asOf: CalendarDate) {
        classes = school.classes.total
        vocationalDemo = school.vocationalDemo
        self.asOf = asOf
    }

    func flag(
        _ rule: Rule, value: Double, threshold: Double, unit: String, reference: Double = 0, tests: Int = 0,
        displays: Int = 0, windowDays: Int = 0
    ) -> Flag {
        var detail = FlagDetail(asOf: asOf)
        detail.classes = classes
        detail.tests = tests
        detail.displays = displays
        detail.windowDays = windowDays
        detail.reference = reference
        detail.vocationalDemo = vocationalDemo
        return Flag(rule: rule, value: value, threshold: threshold, unit: unit, detail: detail)
    }

    /// A flag of a city rule.
    static func cityFlag(
        _ rule: Rule, value: Double, threshold: Double, unit: String, asOf: CalendarDate, district: String? = nil
    ) -> Flag {
        var detail = FlagDetail(asOf: asOf)
        detail.district = district
        return Flag(rule: rule, value: value, threshold: threshold, unit: unit, detail: detail)
    }
}

/// The sentences of flags, in English and Chinese.
enum FlagText {
    static func english(_ flag: Flag) -> String {
        let (v, t, r, d) = (
            Text.number(flag.value), Text.number(flag.threshold), Text.number(flag.detail.reference), flag.detail
        )
        switch flag.rule {
        case .noLink: return "no link in force on \(d.asOf)"
        case .contractBelowStandard: return "\(v) Mbps contracted for \(d.classes) classes; the plan needs \(t) Mbps"
        case .measuredBelowStandard:
            return
                "measured \(v) Mbps (median of \(d.tests) tests) for \(d.classes) classes; the plan needs \(r) Mbps, "
                + "\(t) Mbps within tolerance"
        case .underDelivering:
            return "measured \(v) Mbps (median of \(d.tests) tests) of \(r) Mbps contracted; below \(t) Mbps"
        case .noRecentMeasurement:
            return "\(v) valid download tests in the \(d.windowDays) days to \(d.asOf); \(t) needed"
        case .congested: return "school-hours p95 download of \(v) Mbps exceeds \(t) Mbps of \(r) Mbps capacity"
        case .displayCoverage:
            return
                "\(d.displays) in-service interactive displays for \(d.classes) classes (\(Text.percent(flag.value))); "
                + "the plan needs \(Text.percent(flag.threshold))"
        case .wirelessCoverage: return "wireless covers \(v)% of teaching space; the plan needs \(t)%"
        case .vocationalDemoAccess:
            let level = d.vocationalDemo == .national ? "national" : "provincial"
            return "\(level) demonstration vocational school with \(v) Mbps contracted; the plan needs \(t) Mbps"
        case .itStaff: return "\(v) full-time IT staff for \(d.classes) classes; the plan needs \(t)"
        case .assetPastLife: return "\(v) in-service assets are past their expected life"
        case .egressBelowTarget: return "\(v) Gbps of metro egress in force; the plan needs \(t) Gbps"
        case .cloudStorageBelowTarget: return "\(v) TB of cloud storage; the plan needs \(t) TB"
        case .resourceLibraryBelowTarget: return "\(v) TB of resource library; the plan needs \(t) TB"
        case .districtStaff: return "\(d.district ?? "") information centre has \(v) staff; the plan needs \(t)"
        }
    }

    static func chinese(_ flag: Flag) -> String {
        let (v, t, r, d) = (
            Text.number(flag.value), Text.number(flag.threshold), Text.number(flag.detail.reference), flag.detail
        )
        switch flag.rule {
        case .noLink: return "\(d.asOf)无在合同期内的接入链路"
        case .contractBelowStandard: return "\(d.classes)个班合同带宽\(v) Mbps，规划要求\(t) Mbps"
        case .measuredBelowStandard:
            return "实测带宽\(v) Mbps（\(d.tests)次测试中位数），\(d.classes)个班规划要求\(r) Mbps，容差内不低于\(t) Mbps"
        case .underDelivering: return "实测带宽\(v) Mbps（\(d.tests)次测试中位数），合同带宽\(r) Mbps，低于\(t) Mbps"
        case .noRecentMeasurement: return "截至\(d.asOf)的\(d.windowDays)天内有效下行测试\(v)次，至少需要\(t)次"
        case .congested: return "上课时段下行流量P95为\(v) Mbps，超过容量\(r) Mbps的阈值\(t) Mbps"
        case .displayCoverage:
            return "\(d.classes)个班在用交互式显示设备\(d.displays)台（\(Text.percent(flag.value))），"
                + "规划要求\(Text.percent(flag.threshold))"
        case .wirelessCoverage: return "无线网络覆盖\(v)%的教学空间，规划要求\(t)%"
        case .vocationalDemoAccess:
            return "\(d.vocationalDemo == .national ? "国家级" : "省级")示范职业学校合同带宽\(v) Mbps，规划要求\(t) Mbps"
        case .itStaff: return "\(d.classes)个班专职信息技术人员\(v)人，规划要求\(t)人"
        case .assetPastLife: return "\(v)台在用设备已超过预期使用年限"
        case .egressBelowTarget: return "城域网出口带宽\(v) Gbps，规划要求\(t) Gbps"
        case .cloudStorageBelowTarget: return "教育云存储容量\(v) TB，规划要求\(t) TB"
        case .resourceLibraryBelowTarget: return "资源库容量\(v) TB，规划要求\(t) TB"
        case .districtStaff: return "\(d.district ?? "")信息中心专职人员\(v)人，规划要求\(t)人"
        }
    }
}

/// Numbers as a planner reads them.
public enum Text {
    /// At most one decimal, none for whole numbers: `240`, `187.5`. Beyond a thousand million
    /// million (a typo, not a link) Swift's own form: `1e+300`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return value.description }
        let tenths = Int64((abs(value) * 10).rounded())
        let sign = value < 0 && tenths > 0 ? "-" : ""
        return sign + String(tenths / 10) + (tenths % 10 == 0 ? "" : "." + String(tenths % 10))
    }

    /// A share as a percentage with at most one decimal: `75%`, `87.5%`.
    public static func percent(_ share: Double) -> String {
        number(share * 100) + "%"
    }
}
