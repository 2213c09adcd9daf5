import InventoryModel

/// The column headers and fixed labels of the terminal tables, in both languages: what the
/// `check`, `renewals` and `capacity` tables call a column, the pages and workbooks call it too.
///
/// English labels are the ones the tables printed before they spoke Chinese.
public enum ReportWords {
    // MARK: Schools

    public static let school = Phrase(zh: "学校代码", en: "school")
    public static let schoolName = Phrase(zh: "学校名称", en: "school name")
    public static let name = Phrase(zh: "学校名称", en: "name")
    public static let district = Phrase(zh: "区县", en: "district")
    public static let schoolKind = Phrase(zh: "学校类型", en: "kind")
    /// Hardware of the city's own (metro core, data centre), not of a school or a district.
    public static let cityLevel = Phrase(zh: "市级", en: "city")

    // MARK: The compliance report

    public static let metric = Phrase(zh: "指标", en: "metric")
    public static let value = Phrase(zh: "现状", en: "value")
    public static let target = Phrase(zh: "规划目标", en: "target")
    public static let meetsTarget = Phrase(zh: "达标", en: "ok")
    public static let belowTarget = Phrase(zh: "未达标", en: "BELOW")
    public static let notAvailable = Phrase(zh: "无数据", en: "n/a")
    public static let severity = Phrase(zh: "等级", en: "severity")
    public static let rule = Phrase(zh: "问题", en: "rule")
    public static let ruleCode = Phrase(zh: "规则代码", en: "code")
    public static let finding = Phrase(zh: "说明", en: "finding")
    public static let schools = Phrase(zh: "学校数", en: "schools")
    /// Beside 班班通 wherever it is shown: the metric leaves kindergartens out (standards.md,
    /// `class_display_rate`); DISPLAY_COVERAGE judges them on their own share, by star rating.
    public static let classDisplayNote = Phrase(
        zh: "班班通不含幼儿园；幼儿园按星级另行评价",
        en: "classes with a display (班班通) leave out kindergartens; they are judged separately, by their star rating")

    // MARK: The renewal plan

    public static let year = Phrase(zh: "年度", en: "year")
    public static let hardwareValue = Phrase(zh: "在用硬件总值", en: "hardware value")
    public static let replacementBudget = Phrase(zh: "更新预算（15%）", en: "budget 15%")
    public static let spent = Phrase(zh: "已安排", en: "spent")
    public static let replaced = Phrase(zh: "更新台数", en: "replaced")
    public static let backlog = Phrase(zh: "积压台数", en: "backlog")
    public static let backlogValue = Phrase(zh: "积压金额", en: "backlog value")
    public static let maintenanceBudget = Phrase(zh: "运维经费（3%）", en: "maintenance 3%")
    public static let warrantyClaims = Phrase(zh: "保修索赔台数", en: "warranty claims")
    public static let claimsValue = Phrase(zh: "索赔金额", en: "claims value")
    public static let reason = Phrase(zh: "更新原因", en: "reason")
    public static let category = Phrase(zh: "设备类别", en: "category")
    public static let count = Phrase(zh: "台数", en: "assets")
    public static let amount = Phrase(zh: "金额", en: "amount")
    public static let asset = Phrase(zh: "资产编号", en: "asset")
    public static let model = Phrase(zh: "型号", en: "model")
    public static let warrantyUntil = Phrase(zh: "保修截止", en: "warranty until")
    public static let yuan = Phrase(zh: "金额（万元）", en: "yuan")

    // MARK: The capacity plan

    public static let why = Phrase(zh: "原因", en: "why")
    public static let action = Phrase(zh: "措施", en: "action")
    public static let required = Phrase(zh: "规划要求（Mbps）", en: "required")
    public static let peak = Phrase(zh: "实测峰值（Mbps）", en: "peak")
    public static let needed = Phrase(zh: "所需带宽（Mbps）", en: "needed")
    public static let contracted = Phrase(zh: "合同带宽（Mbps）", en: "contracted")
    public static let product = Phrase(zh: "选用产品", en: "product")
    public static let yearlyCost = Phrase(zh: "年费（万元）", en: "yuan/year")
    public static let added = Phrase(zh: "年增加（万元）", en: "added")
    /// The product of an upgrade that only holds the carrier to its contract.
    public static let contractAsIs = Phrase(zh: "（按原合同）", en: "(contract)")
    public static let demand = Phrase(zh: "需求", en: "demand")
    public static let egressCapacity = Phrase(zh: "出口带宽", en: "capacity")
    public static let pool = Phrase(zh: "存储池", en: "pool")
    public static let poolKind = Phrase(zh: "类型", en: "kind")
    public static let readings = Phrase(zh: "读数次数", en: "readings")
    public static let used = Phrase(zh: "已用", en: "used")
    public static let storageCapacity = Phrase(zh: "总容量", en: "capacity")
    public static let growthPerYear = Phrase(zh: "年增长", en: "growth a year")
    public static let fullOn = Phrase(zh: "预计用满", en: "full on")
    public static let range95 = Phrase(zh: "95%区间", en: "95% range")
    public static let targetReached = Phrase(zh: "达到目标", en: "target reached")
    public static let needsTwoReadings = Phrase(zh: "至少需两次读数", en: "needs two readings")
    public static let never = Phrase(zh: "不会", en: "never")
    public static let notWithinCentury = Phrase(zh: "百年内不会", en: "not within a century")
    /// After a pool kind's words: the pools of that kind together.
    public static let total = Phrase(zh: "合计", en: "total")
}
