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
            throw InventoryReadError(issues: [
                InventoryIssue(file: file, message: "not valid YAML: \(error)")
            ])
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
        var seen: Set<String> = []
        walk(mapping, prefix: "", fields: fields, prefixes: prefixes, seen: &seen, plan: &plan, log: log)
        guard log.isEmpty else { throw InventoryReadError(issues: log.issues, omitted: log.omitted) }
        return plan
    }

    private static func walk(
        _ mapping: Node.Mapping, prefix: String, fields: [String: PlanField], prefixes: Set<String>,
        seen: inout Set<String>, plan: inout Plan, log: IssueLog
    ) {
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark.map { $0.line }
            guard let name = keyNode.string else {
                log.add(row: line, column: prefix.isEmpty ? nil : prefix, value: nil, "expected a text key")
                continue
            }
            let key = prefix.isEmpty ? name : prefix + "." + name
            guard seen.insert(key).inserted else {
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
