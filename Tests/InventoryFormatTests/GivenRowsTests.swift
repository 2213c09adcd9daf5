import InventoryModel
import SampleCity
import Testing

@testable import InventoryFormat

/// Records given as rows of cells (an API body's) are read by the file readers with no CSV
/// text between: the same records and the same issues as a file holding those rows.
@Suite("Rows given as cells")
struct GivenRowsTests {
    /// The issues of reading rows, given or as a file; nil when they read.
    static func issues(_ table: InventoryTable, _ rows: [[String]], asFile: Bool) -> [String]? {
        do {
            if asFile {
                _ = try table.read(csv: CSVWriter.file(header: table.header, rows, cells: { $0 }))
            } else {
                _ = try table.read(rows: rows)
            }
            return nil
        } catch {
            return error.issues.map(\.description)
        }
    }

    /// Every table of a generated city (shuffled, so keys come out of order) reads the same
    /// records from given rows as from its file.
    @Test func sameRecordsAsTheFile() throws {
        var options = SampleCityGenerator.Options()
        options.schools = 300
        options.seed = 11
        var generator = SampleCityGenerator(options: options)
        let city = generator.generate()
        var random = SeededGenerator(seed: 5)
        for table in InventoryTable.allCases {
            let rows = table.rows(of: city).shuffled(using: &random)
            #expect(!rows.isEmpty, "\(table)")
            let given = try table.read(rows: rows)
            let file = try table.read(csv: CSVWriter.file(header: table.header, rows, cells: { $0 }))
            #expect(table.rows(of: given) == table.rows(of: file), "\(table)")
            #expect(table.rows(of: given) == rows, "\(table)")
        }
    }

    /// Text a file would have to quote reads back as given: commas, quotes, line breaks, blanks
    /// at either end, Chinese.
    @Test func textAsGiven() throws {
        let names = ["a, b", "say \"hi\"", "two\nlines", " padded ", "\tindented", "中山区第1小学"]
        let schools = try InventoryTable.schools.read(rows: names.enumerated().map { Self.school("S\($0)", $1) })
            .schools
        #expect(schools.map(\.name) == names)
    }

    /// A cell of spaces and tabs alone is blank, given or quoted in a file: refused where a value
    /// is required, nothing where it is not.
    @Test func blanksAloneAreBlank() throws {
        for name in [" ", "\t", "  \t "] {
            let rows = [Self.school("S1", name)]
            let issues = Self.issues(.schools, rows, asFile: false)
            #expect(issues == [#"schools.csv row 2, column name: blank: a value is required"#], "\(name)")
            #expect(issues == Self.issues(.schools, rows, asFile: true), "\(name)")
        }
        var row = Self.school("S1", "第一小学")
        row[InventoryTable.schools.header.firstIndex(of: "students")!] = "  "
        row[InventoryTable.schools.header.firstIndex(of: "vocational_demo")!] = "\t"
        let school = try InventoryTable.schools.read(rows: [row]).schools[0]
        #expect(school.students == nil && school.vocationalDemo == nil)
    }

    /// A school's row of cells: `code`, `name`, the rest valid or blank.
    static func school(_ code: String, _ name: String) -> [String] {
        [code, name, "中山区", "urban", "", "primary"] + Array(repeating: "", count: 13)
    }

    /// No records read as a file of a header alone: nothing, and no issue.
    @Test func noRows() throws {
        for table in InventoryTable.allCases {
            #expect(table.count(in: try table.read(rows: [])) == 0, "\(table)")
        }
    }

    /// Bad rows give the issues a file of them gives: a NUL (its row and column), a key given
    /// twice out of order (the earlier row named), a blank required cell, a bound passed.
    @Test func badRowsAsAFile() {
        let valid = ["L1", "S1", "电信", "100", "50", "", "", ""]
        func with(_ id: String, _ column: Int, _ cell: String) -> [String] {
            var row = valid
            row[0] = id
            row[column] = cell
            return row
        }
        let cases: [(String, [[String]])] = [
            ("NUL", [valid, with("L2", 2, "电\u{0}信")]),
            ("NUL first", [with("\u{0}L2", 2, "电信")]),
            ("key twice", [with("L3", 3, "10"), with("L1", 3, "10"), with("L2", 3, "10"), with("L1", 3, "20")]),
            ("keys twice later", [valid, with("L2", 3, "10"), with("L3", 3, "10"), with("L2", 3, "20"), valid]),
            ("blank row", [valid, Array(repeating: "", count: valid.count)]),
            ("blank", [with("L2", 2, "")]),
            ("bound", [with("L2", 3, "0"), with("L3", 4, "2e9")]),
            ("contract", [["L2", "S1", "电信", "100", "50", "", "2026-01-02", "2026-01-01"]]),
        ]
        for (name, rows) in cases {
            let given = Self.issues(.links, rows, asFile: false)
            #expect(given != nil, "\(name): read")
            #expect(given == Self.issues(.links, rows, asFile: true), "\(name)")
        }
        #expect(
            Self.issues(.links, [valid, with("L2", 2, "电\u{0}信")], asFile: false)?.first?.contains(
                "row 3, column provider") == true)
        #expect(
            Self.issues(.links, [with("L3", 3, "10"), valid, with("L2", 3, "10"), valid], asFile: false)
                == [#"links.csv row 5, column link_id: "L1": already used in row 3"#])
        #expect(
            Self.issues(
                .links, [valid, with("L2", 3, "10"), with("L3", 3, "10"), with("L2", 3, "20"), valid], asFile: false)
                == [
                    #"links.csv row 5, column link_id: "L2": already used in row 3"#,
                    #"links.csv row 6, column link_id: "L1": already used in row 2"#,
                ])
    }
}
