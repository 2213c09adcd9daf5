import InventoryModel
import Planner

/// Figures as the pages write them, in either language.
enum MetricText {
    /// A metric's value in its unit: `95.3%`, `28 Gbps`, `7,190.5 万元`.
    static func show(_ value: Double?, unit: String, language: Language) -> String {
        guard let value else { return language == .zh ? "无" : "n/a" }
        switch unit {
        case "share": return Text.percent(value)
        case "yuan", "yuan/year": return tenThousandYuan(value, language: language)
        default: return Text.number(value) + " " + unit
        }
    }

    /// Yuan in 万元, the unit budgets are read in: `7190.5 万元` / `71.9 million yuan`.
    static func tenThousandYuan(_ yuan: Double, language: Language) -> String {
        language == .zh ? Text.number(yuan / 10_000) + " 万元" : Text.number(yuan / 1_000_000) + " million yuan"
    }

    /// Fen in 万元 as a number: 1 万元 is 10,000 yuan, 1,000,000 fen.
    static func wanValue(fen: Int64) -> Double { Double(fen) / 1_000_000 }

    /// Fen in 万元 as the tables write it: `7190.5`.
    static func wan(fen: Int64) -> String { Text.number(wanValue(fen: fen)) }

    /// How far a metric is from its target, in words with the count behind a share.
    static func gap(_ metric: Metric, tally: ComplianceSolver.Tally, language: Language) -> String {
        let zh = language == .zh
        guard let target = metric.target else { return PageWords.label("no_target", language) }
        guard let value = metric.value else { return zh ? "无可统计对象" : "nothing to count" }
        if metric.meetsTarget { return PageWords.label("met", language) }
        switch metric.name {
        case "school_connectivity_rate":
            let n = tally.schools - tally.connected
            return zh ? "\(n) 所学校未接入" : "\(n) schools not connected"
        case "kindergarten_connectivity_rate":
            let n = tally.kindergartens - tally.kindergartensConnected
            return zh ? "\(n) 所幼儿园未接入" : "\(n) kindergartens not connected"
        case "class_display_rate":
            let n = tally.classes - tally.classesWithDisplay
            return zh ? "\(n) 个班没有交互式显示设备" : "\(n) classes without a display"
        case "bandwidth_compliance_rate":
            let n = tally.schools - tally.bandwidthCompliant
            return zh ? "\(n) 所学校带宽未达标" : "\(n) schools below the bandwidth standard"
        case "school_compliance_rate":
            let n = tally.schools - tally.compliant
            return zh ? "\(n) 所学校存在未达标项" : "\(n) schools with a violation"
        default:
            let short = Text.number(target - value) + " " + metric.unit
            return zh ? "还差 \(short)" : "\(short) short"
        }
    }

    /// A flag's value or threshold with its unit in words: `2 次` / `2 tests`, `87.5%`.
    static func flagFigure(_ value: Double, unit: String, language: Language) -> String {
        let words: [String: Phrase] = [
            "tests": Phrase(zh: "次", en: "tests"), "staff": Phrase(zh: "人", en: "staff"),
            "assets": Phrase(zh: "台", en: "assets"), "links": Phrase(zh: "条", en: "links"),
        ]
        switch unit {
        case "share": return Text.percent(value)
        case "%": return Text.number(value) + "%"
        default:
            let word = words[unit].map { $0(language) } ?? unit
            return Text.number(value) + (language == .zh && words[unit] != nil ? "" : " ") + word
        }
    }
}
