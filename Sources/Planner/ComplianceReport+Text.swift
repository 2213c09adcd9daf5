import InventoryModel

extension ComplianceReport {
    /// Human names of the metrics, with the plan's Chinese terms.
    static let metricLabels: [String: String] = [
        "school_connectivity_rate": "school connectivity (校校通)",
        "kindergarten_connectivity_rate": "kindergarten connectivity (园园通)",
        "class_display_rate": "classes with a display (班班通)",
        "bandwidth_compliance_rate": "schools meeting the bandwidth standard",
        "school_compliance_rate": "schools with no violation",
        "egress_gbps": "metro egress (城域网出口)",
        "cloud_storage_tb": "cloud storage (云存储)",
        "resource_library_tb": "resource library (资源库)",
        "hardware_value": "hardware value in service",
        "maintenance_budget": "maintenance budget a year (运维)",
        "replacement_budget": "replacement budget a year (更新)",
    ]

    static func show(_ value: Double?, unit: String) -> String {
        guard let value else { return "n/a" }
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
    public func table() -> String {
        var out = "SchoolNet compliance report as of \(asOf): \(schools.count) schools\n\n"
        out += "City against the plan\n"
        var rows = [["metric", "value", "target", ""]]
        for metric in metrics {
            rows.append([
                ComplianceReport.metricLabels[metric.name] ?? metric.name,
                ComplianceReport.show(metric.value, unit: metric.unit),
                metric.target.map { ComplianceReport.show($0, unit: metric.unit) } ?? "",
                metric.target == nil ? "" : metric.meetsTarget ? "ok" : "BELOW",
            ])
        }
        out += Columns.render(rows, indent: "  ")
        if !cityFlags.isEmpty {
            out += "\nCity flags\n"
            out += Columns.render(cityFlags.map { [$0.severity.rawValue, $0.rule.rawValue, $0.message] }, indent: "  ")
        }
        let flagged = schools.filter { !$0.flags.isEmpty }
        let violating = flagged.filter(\.hasViolation).count
        out += "\nSchools with flags: \(flagged.count) of \(schools.count) (\(violating) with violations)\n"
        out += Columns.render(
            schoolsByRule.map { [$0.rule.severity.rawValue, $0.rule.rawValue, "\($0.schools)"] }, indent: "  ")
        for (district, total, list) in flaggedByDistrict {
            out += "\n\(district): \(list.count) of \(total) schools flagged\n"
            var rows: [[String]] = []
            for school in list {
                for (index, flag) in school.flags.enumerated() {
                    rows.append([
                        index == 0 ? school.code : "", index == 0 ? school.name : "", flag.severity.rawValue,
                        flag.rule.rawValue, flag.message,
                    ])
                }
            }
            out += Columns.render(rows, indent: "  ")
        }
        return out
    }

    /// The Markdown form, for reports checked in or sent around.
    public func markdown() -> String {
        var out = "# Compliance report as of \(asOf)\n\n"
        out += "\(schools.count) schools judged against the plan (standards.md). "
        let flagged = schools.filter { !$0.flags.isEmpty }
        out += "\(flagged.count) have flags, \(flagged.filter(\.hasViolation).count) of them violations.\n\n"
        out += "## The city against the plan\n\n| metric | value | target | |\n|---|---:|---:|---|\n"
        for metric in metrics {
            let status = metric.target == nil ? "" : metric.meetsTarget ? "ok" : "**below**"
            out +=
                "| \(ComplianceReport.metricLabels[metric.name] ?? metric.name) | "
                + "\(ComplianceReport.show(metric.value, unit: metric.unit)) | "
                + "\(metric.target.map { ComplianceReport.show($0, unit: metric.unit) } ?? "") | \(status) |\n"
        }
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

/// Columns aligned for a terminal, counting CJK characters as two cells wide.
enum Columns {
    static func render(_ rows: [[String]], indent: String) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: columns)
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

    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v)
            return total + (wide ? 2 : 1)
        }
    }
}
