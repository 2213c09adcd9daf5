/// One column of an inventory table: its key (the interchange file's header, the API's field),
/// its Chinese caption (a header may give it instead of the key), what its cells hold and whether
/// a record must have one.
///
/// ``InventoryTable/columns`` is the one table of them: the file readers check each cell
/// against it, the API checks JSON bodies and writes its OpenAPI schemas from it, a workbook
/// types its cells by it. A bound changed here changes all of them.
public struct TableColumn: Sendable {
    /// What a cell of the column holds.
    public enum Kind: Sendable {
        case text
        case integer(ClosedRange<Int>)
        case number(NumberBound)
        /// `true`/`false` (a file may also write `TRUE`, `是`, `1` and their opposites).
        case boolean
        /// `YYYY-MM-DD`.
        case date
        /// ISO 8601 with its UTC offset.
        case dateTime
        /// One case of an enumeration, by its key (a file may also give its Chinese word).
        case choice(any InventoryEnum.Type)
    }

    /// The column's name in a file's header, a JSON body and the store (`down_mbps`).
    public let key: String
    /// The Chinese name a header may give instead (`下行带宽(Mbps)`).
    public let caption: String
    /// What its cells hold, and their bounds.
    public let kind: Kind
    /// Whether a record must have a value (not blank, not null).
    public let required: Bool
    /// Whether a file's header must name the column even where its cells may be blank (a file
    /// without it is more likely a wrong file than a file of blanks).
    public let headerRequired: Bool

    init(_ key: String, _ caption: String, _ kind: Kind, required: Bool, headerRequired: Bool? = nil) {
        self.key = key
        self.caption = caption
        self.kind = kind
        self.required = required
        self.headerRequired = headerRequired ?? required
    }

    /// The keys of the enumeration a choice column holds; empty for any other column.
    public var choices: [String] {
        guard case .choice(let type) = kind else { return [] }
        return type.allKeys
    }
}

extension InventoryEnum {
    fileprivate static var allKeys: [String] { allCases.map(\.rawValue) }
}

extension InventoryTable {
    /// The table's columns in the order the exporter writes them.
    public var columns: [TableColumn] {
        switch self {
        case .schools: TableColumn.schools
        case .links: TableColumn.links
        case .assets: TableColumn.assets
        case .egress: TableColumn.egress
        case .storage: TableColumn.storage
        case .districts: TableColumn.districts
        case .measurements: TableColumn.measurements
        }
    }

    /// The column keys, in header order.
    public var header: [String] { columns.map(\.key) }

    /// The column a header cell names, by key or by Chinese caption; nil for neither.
    public func column(named name: String) -> TableColumn? {
        columns.first { $0.key == name || $0.caption == name }
    }

    /// The column key a header cell names, by key or by Chinese caption; nil for neither.
    public func columnKey(_ name: String) -> String? { column(named: name)?.key }

    /// The column of a key the code names; a key of no column is a programming error.
    public func column(_ key: String) -> TableColumn {
        guard let column = columns.first(where: { $0.key == key }) else {
            preconditionFailure("\(self) has no column \(key)")
        }
        return column
    }
}

extension TableColumn {
    static let schools: [TableColumn] =
        [
            TableColumn("code", "学校代码", .text, required: true),
            TableColumn("name", "学校名称", .text, required: true),
            TableColumn("district", "所属区县", .text, required: true),
            TableColumn("locality", "城乡类别", .choice(Locality.self), required: true),
            TableColumn("central", "是否中心校", .boolean, required: false, headerRequired: true),
            TableColumn("kind", "学校类型", .choice(SchoolKind.self), required: true),
        ]
        + zip(Stage.allCases, ["学前班级数", "小学班级数", "初中班级数", "高中班级数", "中职班级数", "特教班级数"]).map { stage, caption in
            TableColumn("classes_" + stage.rawValue, caption, .integer(0...Limits.classes), required: false)
        }
        + [
            TableColumn("students", "学生数", .integer(0...Limits.students), required: false),
            TableColumn("kindergarten_stars", "幼儿园星级", .integer(0...5), required: false),
            TableColumn("vocational_demo", "中职示范等级", .choice(VocationalDemo.self), required: false),
            TableColumn("wireless_coverage_pct", "无线覆盖率(%)", .number(.range(0...100)), required: false),
            TableColumn("it_staff", "专职信息技术人员数", .integer(0...Limits.staff), required: false),
            TableColumn("latitude", "纬度", .number(.range(-90...90)), required: false),
            TableColumn("longitude", "经度", .number(.range(-180...180)), required: false),
        ]

    static let links: [TableColumn] = [
        TableColumn("link_id", "线路编号", .text, required: true),
        TableColumn("school_code", "学校代码", .text, required: true),
        TableColumn("provider", "运营商", .text, required: true),
        TableColumn("down_mbps", "下行带宽(Mbps)", .number(.positive(max: Limits.rateMbps)), required: true),
        TableColumn("up_mbps", "上行带宽(Mbps)", .number(.positive(max: Limits.rateMbps)), required: true),
        TableColumn("monthly_cost", "月费(元)", .number(.nonNegative(max: Limits.yuan)), required: false),
        TableColumn("contract_start", "合同开始日期", .date, required: false),
        TableColumn("contract_end", "合同结束日期", .date, required: false),
    ]

    static let assets: [TableColumn] = [
        TableColumn("asset_tag", "资产编号", .text, required: true),
        // Blank for an asset of the city's own (a data centre's), but every assets file says so.
        TableColumn("school_code", "学校代码", .text, required: false, headerRequired: true),
        TableColumn("category", "设备类别", .choice(AssetCategory.self), required: true),
        TableColumn("room", "所在房间", .text, required: false),
        TableColumn("model", "型号", .text, required: false),
        TableColumn("purchase_date", "购置日期", .date, required: true),
        TableColumn("purchase_cost", "购置金额(元)", .number(.nonNegative(max: Limits.yuan)), required: true),
        TableColumn("warranty_end", "保修截止日期", .date, required: false),
        TableColumn("expected_life_years", "预计使用年限", .number(.positive(max: Limits.lifeYears)), required: false),
        TableColumn("status", "使用状态", .choice(AssetStatus.self), required: true),
    ]

    static let egress: [TableColumn] = [
        TableColumn("link_id", "出口线路编号", .text, required: true),
        TableColumn("provider", "运营商", .text, required: true),
        TableColumn("capacity_gbps", "出口带宽(Gbps)", .number(.positive(max: Limits.egressGbps)), required: true),
        TableColumn("monthly_cost", "月费(元)", .number(.nonNegative(max: Limits.yuan)), required: false),
        TableColumn("contract_start", "合同开始日期", .date, required: false),
        TableColumn("contract_end", "合同结束日期", .date, required: false),
    ]

    static let storage: [TableColumn] = [
        TableColumn("pool", "存储池", .text, required: true),
        TableColumn("kind", "存储类型", .choice(StoragePoolKind.self), required: true),
        TableColumn("capacity_tb", "容量(TB)", .number(.positive(max: Limits.storageTB)), required: true),
        TableColumn("used_tb", "已用(TB)", .number(.nonNegative(max: Limits.storageTB)), required: true),
        TableColumn("as_of", "读数日期", .date, required: true),
    ]

    static let districts: [TableColumn] = [
        TableColumn("district", "区县", .text, required: true),
        TableColumn("info_center_staff", "信息中心人数", .integer(0...Limits.staff), required: true),
        TableColumn("small_district", "是否小区县", .boolean, required: false),
    ]

    static let measurements: [TableColumn] = [
        TableColumn("id", "测量编号", .text, required: true),
        TableColumn("school_code", "学校代码", .text, required: true),
        TableColumn("probe_id", "探针编号", .text, required: true),
        TableColumn("kind", "测量类型", .choice(MeasurementKind.self), required: true),
        TableColumn("started_at", "开始时间", .dateTime, required: true),
        TableColumn("duration_s", "时长(秒)", .number(.positive(max: Limits.durationSeconds)), required: true),
        TableColumn("mbps", "速率(Mbps)", .number(.nonNegative(max: Limits.rateMbps)), required: true),
        TableColumn("cross_traffic_mbps", "背景流量(Mbps)", .number(.nonNegative(max: Limits.rateMbps)), required: false),
        TableColumn("rtt_ms", "往返时延(ms)", .number(.nonNegative(max: Limits.rttMilliseconds)), required: false),
        TableColumn("loss_pct", "丢包率(%)", .number(.range(0...100)), required: false),
        TableColumn("valid", "是否有效", .boolean, required: true),
    ]
}
