import InventoryModel

/// `egress.csv`: the metro network's egress links.
enum EgressFile {
    static let name = "egress.csv"
    /// The columns in the order the exporter writes them, each with the Chinese caption a header
    /// row may give instead of its key (Inventory/README.md lists both).
    static let columns: [(key: String, caption: String)] = [
        ("link_id", "出口线路编号"), ("provider", "运营商"), ("capacity_gbps", "出口带宽(Gbps)"), ("monthly_cost", "月费(元)"),
        ("contract_start", "合同开始日期"), ("contract_end", "合同结束日期"),
    ]
    static let header = columns.map(\.key)

    static func read(_ r: CSVReader) -> Keyed<EgressLink> {
        let id = r.column("link_id", required: true)
        let provider = r.column("provider", required: true)
        let capacity = r.column("capacity_gbps", required: true)
        let cost = r.column("monthly_cost", required: false)
        let start = r.column("contract_start", required: false)
        let end = r.column("contract_end", required: false)
        var result = Keyed<EgressLink>(file: name, keyColumn: "link_id", key: KeyCells(id), reader: r)
        while r.advance() {
            let link = EgressLink(
                linkID: r.requiredText(id), provider: r.requiredText(provider),
                capacityGbps: r.number(capacity, required: true, .positive(max: Limits.egressGbps)) ?? 1,
                monthlyCostYuan: r.number(cost, required: false, .nonNegative(max: Limits.yuan)),
                contractStart: r.date(start, required: false), contractEnd: r.date(end, required: false))
            r.checkContractOrder(link, endColumn: end)
            result.append(link, from: r)
        }
        return result
    }

    static func write(_ links: [EgressLink]) -> [UInt8] { CSVWriter.file(header: header, links, cells: cells) }

    /// One record's cells, in header order.
    static func cells(_ l: EgressLink) -> [String] {
        [
            l.linkID, l.provider, CSVWriter.cell(l.capacityGbps), CSVWriter.cell(l.monthlyCostYuan),
            CSVWriter.cell(l.contractStart), CSVWriter.cell(l.contractEnd),
        ]
    }
}
