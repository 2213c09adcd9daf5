import Foundation
import PacketCapture
import Yams

extension AgentConfig {
    /// Reads a configuration from its YAML text; every problem is listed with its line.
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
            case "time_zone":
                guard let name = value.string, let zone = TimeZone(identifier: name) else {
                    problem(keyNode, key, "expected \(keys[key]!), not \"\(value.string ?? "?")\"")
                    continue
                }
                config.timeZone = zone
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
                    if network.isTooNarrow {
                        problem(item, key, narrowClassNetwork(network))
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
                            "unknown key (known: \(sectionKeys["capture"]!.joined(separator: ", ")))")
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
        case "service.interval_s":
            guard let n = value.int, (1...3600).contains(n) else { return "expected seconds, 1-3600" }
            uploadIntervalSeconds = n
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
            let section = String(key.prefix { $0 != "." })
            return "unknown key (known: \((Self.sectionKeys[section] ?? []).joined(separator: ", ")))"
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
}
