import InventoryModel

/// `assets.csv`: displays, network gear, servers and the rest.
enum AssetsFile {
    static let name = "assets.csv"
    /// The column keys in the order the exporter writes them (``InventoryTable/columns``).
    static let header = InventoryTable.assets.header

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
        let tag, school, room, model, purchased, cost, warranty, life: ReadColumn
        let category: ChoiceColumn<AssetCategory>
        let status: ChoiceColumn<AssetStatus>

        init(_ r: CSVReader) {
            func column(_ key: String) -> ReadColumn { r.column(key, of: .assets) }
            tag = column("asset_tag")
            school = column("school_code")
            category = r.column("category", of: .assets, as: AssetCategory.self)
            room = column("room")
            model = column("model")
            purchased = column("purchase_date")
            cost = column("purchase_cost")
            warranty = column("warranty_end")
            life = column("expected_life_years")
            status = r.column("status", of: .assets, as: AssetStatus.self)
        }
    }

    /// Checks every cell of every row, and keeps what `form` makes of each.
    private static func read<F: Form>(_ r: CSVReader, as form: F.Type) -> Keyed<F.Record> {
        let c = Columns(r)
        var result = Keyed<F.Record>(file: name, keyColumn: "asset_tag", key: KeyCells(c.tag), reader: r)
        while r.advance() {
            r.require(c.tag)
            // Cells in header order, so that a row's issues come in the order of its cells.
            let school = r.school(c.school) ?? -1
            let category = r.choice(c.category) ?? .other
            let purchased = r.date(c.purchased) ?? CalendarDate(daysSinceEpoch: 0)
            let cost = r.number(c.cost) ?? 0
            let warranty = r.date(c.warranty)
            let life = r.number(c.life)
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
