import InventoryModel

/// `links.csv`: the schools' access links.
enum LinksFile {
    static let name = "links.csv"
    /// The column keys in the order the exporter writes them (``InventoryTable/columns``).
    static let header = InventoryTable.links.header

    static func read(_ r: CSVReader) -> Keyed<SchoolLink> {
        func column(_ key: String) -> ReadColumn { r.column(key, of: .links) }
        let id = column("link_id")
        let school = column("school_code")
        let provider = column("provider")
        let down = column("down_mbps")
        let up = column("up_mbps")
        let cost = column("monthly_cost")
        let start = column("contract_start")
        let end = column("contract_end")
        var result = Keyed<SchoolLink>(file: name, keyColumn: "link_id", key: KeyCells(id), reader: r)
        while r.advance() {
            let linkID = r.requiredText(id)
            let place = r.school(school)
            let link = SchoolLink(
                linkID: linkID, schoolCode: r.schoolCode(school, place: place ?? -1) ?? "",
                provider: r.requiredText(provider), downMbps: r.number(down) ?? 1, upMbps: r.number(up) ?? 1,
                monthlyCostYuan: r.number(cost), contractStart: r.date(start), contractEnd: r.date(end))
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
    func checkContractOrder(_ contract: some Contracted, endColumn: ReadColumn) {
        if let start = contract.contractStart, let end = contract.contractEnd, end < start {
            log.add(
                row: row, column: columnName(endColumn.index), value: end.description,
                "the contract ends before it starts (\(start))")
        }
    }
}
