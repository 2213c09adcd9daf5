import Foundation
import PacketCapture

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
    /// Seconds between the uploader's looks at the outbox (and, after a refused token, at the
    /// token file).
    public var uploadIntervalSeconds = 30
    public var caFile = ""
    /// The school's time zone: school hours are its local time, and results carry its offset,
    /// whatever the machine's clock is set to.
    public var timeZone = AgentConfig.planTimeZone

    /// The plan's time zone (standards.md): Beijing time.
    public static let planTimeZone = TimeZone(identifier: "Asia/Shanghai")!

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
        "time_zone": "an IANA time zone name such as Asia/Shanghai (the default)",
        "service": "a mapping with url, token_file, batch_size, interval_s, max_backoff_s, ca_file",
    ]

    /// The keys of each section, as `Probes/README.md` lists them (a test holds the two together).
    static let sectionKeys: [String: [String]] = [
        "capture": ["snap_length", "buffer_mb", "filter", "promiscuous"],
        "tests": ["server", "per_day", "seconds", "streams", "monthly_cap_mb"],
        "school_hours": ["days", "start", "end"],
        "service": ["url", "token_file", "batch_size", "interval_s", "max_backoff_s", "ca_file"],
    ]

    /// Whether `section.key` is a key of the file.
    static func knows(_ key: String) -> Bool {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        return parts.count == 2 && sectionKeys[parts[0]]?.contains(parts[1]) == true
    }

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

    /// The upload settings, when the file names a service; the token file must be readable.
    public func uploadSettings(file: String) throws -> UploadSettings? {
        guard !serviceURL.isEmpty else { return nil }
        guard !tokenFile.isEmpty else {
            throw CaptureError(.configuration, "\(file): service.token_file is needed with service.url")
        }
        var settings = UploadSettings(url: serviceURL, token: try readToken(file: file))
        settings.batchSize = uploadBatch
        settings.maxBackoff = .seconds(maxBackoffSeconds)
        settings.caFile = caFile.isEmpty ? nil : caFile
        return settings
    }

    /// The probe token, read from `service.token_file` (spaces and line ends around it dropped).
    public func readToken(file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            throw CaptureError(
                .configuration, "\(file): service.token_file \(tokenFile) cannot be read (missing, or not readable)")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw CaptureError(.configuration, "\(file): service.token_file \(tokenFile) is empty")
        }
        return token
    }

    /// Why a class network narrower than the minimum is refused, in words.
    public static func narrowClassNetwork(_ network: ClassNetwork) -> String {
        "\(network.name): a class network needs at least \(ClassNetwork.minimumAddresses) addresses (/29, or /125 "
            + "in IPv6), so that no single machine is ever reported by name"
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
