import InventoryModel

/// `assets.csv`: displays, network gear, servers and the rest.
enum AssetsFile {
    static let name = "assets.csv"
    static let header = [
        "asset_tag", "school_code", "category", "room", "model", "purchase_date", "purchase_cost", "warranty_end",
        "expected_life_years", "status",
    ]

    static func read(_ r: CSVReader) -> Keyed<Asset> {
        let tag = r.column("asset_tag", required: true)
        let school = r.column("school_code", required: true)
        let category = r.column("category", required: true, of: AssetCategory.self)
        let room = r.column("room", required: false)
        let model = r.column("model", required: false)
        let purchased = r.column("purchase_date", required: true)
        let cost = r.column("purchase_cost", required: true)
        let warranty = r.column("warranty_end", required: false)
        let life = r.column("expected_life_years", required: false)
        let status = r.column("status", required: true, of: AssetStatus.self)
        var result = Keyed<Asset>(
            file: name, keyColumn: "asset_tag", reader: r, key: { $0.assetTag })
        while r.advance() {
            let key = r.requiredText(tag)
            let asset = Asset(
                assetTag: key, schoolCode: r.schoolReference(school, required: false),
                category: r.choice(category) ?? .other,
                room: r.internedText(room), model: r.internedText(model),
                purchaseDate: r.date(purchased, required: true) ?? CalendarDate(daysSinceEpoch: 0),
                purchaseCostYuan: r.number(cost, required: true, .nonNegative) ?? 0,
                warrantyEnd: r.date(warranty, required: false),
                expectedLifeYears: r.number(life, required: false, .positive),
                status: r.choice(status) ?? .inService)
            result.append(asset, key: key, row: r.row, log: r.log)
        }
        return result
    }

    static func write(_ assets: [Asset]) -> [UInt8] { CSVWriter.file(header: header, assets, cells: cells) }

    /// One record's cells, in header order.
    static func cells(_ a: Asset) -> [String] {
        [
            a.assetTag, a.schoolCode ?? "", CSVWriter.cell(a.category), a.room ?? "", a.model ?? "",
            CSVWriter.cell(a.purchaseDate), CSVWriter.cell(a.purchaseCostYuan), CSVWriter.cell(a.warrantyEnd),
            CSVWriter.cell(a.expectedLifeYears), CSVWriter.cell(a.status),
        ]
    }
}
