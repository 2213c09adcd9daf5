import InventoryModel

/// The words of the report, in both languages: the pages, the terminal tables and the
/// workbooks take their labels from here, so a rule or a target is called the same everywhere.
extension Rule: Worded {
    /// What the rule judges, as a short label.
    public var words: Phrase {
        switch self {
        case .noLink: Phrase(zh: "未接入网络", en: "not connected")
        case .contractBelowStandard: Phrase(zh: "合同带宽未达标", en: "contracted bandwidth below standard")
        case .measuredBelowStandard: Phrase(zh: "实测带宽未达标", en: "measured bandwidth below standard")
        case .underDelivering: Phrase(zh: "实测带宽低于合同", en: "link delivers less than contracted")
        case .noRecentMeasurement: Phrase(zh: "近期缺少测速数据", en: "no recent measurement")
        case .congested: Phrase(zh: "上课时段链路拥塞", en: "congested in school hours")
        case .displayCoverage: Phrase(zh: "班级交互式显示设备未全覆盖", en: "classes without a display")
        case .wirelessCoverage: Phrase(zh: "无线网络覆盖不足", en: "wireless coverage below standard")
        case .vocationalDemoAccess: Phrase(zh: "示范职业学校带宽未达标", en: "demonstration vocational school below standard")
        case .itStaff: Phrase(zh: "专职信息技术人员不足", en: "too few IT staff")
        case .assetPastLife: Phrase(zh: "设备超过使用年限", en: "assets past their life")
        case .egressBelowTarget: Phrase(zh: "城域网出口带宽未达标", en: "metro egress below target")
        case .cloudStorageBelowTarget: Phrase(zh: "教育云存储未达标", en: "cloud storage below target")
        case .resourceLibraryBelowTarget: Phrase(zh: "资源库容量未达标", en: "resource library below target")
        case .districtStaff: Phrase(zh: "区县信息中心人员不足", en: "district information centre understaffed")
        }
    }
}

extension Severity: Worded {
    public var words: Phrase {
        switch self {
        case .violation: Phrase(zh: "未达标", en: "violation")
        case .warning: Phrase(zh: "预警", en: "warning")
        }
    }
}

extension Metric {
    /// The metric's label: the plan's own term in Chinese, a plain name in English.
    public var words: Phrase { Metric.words(name) }

    /// The label of a metric by name; the name itself for one SchoolNet does not know.
    public static func words(_ name: String) -> Phrase {
        switch name {
        case "school_connectivity_rate": Phrase(zh: "校校通（学校接入率）", en: "schools connected (校校通)")
        case "kindergarten_connectivity_rate": Phrase(zh: "园园通（幼儿园接入率）", en: "kindergartens connected (园园通)")
        case "class_display_rate": Phrase(zh: "班班通（班级交互式显示设备覆盖率）", en: "classes with a display (班班通)")
        case "bandwidth_compliance_rate": Phrase(zh: "带宽达标学校比例", en: "schools meeting the bandwidth standard")
        case "school_compliance_rate": Phrase(zh: "全部达标学校比例", en: "schools with no violation")
        case "egress_gbps": Phrase(zh: "城域网出口带宽", en: "metro egress")
        case "cloud_storage_tb": Phrase(zh: "教育云存储容量", en: "cloud storage")
        case "resource_library_tb": Phrase(zh: "资源库容量", en: "resource library")
        case "hardware_value": Phrase(zh: "在用硬件资产总值", en: "hardware value in service")
        case "maintenance_budget": Phrase(zh: "年度运维经费（3%）", en: "maintenance budget a year (3%)")
        case "replacement_budget": Phrase(zh: "年度更新经费（15%）", en: "replacement budget a year (15%)")
        default: Phrase(zh: name, en: name)
        }
    }
}

extension RenewalReason: Worded {
    /// Why an asset is replaced, as the renewal tables say it.
    public var words: Phrase {
        switch self {
        case .faulty: Phrase(zh: "故障", en: "faulty")
        case .pastLife: Phrase(zh: "超过预计使用年限", en: "past expected life")
        case .outOfWarranty: Phrase(zh: "已过保修期", en: "out of warranty")
        }
    }
}

extension LinkUpgrade.Action: Worded {
    /// What a school below the bandwidth standard should do, as the capacity tables say it.
    public var words: Phrase {
        switch self {
        case .newLink: Phrase(zh: "新建接入", en: "new link")
        case .upgrade: Phrase(zh: "扩容", en: "upgrade")
        case .enforceContract: Phrase(zh: "督促运营商按合同履约", en: "enforce contract")
        }
    }
}
