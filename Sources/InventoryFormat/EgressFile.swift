import InventoryModel

/// `egress.csv`: the metro network's egress links.
enum EgressFile {
    static let name = "egress.csv"
    /// The column keys in the order the exporter writes them (``InventoryTable/columns``).
    static let header = InventoryTable.egress.header

    static func read(_ r: CSVReader) -> Keyed<EgressLink> {
        func column(_ key: String) -> ReadColumn { r.column(key, of: .egress) }
        let id = column("link_id")
        let provider = column("provider")
        let capacity = column("capacity_gbps")
        let cost = column("monthly_cost")
        let start = column("contract_start")
        let end = column("contract_end")
        var result = Keyed<EgressLink>(file: name, keyColumn: "link_id", key: KeyCells(id), reader: r)
        while r.advance() {
            let link = EgressLink(
                linkID: r.requiredText(id), provider: r.requiredText(provider),
                capacityGbps: r.number(capacity) ?? 1, monthlyCostYuan: r.number(cost), contractStart: r.date(start),
                contractEnd: r.date(end))
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
