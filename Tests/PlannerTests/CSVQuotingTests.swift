import InventoryModel
import Planner
import Testing

@Suite("one CSV quoting rule")
struct CSVQuotingTests {
    /// A field is quoted for a comma, a quote, a line break or a blank at either end, and its
    /// quotes doubled; anything else is written as it is.
    @Test func rule() {
        #expect(CSVField.text("第一小学") == "第一小学")
        #expect(CSVField.text(" 第一小学") == "\" 第一小学\"")
        #expect(CSVField.text("第一小学\t") == "\"第一小学\t\"")
        #expect(CSVField.text("a,b") == "\"a,b\"")
        #expect(CSVField.text("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVField.text("two\nlines") == "\"two\nlines\"")
    }

    /// The compliance report's CSV quotes a school name with a leading blank, as the
    /// interchange writer does (it did not: a spreadsheet trimmed the blank).
    @Test func reportQuotesEdgeBlanks() {
        var scenario = Scenario()
        scenario.school.name = " 第一小学"
        scenario.setDisplays(inService: 6)
        let csv = scenario.report.csv()
        #expect(csv.contains(",\" 第一小学\","), "\(csv)")
    }
}
