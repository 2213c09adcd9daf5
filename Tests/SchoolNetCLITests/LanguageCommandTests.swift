import Foundation
import Testing

@Suite("--lang: the tables of check, renewals and capacity in Chinese or English")
struct LanguageCommandTests {
    static let city = ["--inventory", SchoolNetProcess.sampleCity, "--as-of", "2026-11-24"]

    /// `check --lang zh` prints a Chinese table: the title names the district and its date the
    /// Chinese way, the labels and sentences are Chinese, 班班通 says kindergartens are judged apart.
    @Test func checkInChinese() throws {
        let result = try SchoolNetProcess.run(["check", "--lang", "zh", "--district", "长海县"] + Self.city)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("长海县教育网络合规检查报告（截至2026年11月24日），共12所学校\n"), "\(result.stdout)")
        for label in ["指标", "规划目标", "班班通（班级交互式显示设备覆盖率）", "学校代码", "学校名称", "学校类型", "说明", "未达标", "预警"] {
            #expect(result.stdout.contains(label), "\(label)")
        }
        #expect(result.stdout.contains("班班通不含幼儿园；幼儿园按星级另行评价"))
        #expect(result.stdout.contains("长海县教育信息中心专职人员5人，少于规划要求的6人"))
        #expect(!result.stdout.contains("violation") && !result.stdout.contains(" BELOW\n"))
        #expect(!result.stdout.contains(/\d{4}-\d{2}-\d{2}/))
    }

    /// `check --lang en` prints the English table, with the district in its title, whatever the locale.
    @Test func checkInEnglish() throws {
        let result = try SchoolNetProcess.run(
            ["check", "--lang", "en", "--district", "长海县"] + Self.city, locale: ["LANG": "zh_CN.UTF-8"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("SchoolNet compliance report for 长海县 as of 2026-11-24: 12 schools\n"))
        #expect(result.stdout.contains("  metric  ") && result.stdout.contains("violation"))
        #expect(result.stdout.contains("kindergartens; they are judged separately"))
        #expect(!result.stdout.contains("未达标") && !result.stdout.contains("规划要求"))
    }

    /// Without `--lang` the table follows the locale: LC_ALL, then LC_MESSAGES, then LANG;
    /// English when none names Chinese.
    @Test(
        arguments: [
            (["LANG": "zh_CN.UTF-8"], true),
            (["LANG": "en_US.UTF-8"], false),
            ([:], false),
            (["LANG": "fr_FR.UTF-8"], false),
            (["LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"], false),
            (["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"], true),
        ] as [([String: String], Bool)])
    func defaultFollowsLocale(locale: [String: String], chinese: Bool) throws {
        let result = try SchoolNetProcess.run(["check"] + Self.city, locale: locale)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("全市教育网络合规检查报告") == chinese, "\(locale)")
        #expect(result.stdout.hasPrefix("SchoolNet compliance report") == !chinese, "\(locale)")
    }

    /// The renewals and capacity tables speak Chinese too, money in 万元.
    @Test func renewalsAndCapacityInChinese() throws {
        let renewals = try SchoolNetProcess.run(["renewals", "--lang", "zh", "--years", "1"] + Self.city)
        #expect(renewals.status == 0, "\(renewals.stderr)")
        #expect(renewals.stdout.hasPrefix("设备更新计划（金额单位：万元）\n  年度  在用硬件总值"))
        #expect(renewals.stdout.contains("超过预计使用年限") && renewals.stdout.contains("金额（万元）"))
        #expect(renewals.stdout.contains("  2027  DL-CITY-RT-003       市级"))
        let capacity = try SchoolNetProcess.run(["capacity", "--lang", "zh"] + Self.city)
        #expect(capacity.status == 0, "\(capacity.stderr)")
        for text in ["学校接入链路扩容", "年费（万元）", "城域网出口", "存储容量", "教育云存储合计", "2030年1月2日"] {
            #expect(capacity.stdout.contains(text), "\(text)")
        }
        #expect(!capacity.stdout.contains("Link upgrades"))
    }

    /// A language SchoolNet does not speak is refused by name, with the ones it does; `--lang`
    /// with a form that is not translated is refused, not ignored.
    @Test(arguments: [
        (
            ["check", "--lang", "fr"],
            "The value 'fr' is invalid for '--lang <lang>'. Please provide one of 'zh' and 'en'."
        ),
        (["renewals", "--lang", "fr"], "The value 'fr' is invalid for '--lang <lang>'"),
        (["capacity", "--lang", "zh_CN"], "The value 'zh_CN' is invalid for '--lang <lang>'"),
        (["check", "--lang", "zh", "--format", "json"], "--lang is for the table; the json form is not translated"),
        (["capacity", "--lang", "en", "--format", "csv"], "--lang is for the table; the csv form is not translated"),
        (["renewals", "--lang", "zh", "--declaration"], "--lang is for the table; the declaration is not translated"),
    ])
    func refused(arguments: [String], message: String) throws {
        let result = try SchoolNetProcess.run(arguments + Self.city)
        #expect(result.status == 2 && result.stderr.contains(message), "\(result.stderr)")
    }

    /// `--help` of each command lists the languages.
    @Test(arguments: ["check", "renewals", "capacity"])
    func helpListsLanguages(command: String) throws {
        let help = try SchoolNetProcess.run([command, "--help"])
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("--lang <lang>") && words.contains("(values: zh, en)"), "\(help.stdout)")
    }
}
