import InventoryModel
import Yams

/// Reads and writes `plan.yaml`, driven by the table of keys in ``Plan/fields``.
public enum PlanFile {
    /// The file's name in an interchange folder.
    public static let name = "plan.yaml"

    /// Reads a plan: keys left out keep Dalian's default; an unknown key, a repeated key or a
    /// value of the wrong type is an issue naming the key and its line.
    public static func read(yaml: String, file: String = name) throws(InventoryReadError) -> Plan {
        let log = IssueLog(file: file)
        var plan = Plan()
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw InventoryReadError(issues: issues(of: error, in: yaml, file: file))
        }
        guard let root else { return plan }  // an empty file is the default plan
        guard let mapping = root.mapping else {
            throw InventoryReadError(issues: [
                InventoryIssue(file: file, message: "expected a mapping of plan keys at the top level")
            ])
        }
        let fields = Dictionary(uniqueKeysWithValues: Plan.fields.map { ($0.key, $0) })
        let prefixes = Set(
            Plan.fields.flatMap { field in
                let parts = field.key.split(separator: ".")
                return (1..<max(parts.count, 1)).map { parts[0..<$0].joined(separator: ".") }
            })
        var seen: [String: Int?] = [:]
        walk(mapping, prefix: "", fields: fields, prefixes: prefixes, seen: &seen, plan: &plan, log: log)
        if plan.schoolHoursEndMinute <= plan.schoolHoursStartMinute {
            // Hours that end before they start hold no sample: CONGESTED could never fire.
            func shown(_ key: String) -> String {
                guard case .text(let time) = fields[key]?.value(plan) else { return "" }
                return time
            }
            let key = seen["school_hours.end"] != nil ? "school_hours.end" : "school_hours.start"
            log.add(
                row: seen[key] ?? nil, column: key, value: shown(key),
                "school hours must end after they start (\(shown("school_hours.start")) to "
                    + "\(shown("school_hours.end")))")
        }
        guard log.isEmpty else { throw InventoryReadError(issues: log.issues, omitted: log.omitted) }
        return plan
    }

    /// A YAML error as issues a user can act on: the key and line for a key given twice, the
    /// line and the problem for the rest (Yams's own text repeats the whole mapping).
    private static func issues(of error: any Error, in yaml: String, file: String) -> [InventoryIssue] {
        switch error as? YamlError {
        case .duplicatedKeysInMapping(let duplicates, let context):
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            return duplicates.sorted().map { key in
                // The key's lines, found by their text: the composer reports the mapping's only.
                let places = lines.indices.filter { index in
                    let text = lines[index].drop { $0 == " " }
                    return text.hasPrefix(key + ":") || text.hasPrefix("\"" + key + "\":")
                }
                let shown = places.map { String($0 + 1) }.joined(separator: " and ")
                return InventoryIssue(
                    file: file, row: places.last.map { $0 + 1 } ?? context.mark.line, column: key, value: nil,
                    message: "the key is given twice" + (places.count > 1 ? " (lines \(shown))" : "") + "; keep one")
            }
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return [
                InventoryIssue(
                    file: file, row: mark.line, column: nil, value: nil, message: "not valid YAML: \(problem)")
            ]
        default:
            return [InventoryIssue(file: file, message: "not valid YAML: \(error)")]
        }
    }

    private static func walk(
        _ mapping: Node.Mapping, prefix: String, fields: [String: PlanField], prefixes: Set<String>,
        seen: inout [String: Int?], plan: inout Plan, log: IssueLog
    ) {
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark.map { $0.line }
            guard let name = keyNode.string else {
                log.add(row: line, column: prefix.isEmpty ? nil : prefix, value: nil, "expected a text key")
                continue
            }
            let key = prefix.isEmpty ? name : prefix + "." + name
            guard seen.updateValue(line, forKey: key) == nil else {
                log.add(row: line, column: key, value: nil, "the key is given twice")
                continue
            }
            if let field = fields[key] {
                let candidates = planValues(valueNode, list: field.isList)
                guard candidates.contains(where: { field.apply($0, to: &plan) }) else {
                    log.add(row: line, column: key, value: describe(valueNode), "expected \(field.expected)")
                    continue
                }
            } else if prefixes.contains(key) {
                guard let inner = valueNode.mapping else {
                    log.add(row: line, column: key, value: describe(valueNode), "expected a mapping of keys")
                    continue
                }
                walk(inner, prefix: key, fields: fields, prefixes: prefixes, seen: &seen, plan: &plan, log: log)
            } else {
                log.add(row: line, column: key, value: nil, "unknown plan key (known keys: \(PlanFile.nearKeys(key)))")
            }
        }
    }

    /// The readings of a YAML value a key may accept, most specific first: a plain `08:00` is
    /// both a YAML 1.1 number and a time of day, and the key decides which it takes.
    private static func planValues(_ node: Node, list: Bool) -> [PlanValue] {
        if list {
            guard let sequence = node.sequence else { return [] }
            var items: [String] = []
            for item in sequence {
                guard let text = item.scalar?.string else { return [] }
                items.append(text)
            }
            return [.list(items)]
        }
        guard let scalar = node.scalar else { return [] }
        // A quoted scalar is text even when it looks like a number.
        if scalar.style == .plain, let number = node.float, number.isFinite {
            return [.number(number), .text(scalar.string)]
        }
        return [.text(scalar.string)]
    }

    private static func describe(_ node: Node) -> String {
        if let scalar = node.scalar { return scalar.string }
        if node.sequence != nil { return "a list" }
        return "a mapping"
    }

    /// Known keys sharing the unknown key's section, to point at the likely typo.
    static func nearKeys(_ key: String) -> String {
        let section = key.split(separator: ".").first.map(String.init) ?? key
        let near = Plan.fields.map(\.key).filter { $0.hasPrefix(section + ".") || $0 == section }
        return (near.isEmpty ? Plan.fields.map { String($0.key.split(separator: ".")[0]) }.uniqued() : near)
            .joined(separator: ", ")
    }

    /// Writes every key of the plan, grouped by section, in the table's order.
    public static func write(_ plan: Plan) -> String {
        var out = "# SchoolNet plan: the targets a school and the city are judged against (standards.md).\n"
        out += "# A key left out takes Dalian's default; an unknown key is an error.\n"
        var open: [Substring] = []
        for field in Plan.fields {
            let parts = field.key.split(separator: ".")
            let sections = Array(parts.dropLast())
            var common = 0
            while common < min(open.count, sections.count), open[common] == sections[common] { common += 1 }
            for depth in common..<sections.count {
                out += String(repeating: "  ", count: depth) + sections[depth] + ":\n"
            }
            open = sections
            out += String(repeating: "  ", count: sections.count) + parts.last! + ": "
            switch field.value(plan) {
            case .number(let n): out += CSVFormatting.number(n)
            case .text(let t): out += "\"" + t + "\""
            case .list(let items): out += "[" + items.joined(separator: ", ") + "]"
            }
            out += "\n"
        }
        return out
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
