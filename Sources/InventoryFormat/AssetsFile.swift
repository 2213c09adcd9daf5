import InventoryModel

/// `assets.csv`: displays, network gear, servers and the rest.
enum AssetsFile {
    static let name = "assets.csv"
    /// The columns in the order the exporter writes them, each with the Chinese caption a header
    /// row may give instead of its key (Inventory/README.md lists both).
    static let columns: [(key: String, caption: String)] = [
        ("asset_tag", "资产编号"), ("school_code", "学校代码"), ("category", "设备类别"), ("room", "所在房间"), ("model", "型号"),
        ("purchase_date", "购置日期"), ("purchase_cost", "购置金额(元)"), ("warranty_end", "保修截止日期"),
        ("expected_life_years", "预计使用年限"), ("status", "使用状态"),
    ]
    static let header = columns.map(\.key)

    static func read(_ r: CSVReader) -> Keyed<Asset> { read(r, as: Whole.self) }

    /// What the compliance rules read of each asset, every cell checked as ``read(_:)`` checks it.
    static func readFacts(_ r: CSVReader) -> Keyed<AssetFact> { read(r, as: Facts.self) }

    /// What a read keeps of each row: made from the row's checked facts and warranty, and any
    /// other cell it reads from the reader.
    protocol Form {
        associatedtype Record
        static func make(_ r: CSVReader, _ c: Columns, _ fact: AssetFact, warranty: CalendarDate?) -> Record
    }

    /// The whole asset.
    enum Whole: Form {
        @inline(__always)
        static func make(_ r: CSVReader, _ c: Columns, _ fact: AssetFact, warranty: CalendarDate?) -> Asset {
            Asset(
                assetTag: r.text(c.tag) ?? "", schoolCode: r.schoolCode(c.school, place: fact.school),
                category: fact.category, room: r.internedText(c.room), model: r.internedText(c.model),
                purchaseDate: fact.purchaseDate, purchaseCostYuan: fact.purchaseCostYuan, warrantyEnd: warranty,
                expectedLifeYears: fact.expectedLifeYears, status: fact.status)
        }
    }

    /// The facts alone.
    enum Facts: Form {
        @inline(__always)
        static func make(_ r: CSVReader, _ c: Columns, _ fact: AssetFact, warranty: CalendarDate?) -> AssetFact {
            fact
        }
    }

    /// The file's columns in a reader's header.
    struct Columns {
        let tag, school, room, model, purchased, cost, warranty, life: Int
        let category: ChoiceColumn<AssetCategory>
        let status: ChoiceColumn<AssetStatus>

        init(_ r: CSVReader) {
            tag = r.column("asset_tag", required: true)
            school = r.column("school_code", required: true)
            category = r.column("category", required: true, of: AssetCategory.self)
            room = r.column("room", required: false)
            model = r.column("model", required: false)
            purchased = r.column("purchase_date", required: true)
            cost = r.column("purchase_cost", required: true)
            warranty = r.column("warranty_end", required: false)
            life = r.column("expected_life_years", required: false)
            status = r.column("status", required: true, of: AssetStatus.self)
        }
    }

    /// Checks every cell of every row, and keeps what `form` makes of each.
    private static func read<F: Form>(_ r: CSVReader, as form: F.Type) -> Keyed<F.Record> {
        let c = Columns(r)
        var result = Keyed<F.Record>(file: name, keyColumn: "asset_tag", key: KeyCells(c.tag), reader: r)
        while r.advance() {
            r.require(c.tag)
            // Cells in header order, so that a row's issues come in the order of its cells.
            let school = r.school(c.school, required: false) ?? -1
            let category = r.choice(c.category) ?? .other
            let purchased = r.date(c.purchased, required: true) ?? CalendarDate(daysSinceEpoch: 0)
            let cost = r.number(c.cost, required: true, .nonNegative(max: Limits.yuan)) ?? 0
            let warranty = r.date(c.warranty, required: false)
            let life = r.number(c.life, required: false, .positive(max: Limits.lifeYears))
            let fact = AssetFact(
                school: school, category: category, purchaseDate: purchased, purchaseCostYuan: cost,
                expectedLifeYears: life, status: r.choice(c.status) ?? .inService)
            result.append(F.make(r, c, fact, warranty: warranty), from: r)
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
