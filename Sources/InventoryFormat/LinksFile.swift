import InventoryModel

/// `links.csv`: the schools' access links.
enum LinksFile {
    static let name = "links.csv"
    /// The columns in the order the exporter writes them, each with the Chinese caption a header
    /// row may give instead of its key (Inventory/README.md lists both).
    static let columns: [(key: String, caption: String)] = [
        ("link_id", "线路编号"), ("school_code", "学校代码"), ("provider", "运营商"), ("down_mbps", "下行带宽(Mbps)"),
        ("up_mbps", "上行带宽(Mbps)"), ("monthly_cost", "月费(元)"), ("contract_start", "合同开始日期"),
        ("contract_end", "合同结束日期"),
    ]
    static let header = columns.map(\.key)

    static func read(_ r: CSVReader) -> Keyed<SchoolLink> {
        let id = r.column("link_id", required: true)
        let school = r.column("school_code", required: true)
        let provider = r.column("provider", required: true)
        let down = r.column("down_mbps", required: true)
        let up = r.column("up_mbps", required: true)
        let cost = r.column("monthly_cost", required: false)
        let start = r.column("contract_start", required: false)
        let end = r.column("contract_end", required: false)
        var result = Keyed<SchoolLink>(file: name, keyColumn: "link_id", key: KeyCells(id), reader: r)
        while r.advance() {
            let linkID = r.requiredText(id)
            let place = r.school(school, required: true)
            let link = SchoolLink(
                linkID: linkID, schoolCode: r.schoolCode(school, place: place ?? -1) ?? "",
                provider: r.requiredText(provider),
                downMbps: r.number(down, required: true, .positive(max: Limits.rateMbps)) ?? 1,
                upMbps: r.number(up, required: true, .positive(max: Limits.rateMbps)) ?? 1,
                monthlyCostYuan: r.number(cost, required: false, .nonNegative(max: Limits.yuan)),
                contractStart: r.date(start, required: false), contractEnd: r.date(end, required: false))
            r.checkContractOrder(link, endColumn: end)
            result.append(link, from: r)
        }
        return result
    }

    static func write(_ links: [SchoolLink]) -> [UInt8] { CSVWriter.file(header: header, links, cells: cells) }

    /// One record's cells, in header order.
    static func cells(_ l: SchoolLink) -> [String] {
        [
            l.linkID, l.schoolCode, l.provider, CSVWriter.cell(l.downMbps), CSVWriter.cell(l.upMbps),
            CSVWriter.cell(l.monthlyCostYuan), CSVWriter.cell(l.contractStart), CSVWriter.cell(l.contractEnd),
        ]
    }
}

extension CSVReader {
    /// Logs a contract that ends before it starts.
    func checkContractOrder(_ contract: some Contracted, endColumn: Int) {
        if let start = contract.contractStart, let end = contract.contractEnd, end < start {
            log.add(
                row: row, column: columnName(endColumn), value: end.description,
                "the contract ends before it starts (\(start))")
        }
    }
}
