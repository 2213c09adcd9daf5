import Dispatch
import Foundation
import InventoryModel

extension ComplianceReport {
    /// A metric's value or target in its unit: shares as percentages, money as 万元.
    static func show(_ value: Double?, unit: String, language: Language = .en) -> String {
        guard let value else { return ReportWords.notAvailable(language) }
        switch unit {
        case "share": return Text.percent(value)
        case "yuan", "yuan/year": return Text.number(value / 10_000) + " 万元"
        default: return Text.number(value) + " " + unit
        }
    }

    /// Schools with flags, grouped by district (districts and schools in code order).
    var flaggedByDistrict: [(district: String, total: Int, flagged: [SchoolReport])] {
        var totals: [String: Int] = [:]
        var flagged: [String: [SchoolReport]] = [:]
        for school in schools {
            totals[school.district, default: 0] += 1
            if !school.flags.isEmpty { flagged[school.district, default: []].append(school) }
        }
        return totals.keys.sorted().compactMap { district in
            guard let schools = flagged[district] else { return nil }
            return (district, totals[district]!, schools.sorted { $0.code < $1.code })
        }
    }

    /// Schools flagged by each rule that flags any, in rule order.
    public var schoolsByRule: [(rule: Rule, schools: Int)] {
        var counts: [Rule: Int] = [:]
        for school in schools {
            for rule in Set(school.flags.map(\.rule)) { counts[rule, default: 0] += 1 }
        }
        return Rule.allCases.compactMap { rule in counts[rule].map { (rule, $0) } }
    }

    /// The terminal form: the city against its targets first, then the flagged schools by district.
    ///
    /// - Parameters:
    ///   - language: The language of the titles, labels and sentences; codes and numbers are the same in both.
    ///   - district: The district the report was made for, named in its title; nil for the whole city.
    public func table(language: Language = .en, district: String? = nil) -> String {
        var out: [UInt8] = []
        writeTable(language: language, district: district) { out += $0 }
        return String(decoding: out, as: UTF8.self)
    }

    /// Schools of a part of a district's table: a part's rows are made and measured by one
    /// worker, then aligned under the widths of all of the district's parts.
    public static let schoolsPerTablePart = 1_024

    /// Writes the terminal form (``table(language:district:)``) to `emit` in pieces, in order.
    /// The flagged schools' rows are made on every core, in parts of ``schoolsPerTablePart``
    /// schools, and aligned on every core once each district's widths are known.
    ///
    /// - Parameter schoolsPerPart: the schools of a part (tests make parts small).
    public func writeTable(
        language: Language = .en, district: String? = nil, schoolsPerPart: Int = schoolsPerTablePart,
        to emit: ([UInt8]) -> Void
    ) {
        precondition(schoolsPerPart >= 1, "a part of the table holds at least one school")
        emit(Array(tableHead(language: language, district: district).utf8))
        let groups = flaggedByDistrict
        let header = [
            ReportWords.school, ReportWords.name, ReportWords.schoolKind, ReportWords.severity, ReportWords.rule,
            ReportWords.finding,
        ].map { $0(language) }
        let parts = groups.enumerated().flatMap { group, district in
            stride(from: 0, to: district.flagged.count, by: schoolsPerPart).map { start in
                (group: group, schools: start..<min(start + schoolsPerPart, district.flagged.count))
            }
        }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, parts.count))
        let blocks = Slots<Columns.Block?>(count: parts.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // A worker's sentences made for one part serve the next: most flags repeat one.
            var sentences: [Flag: String] = [:]
            for part in stride(from: worker, to: parts.count, by: workers) {
                var rows: [[String]] = []
                for school in groups[parts[part].group].flagged[parts[part].schools] {
                    for (index, flag) in school.flags.enumerated() {
                        let first = index == 0
                        let sentence = sentences[flag] ?? flag.message(in: language)
                        sentences[flag] = sentence
                        rows.append([
                            first ? school.code : "", first ? school.name : "",
                            first ? school.kind.words(language) : "", flag.severity.words(language),
                            flag.rule.words(language), sentence,
                        ])
                    }
                }
                blocks.set(part, Columns.Block(rows))
            }
        }
        let made = blocks.values.map { $0! }
        let headerBlock = Columns.Block([header])
        var widest = groups.map { _ in headerBlock.widths }
        for (part, block) in zip(parts, made) {
            widest[part.group] = Columns.Block.widest([widest[part.group], block.widths])
        }
        let widths = widest
        withoutActuallyEscaping(emit) { emit in
            let output = OrderedOutput(emit: emit)
            // Each district's title and header go before its first part: piece 2p is what
            // comes before part p, piece 2p + 1 the part.
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for part in stride(from: worker, to: parts.count, by: workers) {
                    let group = parts[part].group
                    var before: [UInt8] = []
                    if parts[part].schools.lowerBound == 0 {
                        let (name, total, list) = groups[group]
                        let title =
                            language == .zh
                            ? "\n\(name)：\(total)所学校中\(list.count)所存在问题\n"
                            : "\n\(name): \(list.count) of \(total) schools flagged\n"
                        before = Array(title.utf8) + headerBlock.lines(widths: widths[group], indent: "  ")
                    }
                    output.put(before, at: 2 * part)
                    output.put(made[part].lines(widths: widths[group], indent: "  "), at: 2 * part + 1)
                }
            }
        }
    }

    /// The terminal form up to the flagged schools' districts: the city's figures, its flags,
    /// the schools flagged by each rule.
    private func tableHead(language: Language, district: String?) -> String {
        let zh = language == .zh
        let flagged = schools.filter { !$0.flags.isEmpty }
        let violating = flagged.filter(\.hasViolation).count
        var out: String
        let date = Text.date(asOf, in: language)
        switch (zh, district) {
        case (true, let district?): out = "\(district)教育网络合规检查报告（截至\(date)），共\(schools.count)所学校\n\n"
        case (true, nil): out = "全市教育网络合规检查报告（截至\(date)），共\(schools.count)所学校\n\n"
        case (false, let district?):
            out = "SchoolNet compliance report for \(district) as of \(date): \(schools.count) schools\n\n"
        case (false, nil): out = "SchoolNet compliance report as of \(date): \(schools.count) schools\n\n"
        }
        switch (zh, district) {
        case (true, let district?): out += "\(district)主要指标与规划目标对照（城域网出口和存储为全市数据）\n"
        case (true, nil): out += "全市主要指标与规划目标对照\n"
        case (false, let district?): out += "\(district) against the plan (egress and storage are the city's)\n"
        case (false, nil): out += "City against the plan\n"
        }
        var rows = [[ReportWords.metric, ReportWords.value, ReportWords.target].map { $0(language) } + [""]]
        for metric in metrics {
            rows.append([
                metric.words(language),
                ComplianceReport.show(metric.value, unit: metric.unit, language: language),
                metric.target.map { ComplianceReport.show($0, unit: metric.unit, language: language) } ?? "",
                metric.target == nil
                    ? "" : (metric.meetsTarget ? ReportWords.meetsTarget : ReportWords.belowTarget)(language),
            ])
        }
        out += Columns.render(rows, indent: "  ")
        if metric("class_display_rate") != nil { out += "  " + ReportWords.classDisplayNote(language) + "\n" }
        if !cityFlags.isEmpty {
            out += zh ? "\n全市层面问题\n" : "\nCity flags\n"
            out += Columns.render(
                cityFlags.map { [$0.severity.words(language), $0.rule.words(language), $0.message(in: language)] },
                indent: "  ")
        }
        out +=
            zh
            ? "\n存在问题的学校\(flagged.count)所（共\(schools.count)所），其中有未达标项的\(violating)所\n"
            : "\nSchools with flags: \(flagged.count) of \(schools.count) (\(violating) with violations)\n"
        let byRule = schoolsByRule
        if !byRule.isEmpty {
            out += Columns.render(
                [
                    [ReportWords.severity, ReportWords.rule, ReportWords.ruleCode, ReportWords.schools].map {
                        $0(language)
                    }
                ]
                    + byRule.map {
                        [$0.rule.severity.words(language), $0.rule.words(language), $0.rule.rawValue, "\($0.schools)"]
                    },
                indent: "  ")
        }
        return out
    }

    /// The Markdown form, for reports checked in or sent around.
    ///
    /// The labels are English (the sentences are in both languages, side by side).
    /// - Parameter district: The district the report was made for, named in its title; nil for the whole city.
    public func markdown(district: String? = nil) -> String {
        var out = "# Compliance report" + (district.map { " for " + $0 } ?? "") + " as of \(asOf)\n\n"
        out += "\(schools.count) schools judged against the plan (standards.md). "
        let flagged = schools.filter { !$0.flags.isEmpty }
        out += "\(flagged.count) have flags, \(flagged.filter(\.hasViolation).count) of them violations.\n\n"
        out += "## The city against the plan\n\n| metric | value | target | |\n|---|---:|---:|---|\n"
        for metric in metrics {
            let status = metric.target == nil ? "" : metric.meetsTarget ? "ok" : "**below**"
            out +=
                "| \(metric.words.en) | "
                + "\(ComplianceReport.show(metric.value, unit: metric.unit)) | "
                + "\(metric.target.map { ComplianceReport.show($0, unit: metric.unit) } ?? "") | \(status) |\n"
        }
        if metric("class_display_rate") != nil { out += "\n" + ReportWords.classDisplayNote.en + ".\n" }
        if !cityFlags.isEmpty {
            out += "\n### City flags\n\n| severity | rule | finding | 说明 |\n|---|---|---|---|\n"
            for flag in cityFlags {
                out +=
                    "| \(flag.severity.rawValue) | `\(flag.rule.rawValue)` | \(Markdown.cell(flag.message)) | \(Markdown.cell(flag.messageZh)) |\n"
            }
        }
        out += "\n## Schools flagged, by rule\n\n| rule | severity | schools |\n|---|---|---:|\n"
        for (rule, count) in schoolsByRule { out += "| `\(rule.rawValue)` | \(rule.severity.rawValue) | \(count) |\n" }
        out += "\n## Schools with flags, by district\n"
        for (district, total, list) in flaggedByDistrict {
            out += "\n### \(district): \(list.count) of \(total) schools\n\n"
            out += "| school | name | severity | rule | finding | 说明 |\n|---|---|---|---|---|---|\n"
            for school in list {
                for flag in school.flags {
                    out +=
                        "| \(school.code) | \(Markdown.cell(school.name)) | \(flag.severity.rawValue) | "
                        + "`\(flag.rule.rawValue)` | \(Markdown.cell(flag.message)) | \(Markdown.cell(flag.messageZh)) |\n"
                }
            }
        }
        return out
    }

    /// The CSV form: one row a flag, and one row for each school without flags, so every school
    /// appears; city flags have no school code.
    public func csv() -> String {
        var out =
            "as_of,school_code,school_name,district,required_mbps,contracted_mbps,measured_mbps,"
            + "rule,severity,value,threshold,unit,message,message_zh\n"
        func row(_ cells: [String]) { out += cells.map(Markdown.csvField).joined(separator: ",") + "\n" }
        let date = asOf.description
        for flag in cityFlags {
            row([
                date, "", "", flag.district ?? "", "", "", "", flag.rule.rawValue, flag.severity.rawValue,
                JSON.number(flag.value), JSON.number(flag.threshold), flag.unit, flag.message, flag.messageZh,
            ])
        }
        for school in schools {
            let figures = [
                date, school.code, school.name, school.district, JSON.number(school.requiredMbps),
                JSON.number(school.contractedMbps), school.measuredMbps.map(JSON.number) ?? "",
            ]
            if school.flags.isEmpty { row(figures + Array(repeating: "", count: 7)) }
            for flag in school.flags {
                row(
                    figures + [
                        flag.rule.rawValue, flag.severity.rawValue, JSON.number(flag.value),
                        JSON.number(flag.threshold), flag.unit, flag.message, flag.messageZh,
                    ])
            }
        }
        return out
    }
}

enum Markdown {
    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }

    /// A CSV field as every CSV file SchoolNet writes quotes it (``CSVField``).
    static func csvField(_ text: String) -> String { CSVField.text(text) }
}
