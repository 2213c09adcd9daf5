import Foundation
import PacketCapture
import Yams

/// The probe agent's configuration (`Probes/agent.yaml`): which school, which interface, which
/// networks are the school's own and which are its class networks.
public struct AgentConfig: Sendable, Equatable {
    public var schoolCode = ""
    public var probeID = ""
    public var interface = ""
    /// The school's own networks: traffic from them is upstream, to them downstream.
    public var localPrefixes: [IPPrefix] = []
    public var classNetworks: [ClassNetwork] = []
    public var snapLength: Int32 = 128
    public var bufferMB: Int32 = 8
    public var filter = ""
    public var promiscuous = false
    /// Where `capture` appends its 5-minute samples (measurements.csv); empty: nowhere.
    public var samplesFile = ""
    /// The probe's outbox (SQLite), where every result is kept until the service has it.
    public var outbox = ""

    public init() {}

    /// The keys of the file, with what each takes.
    static let keys: [String: String] = [
        "school_code": "the school's code, as in schools.csv",
        "probe_id": "this probe's id",
        "interface": "the capture interface, e.g. eth1",
        "local_prefixes": "a list of the school's address prefixes, e.g. [10.12.0.0/16]",
        "class_networks": "a list of {name, prefix} or {name, vlan}",
        "capture": "a mapping with snap_length, buffer_mb, filter, promiscuous",
        "samples_file": "a path for the 5-minute samples (measurements.csv)",
        "outbox": "a path for the outbox (SQLite) that keeps every result until it is uploaded",
    ]

    /// Reads a configuration file; every problem is listed with its line.
    public static func read(file path: String) throws -> AgentConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CaptureError("\(path): cannot read: \(error.localizedDescription)")
        }
        return try read(yaml: text, file: path)
    }

    public static func read(yaml: String, file: String) throws -> AgentConfig {
        var config = AgentConfig()
        var problems: [String] = []
        func problem(_ node: Node?, _ key: String, _ message: String) {
            let line = node?.mark.map { " line \($0.line)" } ?? ""
            problems.append("\(file)\(line), key \(key): \(message)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw CaptureError("\(file): not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else { throw CaptureError("\(file): expected a mapping of keys") }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "school_code": config.schoolCode = value.string ?? ""
            case "probe_id": config.probeID = value.string ?? ""
            case "interface": config.interface = value.string ?? ""
            case "samples_file": config.samplesFile = value.string ?? ""
            case "outbox": config.outbox = value.string ?? ""
            case "local_prefixes":
                guard let items = value.sequence else {
                    problem(keyNode, key, "expected \(keys[key]!)")
                    continue
                }
                for item in items {
                    guard let text = item.string, let prefix = IPPrefix(text) else {
                        problem(item, key, "\"\(item.string ?? "?")\" is not an address prefix such as 10.12.0.0/16")
                        continue
                    }
                    config.localPrefixes.append(prefix)
                }
            case "class_networks":
                guard let items = value.sequence else {
                    problem(keyNode, key, "expected \(keys[key]!)")
                    continue
                }
                for item in items {
                    guard let network = classNetwork(item) else {
                        problem(item, key, "expected {name: ..., prefix: 10.12.1.0/24} or {name: ..., vlan: 1-4094}")
                        continue
                    }
                    config.classNetworks.append(network)
                }
            case "capture":
                guard let capture = value.mapping else {
                    problem(keyNode, key, "expected \(keys[key]!)")
                    continue
                }
                for (innerKey, innerValue) in capture {
                    switch innerKey.string ?? "" {
                    case "snap_length":
                        guard let n = innerValue.int, (68...65535).contains(n) else {
                            problem(innerKey, "capture.snap_length", "expected bytes between 68 and 65535")
                            continue
                        }
                        config.snapLength = Int32(n)
                    case "buffer_mb":
                        guard let n = innerValue.int, (1...1024).contains(n) else {
                            problem(innerKey, "capture.buffer_mb", "expected MB between 1 and 1024")
                            continue
                        }
                        config.bufferMB = Int32(n)
                    case "filter": config.filter = innerValue.string ?? ""
                    case "promiscuous":
                        guard let flag = innerValue.bool else {
                            problem(innerKey, "capture.promiscuous", "expected true or false")
                            continue
                        }
                        config.promiscuous = flag
                    default:
                        problem(
                            innerKey, "capture.\(innerKey.string ?? "")",
                            "unknown key (snap_length, buffer_mb, filter, promiscuous)")
                    }
                }
            default:
                problem(keyNode, key, "unknown key (known: \(keys.keys.sorted().joined(separator: ", ")))")
            }
        }
        if config.localPrefixes.isEmpty, problems.isEmpty {
            problems.append("\(file), key local_prefixes: at least one prefix is needed to tell download from upload")
        }
        guard problems.isEmpty else { throw CaptureError(problems.joined(separator: "\n")) }
        return config
    }

    /// A class network from `{name, prefix}` or `{name, vlan}`.
    static func classNetwork(_ node: Node) -> ClassNetwork? {
        guard let mapping = node.mapping, let name = mapping["name"]?.string, !name.isEmpty, mapping.count == 2
        else { return nil }
        if let text = mapping["prefix"]?.string, let prefix = IPPrefix(text) {
            return ClassNetwork(name: name, match: .prefix(prefix))
        }
        if let vlan = mapping["vlan"]?.int, (1...4094).contains(vlan) {
            return ClassNetwork(name: name, match: .vlan(UInt16(vlan)))
        }
        return nil
    }

    /// A class network from the command line: `NAME=PREFIX` or `NAME=vlan:ID`.
    public static func classNetwork(argument: String) -> ClassNetwork? {
        guard let equals = argument.lastIndex(of: "=") else { return nil }
        let name = String(argument[..<equals])
        let value = String(argument[argument.index(after: equals)...])
        guard !name.isEmpty else { return nil }
        if value.hasPrefix("vlan:"), let id = UInt16(value.dropFirst(5)), (1...4094).contains(id) {
            return ClassNetwork(name: name, match: .vlan(id))
        }
        return IPPrefix(value).map { ClassNetwork(name: name, match: .prefix($0)) }
    }
}
