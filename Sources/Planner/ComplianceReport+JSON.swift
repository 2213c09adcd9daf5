extension ComplianceReport {
    /// The JSON form of standards.md section 3: every school with its figures and flags, then the
    /// city's flags, metrics and targets. Keys keep this order, so two reports diff line by line.
    public func json() -> String {
        String(decoding: jsonBytes(), as: UTF8.self)
    }

    /// The JSON form as UTF-8 bytes, built in one buffer.
    public func jsonBytes() -> [UInt8] {
        var out = JSONWriter()
        out.reserve(schools.count * 400)
        out.raw("{\n  \"as_of\": \"\(asOf)\",\n  \"schools\": [")
        for (index, school) in schools.enumerated() {
            out.raw(index == 0 ? "\n    {\"code\": " : ",\n    {\"code\": ")
            out.string(school.code)
            out.raw(", \"name\": ")
            out.string(school.name)
            out.raw(", \"district\": ")
            out.string(school.district)
            out.raw(", \"kind\": \"")
            out.raw(school.kind.rawValue)
            out.raw("\", \"classes\": ")
            out.raw(String(school.classes))
            out.raw(", \"required_mbps\": ")
            out.number(school.requiredMbps)
            out.raw(", \"contracted_mbps\": ")
            out.number(school.contractedMbps)
            out.raw(", \"measured_mbps\": ")
            if let measured = school.measuredMbps { out.number(measured) } else { out.raw("null") }
            out.raw(", \"flags\": ")
            out.flags(school.flags, indent: "      ")
            out.raw("}")
        }
        out.raw(schools.isEmpty ? "],\n" : "\n  ],\n")
        out.raw("  \"city\": {\n    \"flags\": ")
        out.flags(cityFlags, indent: "      ")
        out.raw(",\n    \"metrics\": {")
        for (index, metric) in metrics.enumerated() {
            if index > 0 { out.raw(", ") }
            out.string(metric.name)
            out.raw(": ")
            if let value = metric.value { out.number(value) } else { out.raw("null") }
        }
        out.raw("},\n    \"targets\": {")
        for (index, metric) in metrics.filter({ $0.target != nil }).enumerated() {
            if index > 0 { out.raw(", ") }
            out.string(metric.name)
            out.raw(": ")
            out.number(metric.target!)
        }
        out.raw("}\n  }\n}\n")
        return out.bytes
    }
}

/// Builds JSON into a byte buffer: fixed key order, shortest exact numbers.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func number(_ value: Double) { raw(JSON.number(value)) }

    /// A string, quoted and escaped; most strings need no escape and are copied whole.
    mutating func string(_ text: String) {
        bytes.append(0x22)
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(0x22)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    mutating func flags(_ flags: [Flag], indent: String) {
        guard !flags.isEmpty else { return raw("[]") }
        raw("[\n")
        for (index, flag) in flags.enumerated() {
            if index > 0 { raw(",\n") }
            raw(
                indent + "{\"rule\": \"" + flag.rule.rawValue + "\", \"severity\": \"" + flag.severity.rawValue
                    + "\", \"value\": ")
            number(flag.value)
            raw(", \"threshold\": ")
            number(flag.threshold)
            raw(", \"unit\": ")
            string(flag.unit)
            if let district = flag.district {
                raw(", \"district\": ")
                string(district)
            }
            raw(", \"message\": ")
            string(flag.message)
            raw(", \"message_zh\": ")
            string(flag.messageZh)
            raw("}")
        }
        raw("\n" + indent.dropLast(2) + "]")
    }
}

/// Numbers as JSON.
enum JSON {
    /// A number as JSON: whole numbers without a fraction, others in their shortest exact form.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}
