import ArgumentParser
import Foundation
import PacketCapture
import ProbeAgent
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
    /// The agent's throughput tests (`run`): the reflector, and when and how much to test.
    public var testServer = ""
    public var schedule = TestSchedule()
    public var testStreams = 1
    /// The service the outbox is uploaded to (`service`); empty url: results stay in the outbox.
    public var serviceURL = ""
    /// The file holding the probe's token (kept out of this file so it can be readable by the
    /// agent only).
    public var tokenFile = ""
    public var uploadBatch = 500
    public var maxBackoffSeconds = 300
    public var caFile = ""

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
        "tests": "a mapping with server, per_day, seconds, streams, monthly_cap_mb",
        "school_hours": "a mapping with days, start, end",
        "service": "a mapping with url, token_file, batch_size, max_backoff_s, ca_file",
    ]

    /// Reads a configuration file; every problem is listed with its line.
    public static func read(file path: String) throws -> AgentConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CaptureError(.configuration, "\(path): cannot read: \(error.localizedDescription)")
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
            throw CaptureError(.configuration, "\(file): not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else {
            throw CaptureError(.configuration, "\(file): expected a mapping of keys")
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "school_code": config.schoolCode = value.string ?? ""
            case "probe_id": config.probeID = value.string ?? ""
            case "interface": config.interface = value.string ?? ""
            case "samples_file": config.samplesFile = value.string ?? ""
            case "outbox": config.outbox = value.string ?? ""
            case "tests", "school_hours", "service":
                guard let inner = value.mapping else {
                    problem(keyNode, key, "expected \(keys[key]!)")
                    continue
                }
                var failed = false
                for (innerKey, innerValue) in inner {
                    let name = key + "." + (innerKey.string ?? "")
                    if let message = config.apply(name, innerValue) {
                        problem(innerKey, name, message)
                        failed = true
                    }
                }
                // Hours that end when or before they start leave no time to test, and the agent
                // would never test (the schedule finds no span) without saying why.
                let schedule = config.schedule
                if key == "school_hours", !failed, schedule.endMinute <= schedule.startMinute {
                    let endNode = inner.first { $0.key.string == "end" }?.key ?? keyNode
                    problem(
                        endNode, "school_hours.end",
                        "\(clock(schedule.endMinute)) is not after school_hours.start \(clock(schedule.startMinute))")
                }
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
        guard problems.isEmpty else { throw CaptureError(.configuration, problems.joined(separator: "\n")) }
        return config
    }

    /// A minute of the day as HH:MM.
    static func clock(_ minute: Int) -> String {
        let hours = String(minute / 60)
        let minutes = String(minute % 60)
        return String(repeating: "0", count: 2 - hours.count) + hours + ":"
            + String(repeating: "0", count: 2 - minutes.count) + minutes
    }

    /// The upload settings, when the file names a service; the token file must be readable.
    public func uploadSettings(file: String) throws -> UploadSettings? {
        guard !serviceURL.isEmpty else { return nil }
        guard !tokenFile.isEmpty else {
            throw ValidationError("\(file): service.token_file is needed with service.url")
        }
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            throw ValidationError("\(file): service.token_file \(tokenFile) cannot be read")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw ValidationError("\(file): service.token_file \(tokenFile) is empty") }
        var settings = UploadSettings(url: serviceURL, token: token)
        settings.batchSize = uploadBatch
        settings.maxBackoff = .seconds(maxBackoffSeconds)
        settings.caFile = caFile.isEmpty ? nil : caFile
        return settings
    }

    /// Sets a key of the `tests`, `school_hours` or `service` section; the problem in words, or nil.
    mutating func apply(_ key: String, _ value: Node) -> String? {
        func minute(_ text: String?) -> Int? {
            let parts = (text ?? "").split(separator: ":")
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h),
                (0...59).contains(m)
            else { return nil }
            return h * 60 + m
        }
        switch key {
        case "tests.server":
            guard let text = value.string, !text.isEmpty else { return "expected HOST or HOST:PORT" }
            testServer = text
        case "tests.per_day":
            guard let n = value.int, (0...96).contains(n) else { return "expected tests a school day, 0-96" }
            schedule.testsPerDay = n
        case "tests.seconds":
            guard let n = value.int, (1...600).contains(n) else { return "expected seconds, 1-600" }
            schedule.testSeconds = n
        case "tests.streams":
            guard let n = value.int, (1...128).contains(n) else { return "expected streams, 1-128" }
            testStreams = n
        case "tests.monthly_cap_mb":
            guard let n = value.int, n >= 0 else { return "expected MB a month (0: no cap)" }
            schedule.monthlyCapBytes = Int64(n) * 1_000_000
        case "service.url":
            guard let text = value.string, text.hasPrefix("http://") || text.hasPrefix("https://") else {
                return "expected the service's URL, http(s)://HOST[:PORT]"
            }
            serviceURL = text
        case "service.token_file":
            guard let text = value.string, !text.isEmpty else { return "expected the path of the token file" }
            tokenFile = text
        case "service.batch_size":
            guard let n = value.int, (1...10_000).contains(n) else { return "expected results a request, 1-10000" }
            uploadBatch = n
        case "service.max_backoff_s":
            guard let n = value.int, (1...86_400).contains(n) else { return "expected seconds, 1-86400" }
            maxBackoffSeconds = n
        case "service.ca_file":
            guard let text = value.string, !text.isEmpty else { return "expected the path of a PEM file" }
            caFile = text
        case "school_hours.days":
            let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            guard let items = value.sequence,
                let days = Optional(items.compactMap { $0.string.flatMap { names.firstIndex(of: $0.lowercased()) } }),
                days.count == items.count
            else { return "expected a list of weekdays such as [mon, tue, wed, thu, fri]" }
            schedule.schoolDays = Set(days.map { $0 + 1 })
        case "school_hours.start":
            guard let m = minute(value.string) else { return "expected a time of day HH:MM" }
            schedule.startMinute = m
        case "school_hours.end":
            guard let m = minute(value.string) else { return "expected a time of day HH:MM" }
            schedule.endMinute = m
        default:
            return "unknown key"
        }
        return nil
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
