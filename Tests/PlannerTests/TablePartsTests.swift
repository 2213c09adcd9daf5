import InventoryModel
import Testing

@testable import Planner

/// The terminal table made in parts on every core is the table made in one piece: each
/// district's columns are as wide as its widest cell, whichever part holds that cell.
@Suite("Table in parts")
struct TablePartsTests {
    @Test(arguments: [Language.en, .zh])
    func partsAlignAsOneTable(language: Language) {
        var city = Inventory.generated(schools: 600, seed: 5)
        // Names of every width, the widest late in its district (in its last part), and a
        // school with no district's worth of peers.
        for index in city.schools.indices {
            city.schools[index].name = String(repeating: index % 3 == 0 ? "校" : "x", count: index % 17 + 1)
        }
        let last = city.schools.indices.last!
        city.schools[last].name = "大连市" + String(repeating: "很长的名字", count: 9) + "学校"
        city.links.removeAll { $0.schoolCode == city.schools[last].code }
        let report = ComplianceSolver(plan: city.plan, asOf: Plan.today(inTimeZone: city.plan.timeZone))
            .evaluate(CityIndex(city))
        let groups = report.flaggedByDistrict
        #expect(groups.count > 1 && groups.contains { $0.flagged.count > 40 })

        // The table as one piece per district: its header and every row rendered together, as
        // the table was before it was made in parts.
        let header = [
            ReportWords.school, ReportWords.name, ReportWords.schoolKind, ReportWords.severity, ReportWords.rule,
            ReportWords.finding,
        ].map { $0(language) }
        var districts = ""
        for (district, total, list) in groups {
            districts +=
                language == .zh
                ? "\n\(district)：\(total)所学校中\(list.count)所存在问题\n"
                : "\n\(district): \(list.count) of \(total) schools flagged\n"
            var rows = [header]
            for school in list {
                for (index, flag) in school.flags.enumerated() {
                    rows.append([
                        index == 0 ? school.code : "", index == 0 ? school.name : "",
                        index == 0 ? school.kind.words(language) : "", flag.severity.words(language),
                        flag.rule.words(language), flag.message(in: language),
                    ])
                }
            }
            districts += Self.serialRender(rows, indent: "  ")
        }
        #expect(districts.contains(city.schools[last].name))

        for size in [1, 7, 40, ComplianceReport.schoolsPerTablePart] {
            var bytes: [UInt8] = []
            report.writeTable(language: language, schoolsPerPart: size) { bytes += $0 }
            let table = String(decoding: bytes, as: UTF8.self)
            #expect(table.hasSuffix(districts), "parts of \(size) schools")
            #expect(table == report.table(language: language))
        }
    }

    /// The rows aligned as `Columns.render` did when a table was made on one core, cell by
    /// cell in Strings: the reference the parts are held to.
    static func serialRender(_ rows: [[String]], indent: String) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: columns)
        func width(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + Columns.width($1) } }
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns - 1 {
                widths[index] = max(widths[index], width(cell))
            }
        }
        return rows.map { row in
            var line = indent
            for (index, cell) in row.enumerated() {
                line += cell
                if index < row.count - 1 { line += String(repeating: " ", count: widths[index] - width(cell) + 2) }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
