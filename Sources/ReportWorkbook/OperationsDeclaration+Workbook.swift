import InventoryModel
import InventoryWorkbook
import Planner

extension OperationsDeclaration {
    /// The declaration as the workbook a bureau files, in Chinese: the hardware list (硬件清单),
    /// the three-year rolling projects (三年滚动项目), each project's payment schedule (付款计划)
    /// and the warranty claims (保修索赔). Money is in 元, numbers shown to the fen; each sheet
    /// ends with a 合计 row whose figures are the sums of the rows above it, added in fen.
    public func writeWorkbook(to path: String) throws {
        let writer = try WorkbookWriter(path: path)
        try writer.addSheet(
            "硬件清单",
            header: [
                "区县", "学校代码", "设备类别", "用途", "数量", "在用", "故障", "备用", "最早购置日期", "最晚购置日期",
                "最早保修截止", "最晚保修截止", "已过保修期", "超过使用年限", "价值(元)",
            ]
        ) { row in
            var quantity = 0
            var valueFen: Int64 = 0
            for line in hardware {
                quantity += line.quantity
                valueFen += line.valueFen
                try row([
                    .text(line.district), line.schoolCode.map(WorkbookCell.text) ?? .blank,
                    .text(line.category.words.zh), .text(Self.usesZh[line.category] ?? ""),
                    .number(Double(line.quantity)),
                    .number(Double(line.inService)), .number(Double(line.faulty)), .number(Double(line.spare)),
                    .date(line.firstPurchase), .date(line.lastPurchase),
                    line.warrantyEndEarliest.map(WorkbookCell.date) ?? .blank,
                    line.warrantyEndLatest.map(WorkbookCell.date) ?? .blank, .number(Double(line.outOfWarranty)),
                    .number(Double(line.pastLife)), Self.yuan(valueFen: line.valueFen),
                ])
            }
            try row(
                [.text("合计"), .blank, .blank, .blank, .number(Double(quantity))] + Array(repeating: .blank, count: 9)
                    + [Self.yuan(valueFen: valueFen)])
        }
        try writer.addSheet("三年滚动项目", header: ["项目编号", "年度", "区县", "更新内容", "项目金额(元)"]) { row in
            var totalFen: Int64 = 0
            for project in projects {
                totalFen += project.costFen
                try row([
                    .text(project.id), .number(Double(project.year)), .text(project.district),
                    .text(Self.quantitiesZh(project)), Self.yuan(valueFen: project.costFen),
                ])
            }
            try row([.text("合计"), .blank, .blank, .blank, Self.yuan(valueFen: totalFen)])
        }
        try writer.addSheet(
            "付款计划", header: ["项目编号", "期次", "付款节点", "应付日期", "比例", "金额(元)", "终验前支付"]
        ) { row in
            var totalFen: Int64 = 0
            for project in projects {
                for (number, payment) in project.payments.enumerated() {
                    totalFen += payment.amountFen
                    try row([
                        .text(project.id), .number(Double(number + 1)), .text(Self.milestoneZh(payment.milestone)),
                        .date(payment.due), .number((payment.share * 10_000).rounded() / 10_000),
                        Self.yuan(valueFen: payment.amountFen), .text(payment.beforeAcceptance ? "是" : "否"),
                    ])
                }
            }
            try row([.text("合计"), .blank, .blank, .blank, .blank, Self.yuan(valueFen: totalFen), .blank])
        }
        try writer.addSheet(
            "保修索赔", header: ["年度", "资产编号", "区县", "学校代码", "学校名称", "设备类别", "型号", "保修截止", "价值(元)"]
        ) { row in
            var totalFen: Int64 = 0
            for (year, claim) in warrantyClaims {
                let asset = schedule.asset(claim)
                totalFen += claim.valueFen
                try row([
                    .number(Double(year)), .text(asset.assetTag), .text(schedule.district(of: asset)),
                    asset.schoolCode.map(WorkbookCell.text) ?? .blank,
                    schedule.schoolName(of: asset).map(WorkbookCell.text) ?? .blank, .text(asset.category.words.zh),
                    asset.model.map(WorkbookCell.text) ?? .blank, .date(claim.warrantyEnd),
                    Self.yuan(valueFen: claim.valueFen),
                ])
            }
            try row([.text("合计")] + Array(repeating: .blank, count: 7) + [Self.yuan(valueFen: totalFen)])
        }
        try writer.finish()
    }

    /// An amount in fen as a money cell in 元 (exact: a fen count below 2^53 is a Double).
    static func yuan(valueFen: Int64) -> WorkbookCell { .money(Double(valueFen) / 100) }

    /// What each category is used for, as a Chinese declaration says it (用途).
    static let usesZh: [AssetCategory: String] = [
        .interactiveDisplay: "班班通教学", .switch: "校园网络", .router: "网络出口", .firewall: "网络安全",
        .accessPoint: "校园无线", .server: "学校服务", .storage: "学校存储", .projector: "课堂教学", .computer: "教学办公",
        .other: "其他",
    ]

    /// A project's quantities in Chinese: `12 台交互式显示设备、3 台交换机`.
    static func quantitiesZh(_ project: RenewalProject) -> String {
        AssetCategory.allCases.compactMap { category in
            project.quantities[category].map { "\(category.words.zh) \($0) 台" }
        }.joined(separator: "、")
    }

    /// The Chinese name a milestone carries in parentheses (`contract signed (合同签订)`).
    static func milestoneZh(_ milestone: String) -> String {
        guard let open = milestone.lastIndex(of: "("), let close = milestone.lastIndex(of: ")"), open < close else {
            return milestone
        }
        return String(milestone[milestone.index(after: open)..<close])
    }
}
