/// The words of the choices in the interchange files, as a planner writes them in Chinese and
/// English: the pages, the terminal and the workbooks say the same.
public protocol Worded {
    var words: Phrase { get }
}

extension Locality: Worded {
    public var words: Phrase {
        switch self {
        case .urbanCore: Phrase(zh: "中心城区", en: "urban core")
        case .urban: Phrase(zh: "城区", en: "urban")
        case .countyCore: Phrase(zh: "县城核心区", en: "county core")
        case .town: Phrase(zh: "乡镇", en: "town")
        case .village: Phrase(zh: "农村", en: "village")
        }
    }
}

extension SchoolKind: Worded {
    public var words: Phrase {
        switch self {
        case .kindergarten: Phrase(zh: "幼儿园", en: "kindergarten")
        case .primary: Phrase(zh: "小学", en: "primary school")
        case .junior: Phrase(zh: "初中", en: "junior secondary")
        case .nineYear: Phrase(zh: "九年一贯制学校", en: "nine-year school")
        case .senior: Phrase(zh: "普通高中", en: "senior secondary")
        case .completeSecondary: Phrase(zh: "完全中学", en: "complete secondary")
        case .vocational: Phrase(zh: "中等职业学校", en: "vocational school")
        case .special: Phrase(zh: "特殊教育学校", en: "special school")
        }
    }
}

extension Stage: Worded {
    public var words: Phrase {
        switch self {
        case .kindergarten: Phrase(zh: "学前", en: "kindergarten")
        case .primary: Phrase(zh: "小学", en: "primary")
        case .junior: Phrase(zh: "初中", en: "junior")
        case .senior: Phrase(zh: "高中", en: "senior")
        case .vocational: Phrase(zh: "中职", en: "vocational")
        case .special: Phrase(zh: "特教", en: "special")
        }
    }
}

extension VocationalDemo: Worded {
    public var words: Phrase {
        switch self {
        case .none: Phrase(zh: "非示范校", en: "none")
        case .city: Phrase(zh: "市级示范校", en: "city demonstration")
        case .provincial: Phrase(zh: "省级示范校", en: "provincial demonstration")
        case .national: Phrase(zh: "国家级示范校", en: "national demonstration")
        }
    }
}

extension AssetCategory: Worded {
    public var words: Phrase {
        switch self {
        case .interactiveDisplay: Phrase(zh: "交互式显示设备", en: "interactive display")
        case .switch: Phrase(zh: "交换机", en: "switch")
        case .router: Phrase(zh: "路由器", en: "router")
        case .firewall: Phrase(zh: "防火墙", en: "firewall")
        case .accessPoint: Phrase(zh: "无线接入点", en: "access point")
        case .server: Phrase(zh: "服务器", en: "server")
        case .storage: Phrase(zh: "存储设备", en: "storage")
        case .projector: Phrase(zh: "投影仪", en: "projector")
        case .computer: Phrase(zh: "计算机", en: "computer")
        case .other: Phrase(zh: "其他", en: "other")
        }
    }
}

extension AssetStatus: Worded {
    public var words: Phrase {
        switch self {
        case .inService: Phrase(zh: "在用", en: "in service")
        case .faulty: Phrase(zh: "故障", en: "faulty")
        case .spare: Phrase(zh: "备用", en: "spare")
        case .retired: Phrase(zh: "已报废", en: "retired")
        }
    }
}

extension MeasurementKind: Worded {
    public var words: Phrase {
        switch self {
        case .throughputDown: Phrase(zh: "下行吞吐量测试", en: "download test")
        case .throughputUp: Phrase(zh: "上行吞吐量测试", en: "upload test")
        case .utilisationDown: Phrase(zh: "下行利用率", en: "download utilisation")
        case .utilisationUp: Phrase(zh: "上行利用率", en: "upload utilisation")
        case .rtt: Phrase(zh: "往返时延", en: "round-trip time")
        }
    }
}

extension StoragePoolKind: Worded {
    public var words: Phrase {
        switch self {
        case .cloudStorage: Phrase(zh: "教育云存储", en: "cloud storage")
        case .resourceLibrary: Phrase(zh: "资源库", en: "resource library")
        }
    }
}
