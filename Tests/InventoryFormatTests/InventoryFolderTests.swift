import Foundation
import InventoryModel
import Testing

@testable import InventoryFormat

@Suite("Interchange folder")
struct InventoryFolderTests {
    /// Reads the folder and returns the error text, failing the test when it reads cleanly.
    /// Every folder is read twice, into records and into facts, which must find the same errors.
    func errors(_ changes: [String: String?]) throws -> [String] {
        let path = try Fixture.folder(changes)
        func issues(_ read: () throws(InventoryReadError) -> Void) -> [String] {
            do {
                try read()
                Issue.record("expected the folder to be rejected")
                return []
            } catch {
                return error.issues.map(\.description) + (error.omitted > 0 ? ["... \(error.omitted) more"] : [])
            }
        }
        let records = issues { () throws(InventoryReadError) in _ = try InventoryFolder.read(at: path) }
        let facts = issues { () throws(InventoryReadError) in _ = try InventoryFolder.readFacts(at: path) }
        #expect(facts == records, "a read into facts checks every cell as a read into records does")
        return records.filter { !$0.hasPrefix("... ") }
    }

    /// The issues of a folder whose `schools.csv` holds these bytes, in that file: read into
    /// records and into facts alike.
    func schoolsIssues(_ bytes: [UInt8]) throws -> [InventoryIssue] {
        let path = try Fixture.folder()
        try Data(bytes).write(to: URL(fileURLWithPath: path).appendingPathComponent("schools.csv"))
        func issues(_ read: () throws(InventoryReadError) -> Void) -> [InventoryIssue] {
            do {
                try read()
                Issue.record("expected the folder to be rejected")
                return []
            } catch {
                return error.issues.filter { $0.file == "schools.csv" }
            }
        }
        let records = issues { () throws(InventoryReadError) in _ = try InventoryFolder.read(at: path) }
        let facts = issues { () throws(InventoryReadError) in _ = try InventoryFolder.readFacts(at: path) }
        #expect(facts.map(\.description) == records.map(\.description))
        return records
    }

    /// Reads the folder into records and into facts; the facts must be those of the records.
    func readBothWays(_ path: String) throws -> Inventory {
        let contents = try InventoryFolder.read(at: path)
        let (facts, warnings) = try InventoryFolder.readFacts(at: path)
        let expected = CityFacts(contents.inventory)
        #expect(facts.assets == expected.assets)
        #expect(facts.measurements == expected.measurements)
        var rest = contents.inventory
        rest.assets = []
        rest.measurements = []
        #expect(facts.inventory == rest)
        #expect(warnings == contents.warnings)
        return contents.inventory
    }

    /// Every file's happy path: each value lands in the model with its type and unit.
    @Test func readsEveryFile() throws {
        let path = try Fixture.folder()
        #expect(try InventoryFolder.read(at: path).warnings.isEmpty)
        let city = try readBothWays(path)
        #expect(city.schools.map(\.code) == ["S1", "S2"])
        #expect(city.schools[0].classes.primary == 12 && city.schools[1].classes.junior == 3)
        #expect(city.schools[1].locality == .village && city.schools[1].kind == .nineYear)
        #expect(city.links[0].downMbps == 200 && city.links[0].contractEnd == CalendarDate(iso: "2028-12-31"))
        #expect(city.links[1].contractStart == nil)
        #expect(city.assets[1].schoolCode == nil && city.assets[1].purchaseCostYuan == 450000.5)
        #expect(city.assets[1].expectedLifeYears == 10 && city.assets[1].status == .faulty)
        #expect(city.egressLinks[0].capacityGbps == 10)
        #expect(city.storageReadings.map(\.usedTB) == [120.5, 130])
        #expect(city.districts[1].smallDistrict == false)
        #expect(city.measurements[0].crossTrafficMbps == 12 && city.measurements[0].startedAt.utcOffsetMinutes == 480)
    }

    /// A BOM, CRLF line ends and quoted fields with commas, quotes and line breaks are read.
    @Test func spreadsheetQuirks() throws {
        let schools =
            "\u{FEFF}code,name,district,locality,central,kind,classes_primary\r\n"
            + "S1,\"第一小学, \"\"东校区\"\"\",中山区,urban_core,false,primary,12\r\n"
            + "S2,\"村小\r\n分校\",庄河市,village,false,nine_year,6\r\n"
        let city = try InventoryFolder.read(at: try Fixture.folder(["schools.csv": schools])).inventory
        #expect(city.schools[0].name == "第一小学, \"东校区\"")
        #expect(city.schools[1].name == "村小\r\n分校")
        #expect(city.schools[0].district == "中山区")
    }

    /// Each kind of bad cell is named by file, row, column, value and what was expected.
    @Test func badCells() throws {
        #expect(
            try errors(["schools.csv": Fixture.schools(replacing: "urban_core", with: "downtown")]) == [
                "schools.csv row 2, column locality: \"downtown\": expected one of urban_core | urban | county_core | town | village"
            ])
        #expect(
            try errors(["schools.csv": Fixture.schools(replacing: "primary,12", with: "primary,-3")]) == [
                "schools.csv row 2, column classes_primary: \"-3\": expected an integer 0-10000"
            ])
        #expect(
            try errors(["links.csv": Fixture.files["links.csv"]!.replacingOccurrences(of: "中国电信,200", with: "中国电信,-5")])
                == [
                    "links.csv row 2, column down_mbps: \"-5\": expected a number > 0 and at most 1000000000"
                ])
        #expect(
            try errors([
                "assets.csv": Fixture.files["assets.csv"]!.replacingOccurrences(of: "2020-09-01", with: "2020-13-01")
            ]) == [
                "assets.csv row 2, column purchase_date: \"2020-13-01\": expected a date YYYY-MM-DD from 1900-01-01 to 2200-12-31"
            ])
        #expect(
            try errors(["schools.csv": Fixture.schools(replacing: "第一小学,中山区", with: "第一小学,")]) == [
                "schools.csv row 2, column district: blank: a value is required"
            ])
        #expect(
            try errors([
                "measurements.csv": Fixture.files["measurements.csv"]!.replacingOccurrences(of: "+08:00", with: "")
            ]) == [
                "measurements.csv row 2, column started_at: \"2026-11-20T10:00:00\": expected an ISO 8601 date-time with offset"
            ])
    }

    /// Values no school network has are refused with the column and the range, not carried into
    /// arithmetic that would overflow: a life of 1e19 years, a rate of 1e22 Mbps, the year 9999.
    @Test func valuesOutOfRange() throws {
        let assets = Fixture.files["assets.csv"]!
        #expect(
            try errors(["assets.csv": assets.replacingOccurrences(of: ",,10,faulty", with: ",,1e19,faulty")]) == [
                "assets.csv row 3, column expected_life_years: \"1e19\": expected a number > 0 and at most 100"
            ])
        #expect(
            try errors(["assets.csv": assets.replacingOccurrences(of: "2019-03-15", with: "9999-12-31")]) == [
                "assets.csv row 3, column purchase_date: \"9999-12-31\": expected a date YYYY-MM-DD from 1900-01-01 to 2200-12-31"
            ])
        #expect(
            try errors(["assets.csv": assets.replacingOccurrences(of: "450000.5", with: "1e10")]) == [
                "assets.csv row 3, column purchase_cost: \"1e10\": expected a number from 0 to 1000000000"
            ])
        let measurements = Fixture.files["measurements.csv"]!
        #expect(
            try errors(["measurements.csv": measurements.replacingOccurrences(of: ",180.5,", with: ",1e22,")]) == [
                "measurements.csv row 2, column mbps: \"1e22\": expected a number from 0 to 1000000000"
            ])
        #expect(
            try errors([
                "measurements.csv": measurements.replacingOccurrences(of: "2026-11-20T10", with: "1899-12-31T10")
            ]) == [
                "measurements.csv row 2, column started_at: \"1899-12-31T10:00:00+08:00\": expected an ISO 8601 date-time with offset"
            ])
    }

    /// A key with a control character is refused: a key names a record in paths and files, where
    /// a line break would make two keys read as one. A NUL is refused in every cell (SQLite's C
    /// strings end at it, so `nulid\u{0}a` and `nulid\u{0}b` would be stored apart and exported
    /// as one).
    @Test func controlCharactersInKeys() throws {
        let measurements = Fixture.files["measurements.csv"]!
        #expect(
            try errors(["measurements.csv": measurements.replacingOccurrences(of: "M1,", with: "\"M\u{1}1\",")]) == [
                #"measurements.csv row 2, column id: "M\u{1}1": a key holds no control characters (tabs, line breaks, NUL)"#
            ])
        let nul = try errors(["measurements.csv": measurements.replacingOccurrences(of: "M1,", with: "\"M\u{0}1\",")])
        #expect(
            nul.count == 1
                && nul[0].hasPrefix("measurements.csv row 2, column id: the text holds a NUL character, which"))
        let schools = Fixture.schools(replacing: "S2,村小", with: "\"S\t2\",村小")
        #expect(try errors(["schools.csv": schools]).contains { $0.hasPrefix("schools.csv row 3, column code:") })
    }

    /// A measurement's id is its probe's own, unique within its school: two schools may use one
    /// id, one school may not use it twice.
    @Test func measurementIDsWithinTheirSchool() throws {
        let header = String(Fixture.files["measurements.csv"]!.split(separator: "\n")[0])
        let row = "M1,S1,P1,throughput_down,2026-11-20T10:00:00+08:00,10,180.5,12,8.5,0,true"
        let otherSchool = row.replacingOccurrences(of: "M1,S1,P1", with: "M1,S2,P2")
        let city = try readBothWays(
            Fixture.folder(["measurements.csv": [header, row, otherSchool, ""].joined(separator: "\n")]))
        #expect(city.measurements.map(\.schoolCode) == ["S1", "S2"])
        #expect(
            try errors(["measurements.csv": [header, row, row, ""].joined(separator: "\n")]) == [
                "measurements.csv row 3, column id: \"M1 for school S1\": already used in row 2"
            ])
    }

    /// A header naming one column twice is one error, not one per row: which cell is which is
    /// anyone's guess, so no row is read.
    @Test func repeatedColumn() throws {
        let links = Fixture.files["links.csv"]!.replacingOccurrences(
            of: "provider,down_mbps", with: "provider,provider,down_mbps")
        #expect(
            try errors(["links.csv": links]) == [
                "links.csv row 1, column provider: the header names this column twice (columns 3 and 4); delete one of them"
            ])
    }

    /// A missing required column is named, with the header as row 1.
    @Test func missingColumn() throws {
        let schools = Fixture.files["schools.csv"]!.replacingOccurrences(of: ",kind,", with: ",type,")
        #expect(
            try errors(["schools.csv": schools]) == ["schools.csv row 1, column kind: the required column is missing"])
    }

    /// Codes must be unique; the error points at both rows.
    @Test func duplicateCode() throws {
        let schools = Fixture.schools(replacing: "S2,村小", with: "S1,村小")
        let found = try errors(["schools.csv": schools])
        #expect(found.contains("schools.csv row 3, column code: \"S1\": already used in row 2"))
    }

    /// A row naming a school that schools.csv lacks is an error in every file that refers to schools.
    @Test func danglingReferences() throws {
        #expect(
            try errors(["links.csv": Fixture.files["links.csv"]!.replacingOccurrences(of: "L2,S2", with: "L2,S9")]) == [
                "links.csv row 3, column school_code: \"S9\": no school in schools.csv has this code"
            ])
        #expect(
            try errors(["assets.csv": Fixture.files["assets.csv"]!.replacingOccurrences(of: "A1,S1", with: "A1,S7")])
                == [
                    "assets.csv row 2, column school_code: \"S7\": no school in schools.csv has this code"
                ])
    }

    /// A contract that ends before it starts is refused.
    @Test func contractOrder() throws {
        let links = Fixture.files["links.csv"]!.replacingOccurrences(
            of: "2026-01-01,2028-12-31", with: "2026-01-01,2025-12-31")
        #expect(
            try errors(["links.csv": links]) == [
                "links.csv row 2, column contract_end: \"2025-12-31\": the contract ends before it starts (2026-01-01)"
            ])
    }

    /// A storage pool cannot change kind between readings, nor have two readings on one day.
    @Test func storageHistory() throws {
        let storage =
            "pool,kind,capacity_tb,used_tb,as_of\nC1,cloud_storage,200,1,2026-10-01\nC1,resource_library,200,1,2026-10-02\nC1,cloud_storage,200,1,2026-10-01\n"
        let found = try errors(["storage.csv": storage])
        #expect(
            found.contains("storage.csv row 3, column kind: \"resource_library\": pool C1 is cloud_storage in row 2"))
        #expect(found.contains("storage.csv row 4, column as_of: \"2026-10-01 for pool C1\": already used in row 2"))
    }

    /// A missing required file is an error; a missing optional one is not.
    @Test func missingFiles() throws {
        #expect(
            try errors(["egress.csv": nil]) == ["egress.csv: the file is missing (it may hold only its header row)"])
        let city = try InventoryFolder.read(at: try Fixture.folder(["districts.csv": nil, "measurements.csv": nil]))
        #expect(city.inventory.districts.isEmpty && city.inventory.measurements.isEmpty)
    }

    /// Unknown columns and files are read around, with a warning; a header-only file is an empty file.
    @Test func warnings() throws {
        let schools = Fixture.files["schools.csv"]!.replacingOccurrences(
            of: "kindergarten_stars\n", with: "kindergarten_stars,principal\n")
        let path = try Fixture.folder([
            "schools.csv": schools, "notes.csv": "a,b\n", "egress.csv": "link_id,provider,capacity_gbps\n",
        ])
        let contents = try InventoryFolder.read(at: path)
        #expect(
            contents.warnings.map(\.description) == [
                "schools.csv row 1, column principal: unknown column, ignored", "notes.csv: unknown file, ignored",
            ])
        #expect(contents.inventory.egressLinks.isEmpty)
    }

    /// A file in GBK (GB18030's older part, as Excel on Chinese Windows saves CSV) is read as
    /// GB18030, with one warning naming the file.
    @Test func gbkIsReadAsGB18030() throws {
        let path = try Fixture.folder()
        var bytes = Array("code,name,district,locality,central,kind\nS1,".utf8)
        bytes += [0xB5, 0xDA, 0xD2, 0xBB, 0xD0, 0xA1, 0xD1, 0xA7]  // 第一小学 in GBK
        bytes += [0x2C, 0xD6, 0xD0, 0xC9, 0xBD, 0xC7, 0xF8]  // ,中山区
        bytes += Array(",urban_core,false,primary\nS2,Cunxiao,Zhuanghe,village,false,nine_year\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path).appendingPathComponent("schools.csv"))
        let contents = try InventoryFolder.read(at: path)
        #expect(contents.inventory.schools.map(\.name) == ["第一小学", "Cunxiao"])
        #expect(contents.inventory.schools.map(\.district) == ["中山区", "Zhuanghe"])
        let notices = contents.warnings.map(\.description).filter { $0.contains("GB18030") }
        #expect(notices == ["schools.csv: the file is GB18030 (Excel on Chinese Windows), not UTF-8; read as such"])
    }

    /// Bytes that are neither UTF-8 nor GB18030 are refused with one error: the row and the
    /// byte of the first, and nothing read after it.
    @Test(arguments: [
        [UInt8]([0xFF, 0x41]),  // no encoding of either starts with FF
        [0xB5, 0xDA, 0x80],  // 第 in GBK, then a byte no GB18030 character starts with
        [0xEF, 0xBB, 0xBF, 0xB5, 0xDA],  // GBK after UTF-8's byte-order mark: UTF-8 with a bad byte
    ])
    func neitherUTF8NorGB18030(_ cell: [UInt8]) throws {
        let bom = cell.starts(with: [0xEF, 0xBB, 0xBF])
        var bytes = (bom ? [0xEF, 0xBB, 0xBF] : []) + Array("code,name,district,locality,central,kind\nS1,".utf8)
        bytes += bom ? Array(cell.dropFirst(3)) : cell
        bytes += Array(",中山区,urban_core,false,primary\nS1,again,中山区,downtown,false,primary\n".utf8)
        let offset = bom ? 48 : 45
        #expect(
            try schoolsIssues(bytes).map(\.description) == [
                "schools.csv row 2, column name: the text is not UTF-8 (byte \(offset) of the file); "
                    + "save the file as UTF-8 CSV"
            ])
    }

    /// A header that is not UTF-8 is one error on row 1, not one for each column it seems to lack.
    @Test func headerNotUTF8() throws {
        var bytes = Array("code,name,".utf8) + [0xFF] + Array(",locality,central,kind\n".utf8)
        bytes += Array("S1,第一小学,中山区,urban_core,false,primary\n".utf8)
        #expect(
            try schoolsIssues(bytes).map(\.description) == [
                "schools.csv row 1: the text is not UTF-8 (byte 11 of the file); save the file as UTF-8 CSV"
            ])
    }

    /// In a file read in parts, a GBK cell (in a column whose values are shared, too) refuses the
    /// file with that one message: nothing else read from it is reported.
    @Test func notUTF8InParts() throws {
        let rows = 100_000
        var assets = Array("asset_tag,school_code,category,model,purchase_date,purchase_cost,status\n".utf8)
        for i in 0..<rows {
            assets += Array("TAG-\(i),S1,switch,".utf8)
            if i == 77_777 { assets += [0xC8, 0xF1, 0xBD, 0xDD] } else { assets += Array("锐捷".utf8) }  // 锐捷 in GBK
            assets += Array(",2020-01-01,\(i),in_service\n".utf8)
        }
        assets += Array("TAG-0,S1,switch,锐捷,2020-01-01,1,in_service\n".utf8)  // a duplicate, not reported
        #expect(assets.count > InventoryFolder.partThreshold)
        let path = try Fixture.folder()
        try Data(assets).write(to: URL(fileURLWithPath: path).appendingPathComponent("assets.csv"))
        do {
            _ = try InventoryFolder.read(at: path)
            Issue.record("expected an error")
        } catch {
            let found = error.issues.map(\.description)
            #expect(found.count == 1)
            #expect(found.first?.hasPrefix("assets.csv row \(77_777 + 2), column model: the text is not UTF-8") == true)
        }
    }

    /// A NUL byte anywhere in a cell (first, inside, in a quoted cell, in a file read in parts)
    /// is refused with its row and column, as one error: SQLite read a district `\0abc` back
    /// empty.
    @Test(arguments: [(#"\#0abc"#, false), (#"ab\#0c"#, false), (#""ab\#0c""#, false), (#"\#0abc"#, true)])
    func nulInACell(district: String, large: Bool) throws {
        var schools = "code,name,district,locality,central,kind\n"
        let rows = large ? 80_000 : 3
        for i in 0..<rows {
            let cell = i == rows - 2 ? district : "中山区"
            schools += "S\(i),第\(i)小学,\(cell),urban_core,false,primary\n"
        }
        #expect(large == (schools.utf8.count > InventoryFolder.partThreshold))
        let found = try schoolsIssues(Array(schools.utf8))
        #expect(found.count == 1)
        #expect(found.first?.row == rows)
        #expect(found.first?.column == "district")
        #expect(found.first?.message.hasPrefix("the text holds a NUL character, which") == true)
    }

    /// A file saved as UTF-16 (Excel's "Unicode text", with its byte-order mark, either byte
    /// order) is one error that says so, not a byte that is not UTF-8.
    @Test(arguments: [true, false])
    func utf16(littleEndian: Bool) throws {
        let text = "code,name,district,locality,central,kind\nS1,第一小学,中山区,urban_core,false,primary\n"
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in text.utf16 {
            bytes += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        #expect(
            try schoolsIssues(bytes).map(\.description) == [
                "schools.csv row 1: the file is UTF-16 (what Excel saves as Unicode text), not UTF-8; "
                    + "save it as CSV UTF-8"
            ])
    }

    /// An unclosed quote stops the file with the row where the field began.
    @Test func unclosedQuote() throws {
        let schools = Fixture.files["schools.csv"]!.replacingOccurrences(of: "S2,村小", with: "S2,\"村小")
        #expect(try errors(["schools.csv": schools]).contains("schools.csv row 3: a quoted field is not closed"))
    }

    /// Many errors are all reported in one run, up to a cap per file.
    @Test func manyErrorsCapped() throws {
        var schools = "code,name,district,locality,central,kind\n"
        for i in 0..<150 { schools += "S\(i),n,d,nowhere,false,primary\n" }
        let path = try Fixture.folder([
            "schools.csv": schools, "links.csv": "link_id,school_code,provider,down_mbps,up_mbps\n",
            "assets.csv": "asset_tag,school_code,category,purchase_date,purchase_cost,status\n",
            "measurements.csv": nil,
        ])
        do {
            _ = try InventoryFolder.read(at: path)
            Issue.record("expected an error")
        } catch {
            #expect(error.issues.count == 100 && error.omitted == 50)
        }
    }

    /// A file large enough to be read in parts gives the same rows, errors and duplicates as
    /// one read from the start, with row numbers counted across the parts.
    @Test func largeFileInParts() throws {
        var assets = "asset_tag,school_code,category,purchase_date,purchase_cost,status\n"
        let rows = 100_000
        for i in 0..<rows { assets += "TAG-\(i),S1,switch,2020-01-01,\(i),in_service\n" }
        #expect(assets.utf8.count > InventoryFolder.partThreshold)
        var withErrors = assets
        withErrors += "TAG-5,S1,switch,2020-01-01,1,in_service\n"  // duplicate of row 7
        withErrors += "TAG-X,S1,switch,2020-02-30,1,in_service\n"
        let good = try readBothWays(try Fixture.folder(["assets.csv": assets]))
        #expect(good.assets.count == rows)
        #expect(good.assets.last?.purchaseCostYuan == Double(rows - 1))
        let found = try errors(["assets.csv": withErrors])
        #expect(
            found == [
                "assets.csv row \(rows + 2), column asset_tag: \"TAG-5\": already used in row 7",
                "assets.csv row \(rows + 3), column purchase_date: \"2020-02-30\": expected a date YYYY-MM-DD from 1900-01-01 to 2200-12-31",
            ])
    }

    /// Parts write their records into one shared buffer, each into a window as long as its
    /// lines; blank lines leave gaps that are closed up, so the records come out in file order,
    /// whatever the line ends and whether the last line ends at all.
    @Test func blankLinesInParts() throws {
        let rows = 120_000
        var assets = "asset_tag,school_code,category,purchase_date,purchase_cost,status\r\n"
        for i in 0..<rows {
            assets += "TAG-\(i),S1,switch,2020-01-01,\(i),in_service\r\n"
            if i % 997 == 0 { assets += "\r\n" }
        }
        assets.removeLast()  // the last line ends without a line break
        #expect(assets.utf8.count > InventoryFolder.partThreshold)
        let read = try readBothWays(try Fixture.folder(["assets.csv": assets])).assets
        #expect(read.count == rows)
        #expect(read.map(\.purchaseCostYuan) == (0..<rows).map(Double.init))
        #expect(read.map(\.assetTag) == (0..<rows).map { "TAG-\($0)" })
        // Rows are counted across the blank lines: row 1 is the header, each blank line is a row.
        let bad = assets.replacingOccurrences(
            of: "TAG-100000,S1,switch,2020-01-01", with: "TAG-100000,S1,switch,2020-13-01")
        #expect(
            try errors(["assets.csv": bad]) == [
                "assets.csv row \(100_000 + 2 + 100_000 / 997 + 1), column purchase_date: \"2020-13-01\": expected a date YYYY-MM-DD from 1900-01-01 to 2200-12-31"
            ])
    }

    /// Keys in increasing order (as SchoolNet exports them) are checked without an index; a
    /// repeat that breaks the order, even in another part of the file, is still found.
    @Test func sortedKeysInParts() throws {
        var assets = "asset_tag,school_code,category,purchase_date,purchase_cost,status\n"
        let rows = 100_000
        for i in 0..<rows { assets += "TAG-\(String(i + 1_000_000)),S1,switch,2020-01-01,\(i),in_service\n" }
        #expect(assets.utf8.count > InventoryFolder.partThreshold)
        let good = try readBothWays(try Fixture.folder(["assets.csv": assets]))
        #expect(good.assets.count == rows)
        // An unknown column of a file read in parts is reported once.
        let noted = assets.replacingOccurrences(of: "status\n", with: "status,note\n")
        let warnings = try InventoryFolder.read(at: try Fixture.folder(["assets.csv": noted])).warnings
        #expect(warnings.map(\.description) == ["assets.csv row 1, column note: unknown column, ignored"])
        let repeated = assets + "TAG-1000005,S1,switch,2020-01-01,1,in_service\n"
        #expect(
            try errors(["assets.csv": repeated]) == [
                "assets.csv row \(rows + 2), column asset_tag: \"TAG-1000005\": already used in row 7"
            ])
        // A repeat, in the last part, of a key from a middle part: the parts before the last
        // were in order and merged without an index; the index then covers all of them.
        let middle = "TAG-\(1_000_000 + rows / 2 + 7)"
        #expect(
            try errors(["assets.csv": assets + "\(middle),S1,switch,2020-01-01,1,in_service\n"]) == [
                "assets.csv row \(rows + 2), column asset_tag: \"\(middle)\": already used in row \(rows / 2 + 9)"
            ])
        // A repeat of the last key of the first part at the start of the second part.
        var lines = assets.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[rows / 2 + 1] = lines[rows / 2].replacingOccurrences(of: ",\(rows / 2 - 1),", with: ",0,")
        let found = try errors(["assets.csv": lines.joined(separator: "\n")])
        #expect(
            found == [
                "assets.csv row \(rows / 2 + 2), column asset_tag: \"TAG-\(1_000_000 + rows / 2 - 1)\": already used in row \(rows / 2 + 1)"
            ])
    }

    /// Keys out of order and rows of schools mixed (a hand-made file, not an export): read into
    /// facts, every row keeps its school and every repeated key is found, in one part of a file
    /// or across two, with the rows a read into records gives.
    @Test func unorderedFilesIntoFacts() throws {
        var generator = SystemRandomNumberGenerator()
        let rows = 100_000
        let tags = (0..<rows).shuffled(using: &generator)
        var assets = "asset_tag,school_code,category,purchase_date,purchase_cost,expected_life_years,status\n"
        var measurements = "id,school_code,probe_id,kind,started_at,duration_s,mbps,cross_traffic_mbps,valid\n"
        for (i, tag) in tags.enumerated() {
            let school = ["S1", "S2", ""][i % 3]
            assets += "T\(tag),\(school),switch,2020-01-\(10 + i % 20),\(i),\(i % 2 == 0 ? "" : "7"),in_service\n"
            measurements +=
                "M\(tag),\(school.isEmpty ? "S1" : school),P\(i % 5),throughput_down,2026-11-20T10:00:00+08:00,"
                + "10,\(i % 300),\(i % 4 == 0 ? "" : "5"),\(i % 7 != 0)\n"
        }
        #expect(assets.utf8.count > InventoryFolder.partThreshold)
        #expect(measurements.utf8.count > InventoryFolder.partThreshold)
        let path = try Fixture.folder(["assets.csv": assets, "measurements.csv": measurements])
        let city = try readBothWays(path)
        #expect(city.assets.count == rows && city.measurements.count == rows)
        #expect(Set(city.assets.map(\.assetTag)).count == rows)

        // A repeat early in the file and one near its end (in another part), out of order.
        let early = tags[10]
        let late = tags[rows - 3]
        let repeated =
            assets
            + "T\(early),S1,switch,2020-01-01,1,,in_service\nT\(late),S2,switch,2020-01-01,1,,in_service\n"
        #expect(
            try errors(["assets.csv": repeated]) == [
                "assets.csv row \(rows + 2), column asset_tag: \"T\(early)\": already used in row 12",
                "assets.csv row \(rows + 3), column asset_tag: \"T\(late)\": already used in row \(rows - 1)",
            ])
        // Quoted keys are compared by their text, quotes undone.
        // (Row 12's result is school S2's: an id is unique within its school.)
        let quoted = measurements + "\"M\(early)\",S2,P1,rtt,2026-11-20T10:00:00+08:00,5,0,,true\n"
        #expect(
            try errors(["measurements.csv": quoted]) == [
                "measurements.csv row \(rows + 2), column id: \"M\(early) for school S2\": already used in row 12"
            ])
    }
}
