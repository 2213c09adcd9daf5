import Foundation
import InventoryModel
import Testing

@testable import InventoryFormat

@Suite("Spreadsheet spellings")
struct SpreadsheetSpellingTests {
    /// The fixture's schools, links and assets with these files' texts instead.
    func read(_ changes: [String: String?]) throws -> Inventory {
        try InventoryFolder.read(at: try Fixture.folder(changes)).inventory
    }

    func errors(_ changes: [String: String?]) throws -> [String] {
        let path = try Fixture.folder(changes)
        do {
            _ = try InventoryFolder.read(at: path)
            Issue.record("expected the folder to be rejected")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    /// A choice cell may hold the key or its Chinese word, and both read as the same case.
    @Test func choicesByChineseWord() throws {
        let city = try read([
            "schools.csv": """
            code,name,district,locality,central,kind,classes_primary,vocational_demo
            S1,第一小学,中山区,中心城区,false,小学,12,
            S2,职校,庄河市,农村,false,中等职业学校,0,省级示范校

            """,
            "assets.csv": """
            asset_tag,school_code,category,purchase_date,purchase_cost,status
            A1,S1,交互式显示设备,2020-09-01,12000,在用
            A2,,router,2019-03-15,450000.5,已报废

            """,
        ])
        #expect(city.schools.map(\.locality) == [.urbanCore, .village])
        #expect(city.schools.map(\.kind) == [.primary, .vocational])
        #expect(city.schools.map(\.vocationalDemo) == [nil, .provincial])
        #expect(city.assets.map(\.category) == [.interactiveDisplay, .router])
        #expect(city.assets.map(\.status) == [.inService, .retired])
    }

    /// Every case of every choice reads back from its Chinese word.
    @Test func everyWordReads() throws {
        func check<E: InventoryEnum & Worded>(_: E.Type) {
            let column = ChoiceColumn<E>(index: 0, required: true)
            for value in E.allCases {
                let word = Array(value.words.zh.utf8)
                #expect(word.withUnsafeBytes { column.match($0) } == value, "\(value)")
            }
        }
        check(Locality.self)
        check(SchoolKind.self)
        check(VocationalDemo.self)
        check(AssetCategory.self)
        check(AssetStatus.self)
        check(MeasurementKind.self)
        check(StoragePoolKind.self)
    }

    /// Booleans read in the exporter's spelling, in any case (Excel's TRUE and FALSE), as 是 and
    /// 否, and as 1 and 0.
    @Test(arguments: [
        ("true", true), ("false", false), ("TRUE", true), ("FALSE", false), ("True", true), ("fAlSe", false),
        ("是", true), ("否", false), ("1", true), ("0", false),
    ])
    func booleans(_ cell: String, _ value: Bool) throws {
        let city = try read([
            "schools.csv": """
            code,name,district,locality,central,kind
            S1,第一小学,中山区,town,\(cell),primary
            S2,村小,庄河市,village,false,nine_year

            """
        ])
        #expect(city.schools.first?.central == value)
    }

    /// A cell that is none of the boolean spellings names them all.
    @Test(arguments: ["yes", "2", "对", "truee"])
    func badBoolean(_ cell: String) throws {
        let found = try errors([
            "schools.csv": """
            code,name,district,locality,central,kind
            S1,第一小学,中山区,town,\(cell),primary
            S2,村小,庄河市,village,false,nine_year

            """
        ])
        #expect(
            found == [
                "schools.csv row 2, column central: \"\(cell)\": expected true | false (or TRUE | FALSE, 是 | 否, 1 | 0)"
            ])
    }

    /// A header may name columns by their Chinese captions, mixed with keys; errors name the
    /// column as the header wrote it.
    @Test func captionHeaders() throws {
        let city = try read([
            "schools.csv": """
            学校代码,学校名称,所属区县,城乡类别,是否中心校,kind,小学班级数
            S1,第一小学,中山区,乡镇,是,小学,12
            S2,村小,庄河市,village,否,nine_year,6

            """
        ])
        #expect(city.schools.map(\.code) == ["S1", "S2"])
        #expect(city.schools.map(\.central) == [true, false])
        #expect(city.schools.map { $0.classes[.primary] } == [12, 6])
        let found = try errors([
            "links.csv": """
            线路编号,学校代码,运营商,下行带宽(Mbps),上行带宽(Mbps)
            L1,S1,中国电信,fast,200

            """
        ])
        #expect(found == ["links.csv row 2, column 下行带宽(Mbps): \"fast\": expected a number > 0 and at most 1000000000"])
    }

    /// A header that gives a column's key and its caption names the column twice.
    @Test func keyAndCaptionIsTwice() throws {
        let found = try errors([
            "districts.csv": """
            district,区县,info_center_staff
            中山区,中山区,12

            """
        ])
        #expect(
            found == [
                "districts.csv row 1, column 区县: the header names this column twice (columns 1 and 2); delete one of them"
            ])
    }

    /// Every column of every file has a caption, and no two columns of a file share one.
    @Test func everyColumnHasACaption() {
        for table in InventoryTable.allCases {
            let captions = table.columns.map(\.caption)
            #expect(captions.allSatisfy { !$0.isEmpty }, "\(table)")
            #expect(Set(captions).count == captions.count, "\(table)")
            #expect(Set(captions).isDisjoint(with: table.header), "\(table)")
        }
    }
}
