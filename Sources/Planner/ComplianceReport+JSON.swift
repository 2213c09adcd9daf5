extension ComplianceReport {
    /// The JSON form of standards.md section 3: every school with its figures and flags, then the
    /// city's flags, metrics and targets. Keys keep this order, so two reports diff line by line.
    public func json() -> String {
        var out = "{\n  \"as_of\": \"\(asOf)\",\n  \"schools\": ["
        for (index, school) in schools.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"code\": \(JSON.string(school.code)), \"name\": \(JSON.string(school.name)), "
            out += "\"district\": \(JSON.string(school.district)), \"kind\": \"\(school.kind.rawValue)\", "
            out += "\"classes\": \(school.classes), "
            out += "\"required_mbps\": \(JSON.number(school.requiredMbps)), "
            out += "\"contracted_mbps\": \(JSON.number(school.contractedMbps)), "
            out += "\"measured_mbps\": \(school.measuredMbps.map(JSON.number) ?? "null"), \"flags\": "
            out += JSON.flags(school.flags, indent: "      ")
            out += "}"
        }
        out += schools.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"city\": {\n    \"flags\": " + JSON.flags(cityFlags, indent: "      ") + ",\n"
        out += "    \"metrics\": {"
        out += metrics.map { "\(JSON.string($0.name)): \($0.value.map(JSON.number) ?? "null")" }.joined(separator: ", ")
        out += "},\n    \"targets\": {"
        out += metrics.compactMap { m in m.target.map { "\(JSON.string(m.name)): \(JSON.number($0))" } }
            .joined(separator: ", ")
        out += "}\n  }\n}\n"
        return out
    }
}

/// Writing JSON by hand: fixed key order, shortest exact numbers, fast for half a million schools.
enum JSON {
    static func flags(_ flags: [Flag], indent: String) -> String {
        guard !flags.isEmpty else { return "[]" }
        let items = flags.map { flag in
            var item = "{\"rule\": \"\(flag.rule.rawValue)\", \"severity\": \"\(flag.severity.rawValue)\", "
            item += "\"value\": \(number(flag.value)), \"threshold\": \(number(flag.threshold)), "
            item += "\"unit\": \(string(flag.unit)), "
            if let district = flag.district { item += "\"district\": \(string(district)), " }
            item += "\"message\": \(string(flag.message)), \"message_zh\": \(string(flag.messageZh))}"
            return indent + item
        }
        return "[\n" + items.joined(separator: ",\n") + "\n" + indent.dropLast(2) + "]"
    }

    /// A number as JSON: whole numbers without a fraction, others in their shortest exact form.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }

    /// A string as JSON, escaped.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
