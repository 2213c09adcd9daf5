import InventoryModel
import SampleCity
import Testing

@testable import Planner

@Suite("Flag sentences in Chinese and English")
struct FlagSentenceTests {
    static let asOf = CalendarDate(iso: "2026-11-24")!

    /// A flag of each rule with figures no other figure of its sentence shares.
    static func sample(_ rule: Rule) -> Flag {
        var detail = FlagDetail(asOf: asOf)
        let (value, threshold, unit): (Double, Double, String)
        switch rule {
        case .noLink: (value, threshold, unit) = (0, 1, "links")
        case .contractBelowStandard:
            (value, threshold, unit) = (100, 120, "Mbps")
            detail.classes = 12
        case .measuredBelowStandard:
            (value, threshold, unit) = (187.5, 216, "Mbps")
            (detail.classes, detail.tests, detail.reference) = (24, 10, 240)
        case .underDelivering:
            (value, threshold, unit) = (240, 270, "Mbps")
            (detail.tests, detail.reference) = (10, 300)
        case .noRecentMeasurement:
            (value, threshold, unit) = (2, 3, "tests")
            detail.windowDays = 14
        case .congested:
            (value, threshold, unit) = (850, 800, "Mbps")
            detail.reference = 1000
        case .displayCoverage:
            (value, threshold, unit) = (0.75, 1, "share")
            (detail.classes, detail.displays) = (24, 18)
        case .wirelessCoverage: (value, threshold, unit) = (85, 100, "%")
        case .vocationalDemoAccess:
            (value, threshold, unit) = (500, 1000, "Mbps")
            detail.vocationalDemo = .provincial
        case .itStaff:
            (value, threshold, unit) = (2, 3, "staff")
            detail.classes = 36
        case .assetPastLife: (value, threshold, unit) = (8, 0, "assets")
        case .egressBelowTarget: (value, threshold, unit) = (20, 30, "Gbps")
        case .cloudStorageBelowTarget: (value, threshold, unit) = (440, 500, "TB")
        case .resourceLibraryBelowTarget: (value, threshold, unit) = (1800, 2000, "TB")
        case .districtStaff:
            (value, threshold, unit) = (4, 6, "staff")
            detail.district = "长海县"
        }
        return Flag(rule: rule, value: value, threshold: threshold, unit: unit, detail: detail)
    }

    /// A figure as the sentences write it: shares and percentages with `%`.
    static func shown(_ figure: Double, unit: String) -> String {
        switch unit {
        case "share": Text.percent(figure)
        case "%": Text.number(figure) + "%"
        default: Text.number(figure)
        }
    }

    /// Whether `number` stands in `text` as a number of its own, not as digits of a longer one
    /// (`1` is not in `2026年11月24日`).
    static func mentions(_ text: String, _ number: String) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: number) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            let partOfNumber = { (c: Character?) in c.map { $0.isNumber || $0 == "." } ?? false }
            if !partOfNumber(before), !partOfNumber(after) { return true }
            rest = text[range.upperBound...]
        }
        return false
    }

    /// Every rule's Chinese sentence names the figure found and the figure it is held against
    /// (and what a threshold derives from), writes its date as 2026年11月24日 and never as
    /// 2026-11-24; the English one names both figures too. NO_LINK says its 0 as 无, and
    /// ASSET_PAST_LIFE has no threshold to name (any asset past its life is one too many).
    @Test(arguments: Rule.allCases)
    func namesBothFigures(rule: Rule) {
        let flag = Self.sample(rule)
        let (zh, en) = (flag.message(in: .zh), flag.message(in: .en))
        #expect(zh == flag.messageZh && en == flag.message)
        let value = Self.shown(flag.value, unit: flag.unit)
        let threshold = Self.shown(flag.threshold, unit: flag.unit)
        for sentence in [zh, en] {
            #expect(rule == .noLink || Self.mentions(sentence, value), "\(sentence) lacks \(value)")
            #expect(rule == .assetPastLife || Self.mentions(sentence, threshold), "\(sentence) lacks \(threshold)")
            if flag.detail.reference > 0 {
                #expect(Self.mentions(sentence, Text.number(flag.detail.reference)), "\(sentence)")
            }
        }
        if rule == .noLink { #expect(zh.contains("无在合同期内的接入链路")) }
        #expect(!zh.contains(/\d{4}-\d{1,2}-\d{1,2}/), "\(zh)")
        #expect(zh.contains(/\p{Script=Han}/))
        #expect(rule == .districtStaff || !en.contains(/\p{Script=Han}/), "\(en)")
        if rule == .noLink || rule == .noRecentMeasurement {
            #expect(zh.hasPrefix("截至2026年11月24日"), "\(zh)")
            #expect(en.contains("2026-11-24"))
        }
    }

    /// The sentences a reviewer asked for, word for word: what is below what, and by how much.
    @Test func chineseSentences() {
        #expect(Self.sample(.noLink).messageZh == "截至2026年11月24日，无在合同期内的接入链路（规划要求至少1条）")
        #expect(
            Self.sample(.underDelivering).messageZh
                == "实测带宽240 Mbps（10次测试中位数），仅为合同带宽300 Mbps的80%，低于合同带宽90%的下限270 Mbps")
        #expect(
            Self.sample(.measuredBelowStandard).messageZh
                == "实测带宽187.5 Mbps（10次测试中位数），低于达标下限216 Mbps，即按24个班核定的规划要求240 Mbps的90%")
    }

    /// Chinese characters take two terminal cells, fullwidth punctuation too, combining marks
    /// none; the columns after a Chinese cell line up on screen.
    @Test func columnsPadByDisplayWidth() {
        #expect(Columns.width("DL-ZS-0001") == 10)
        #expect(Columns.width("中山区") == 6)
        #expect(Columns.width("（截至）：") == 10)
        #expect(Columns.width("e\u{301}") == 1)
        #expect(Columns.width("𠀋") == 2)  // CJK Extension B, a character of names
        // Read from the bytes: Han from its first byte (U+5000 to U+9FFF), the rest decoded
        // (Extension A and the hexagrams after it share a first byte with Han's first block).
        #expect(Columns.width("校\u{5000}\u{9FFF}") == 6)
        #expect(Columns.width("\u{4DC0}\u{4DBF}é") == 1 + 2 + 1)
        #expect(Columns.width("\u{A000}\u{FE0F}😀") == 2 + 0 + 2)
        // And as each character's own width says, on texts of every kind of character.
        let alphabet = Array("a9-é\u{301}中丂校龥\u{5000}\u{9FFF}㐀\u{4DC0}（：한\u{200D}😀𠀋\u{FE0F}ü")
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let text = String(
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(Columns.width(text) == text.unicodeScalars.reduce(0) { $0 + Columns.width($1) }, "\(text)")
        }
        let text = Columns.render([["中山区第2幼儿园", "未达标", "x"], ["DL", "warning", "y"]], indent: "")
        let lines = text.split(separator: "\n").map(String.init)
        let starts = lines.map { line in Columns.width(String(line.prefix { $0 != "x" && $0 != "y" })) }
        #expect(starts[0] == starts[1] && starts[0] == Columns.width("中山区第2幼儿园") + 2 + 7 + 2)
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    /// Money in 万元, rounded half away from zero from the fen, with as many decimals as asked
    /// and no trailing zeros.
    @Test func wan() {
        #expect(Fen.wan(9_916_600_000) == "9916.6")
        #expect(Fen.wan(226_035, decimals: 2) == "0.23")
        #expect(Fen.wan(200_000, decimals: 2) == "0.2")
        #expect(Fen.wan(3_120_000, decimals: 2) == "3.12")
        #expect(Fen.wan(-5_000, decimals: 2) == "-0.01")
        #expect(Fen.wan(4_999, decimals: 2) == "0")
    }
}
