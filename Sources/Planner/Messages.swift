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
///
/// Each sentence names the figure found, the figure it is held against and where that comes
/// from (the classes a requirement is set for, the share of a contract a tolerance allows), so
/// that a reader can check it without the plan at hand. The Chinese is written as a planner
/// at an education bureau writes it, dates as `2026年11月24日`, not translated word by word.
enum FlagText {
    static func english(_ flag: Flag) -> String {
        let (v, t, r, d) = (
            Text.number(flag.value), Text.number(flag.threshold), Text.number(flag.detail.reference), flag.detail
        )
        let share = Text.percent(derivedShare(flag))
        switch flag.rule {
        case .noLink: return "no link in force on \(d.asOf); the plan needs at least \(t) link" + (t == "1" ? "" : "s")
        case .contractBelowStandard:
            return "\(v) Mbps contracted, below the \(t) Mbps the plan requires for \(d.classes) classes"
        case .measuredBelowStandard:
            return
                "measured \(v) Mbps (median of \(d.tests) tests), below \(t) Mbps: \(share) of the \(r) Mbps "
                + "the plan requires for \(d.classes) classes"
        case .underDelivering:
            return
                "measured \(v) Mbps (median of \(d.tests) tests), \(Text.percent(deliveredShare(flag))) "
                + "of the \(r) Mbps contracted; below \(t) Mbps, \(share) of the contract"
        case .noRecentMeasurement:
            return "\(v) valid download tests in the \(d.windowDays) days to \(d.asOf), fewer than the \(t) needed"
        case .congested:
            return "school-hours p95 download of \(v) Mbps exceeds \(t) Mbps, \(share) of the \(r) Mbps capacity"
        case .displayCoverage:
            return
                "\(d.displays) in-service interactive displays for \(d.classes) classes (\(Text.percent(flag.value))), "
                + "below the \(Text.percent(flag.threshold)) the plan requires"
        case .wirelessCoverage: return "wireless covers \(v)% of teaching space, below the \(t)% the plan requires"
        case .vocationalDemoAccess:
            let level = d.vocationalDemo == .national ? "national" : "provincial"
            return
                "\(level) demonstration vocational school with \(v) Mbps contracted, below the \(t) Mbps the plan requires"
        case .itStaff: return "\(v) full-time IT staff, fewer than the \(t) the plan requires for \(d.classes) classes"
        case .assetPastLife:
            return flag.value == 1
                ? "1 in-service asset is past its expected life" : "\(v) in-service assets are past their expected life"
        case .egressBelowTarget: return "\(v) Gbps of metro egress in force, below the \(t) Gbps the plan targets"
        case .cloudStorageBelowTarget: return "\(v) TB of cloud storage, below the \(t) TB the plan targets"
        case .resourceLibraryBelowTarget: return "\(v) TB of resource library, below the \(t) TB the plan targets"
        case .districtStaff:
            return
                "\(d.district ?? "the district's") information centre has \(v) staff, fewer than the \(t) the plan requires"
        }
    }

    static func chinese(_ flag: Flag) -> String {
        let (v, t, r, d) = (
            Text.number(flag.value), Text.number(flag.threshold), Text.number(flag.detail.reference), flag.detail
        )
        let (date, share) = (Text.chineseDate(d.asOf), Text.percent(derivedShare(flag)))
        switch flag.rule {
        case .noLink: return "截至\(date)，无在合同期内的接入链路（规划要求至少\(t)条）"
        case .contractBelowStandard: return "合同带宽\(v) Mbps，低于按\(d.classes)个班核定的规划要求\(t) Mbps"
        case .measuredBelowStandard:
            return
                "实测带宽\(v) Mbps（\(d.tests)次测试中位数），低于达标下限\(t) Mbps，"
                + "即按\(d.classes)个班核定的规划要求\(r) Mbps的\(share)"
        case .underDelivering:
            return
                "实测带宽\(v) Mbps（\(d.tests)次测试中位数），仅为合同带宽\(r) Mbps的"
                + "\(Text.percent(deliveredShare(flag)))，低于合同带宽\(share)的下限\(t) Mbps"
        case .noRecentMeasurement:
            guard flag.value > 0 else { return "截至\(date)的近\(d.windowDays)天内无有效下行测速，规划要求至少\(t)次" }
            return "截至\(date)的近\(d.windowDays)天内，有效下行测速仅\(v)次，少于规划要求的\(t)次"
        case .congested:
            return "上课时段下行流量的95%分位值为\(v) Mbps，超过拥塞阈值\(t) Mbps，即链路容量\(r) Mbps的\(share)"
        case .displayCoverage:
            let displays = d.displays > 0 ? "仅有在用交互式显示设备\(d.displays)台" : "均无在用交互式显示设备"
            return
                "\(d.classes)个班\(displays)，覆盖率\(Text.percent(flag.value))，低于规划要求的\(Text.percent(flag.threshold))"
        case .wirelessCoverage: return "教学场所无线网络覆盖率为\(v)%，低于规划要求的\(t)%"
        case .vocationalDemoAccess:
            let level = d.vocationalDemo == .national ? "国家级" : "省级"
            return "\(level)示范中职学校合同带宽\(v) Mbps，低于规划要求的\(t) Mbps"
        case .itStaff:
            guard flag.value > 0 else { return "未配备专职信息技术人员，按\(d.classes)个班核定规划要求配备\(t)人" }
            return "专职信息技术人员\(v)人，少于按\(d.classes)个班核定的规划要求\(t)人"
        case .assetPastLife: return "在用设备中有\(v)台已超过预计使用年限"
        case .egressBelowTarget: return "合同期内城域网出口带宽合计\(v) Gbps，低于规划目标\(t) Gbps"
        case .cloudStorageBelowTarget: return "教育云存储总容量\(v) TB，低于规划目标\(t) TB"
        case .resourceLibraryBelowTarget: return "教育资源库总容量\(v) TB，低于规划目标\(t) TB"
        case .districtStaff: return "\(d.district ?? "区县")教育信息中心专职人员\(v)人，少于规划要求的\(t)人"
        }
    }

    /// The threshold as a share of what it derives from: the tolerance of a requirement or a
    /// contract, the congestion share of a capacity; 0 when there is nothing to derive from.
    private static func derivedShare(_ flag: Flag) -> Double {
        flag.detail.reference > 0 ? flag.threshold / flag.detail.reference : 0
    }

    /// A measured value as a share of the contract it is held against (UNDER_DELIVERING).
    private static func deliveredShare(_ flag: Flag) -> Double {
        flag.detail.reference > 0 ? flag.value / flag.detail.reference : 0
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

    /// A day as Chinese prose writes it: `2026年11月24日`, the month and day without a leading zero.
    public static func chineseDate(_ date: CalendarDate) -> String {
        let (year, month, day) = date.parts
        return "\(year)年\(month)月\(day)日"
    }

    /// A day in a language's prose: `2026年11月24日` in Chinese, `2026-11-24` in English.
    public static func date(_ date: CalendarDate, in language: Language) -> String {
        language == .zh ? chineseDate(date) : date.description
    }
}
