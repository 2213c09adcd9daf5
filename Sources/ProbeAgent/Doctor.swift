import Foundation
import InventoryModel
import LinkTest
import PacketCapture

/// `schoolnet-probe doctor`: checks each step of the install guide on this machine, as the
/// agent would meet it, and names the fix for each one that fails. Nothing is sent but a look at
/// the service (`/healthz`, and `/v1/token`, which says whose a token is) and a connection to the
/// reflector; nothing is stored but a test write into the outbox that is rolled back.
public struct Doctor: Sendable {
    public let configFile: String
    /// How long to listen on the interface for the school's addresses.
    public let listenSeconds: Double

    public init(configFile: String, listenSeconds: Double = 5) {
        self.configFile = configFile
        self.listenSeconds = listenSeconds
    }

    /// Every step, in the guide's order; a step that needs one that failed is skipped.
    public func run() async -> [DoctorCheck] {
        let config: AgentConfig
        do {
            config = try AgentConfig.read(file: configFile)
        } catch {
            return [
                DoctorCheck(
                    .configuration, .failed, Phrase(zh: "\(error)", en: "\(error)"),
                    fix: Phrase(
                        zh: "按上面指出的行和键改正 \(configFile)（每个键的含义见 Probes/README.zh.md）",
                        en:
                            "correct the lines and keys named above in \(configFile) (Probes/README.md explains each key)"
                    ))
            ] + DoctorCheck.Step.allCases.dropFirst().map { Self.skipped($0) }
        }
        var checks = [
            DoctorCheck(
                .configuration, .passed,
                Phrase(
                    zh: "\(configFile) 可读，学校 \(config.schoolCode)",
                    en: "\(configFile) reads, school \(config.schoolCode)"))
        ]
        let interface = checkInterface(config)
        checks.append(interface)
        if interface.outcome == .failed {
            checks += [Self.skipped(.capture), Self.skipped(.prefixes)]
        } else {
            checks += checkCapture(config)
        }
        checks.append(checkOutbox(config))
        checks += await checkService(config)
        checks.append(checkReflector(config))
        return checks
    }

    static func skipped(_ step: DoctorCheck.Step) -> DoctorCheck {
        DoctorCheck(step, .skipped, Phrase(zh: "未检查：前面的步骤未通过", en: "not checked: a step before failed"))
    }

    /// The interface is there and up.
    func checkInterface(_ config: AgentConfig) -> DoctorCheck {
        let name = config.interface
        let others = NetworkInterface.names().filter { $0 != "lo" }.joined(separator: ", ")
        switch NetworkInterface.state(of: name) {
        case .up:
            return DoctorCheck(.interface, .passed, Phrase(zh: "\(name) 存在且已启用", en: "\(name) is there and up"))
        case .down:
            return DoctorCheck(
                .interface, .failed, Phrase(zh: "\(name) 未启用（down）", en: "\(name) is down"),
                fix: Phrase(
                    zh: "启用它：ip link set \(name) up，并检查网线或交换机镜像口",
                    en: "bring it up: ip link set \(name) up, and check the cable or the mirror port"))
        case .missing:
            return DoctorCheck(
                .interface, .failed,
                Phrase(
                    zh: "找不到网卡 \"\(name)\"；本机的网卡有：\(others.isEmpty ? "无" : others)",
                    en: "no interface \"\(name)\"; this machine has: \(others.isEmpty ? "none" : others)"),
                fix: Phrase(
                    zh: "把 \(configFile) 里的 interface 改成接学校出口（或其镜像口）的那块网卡（ip link 列出全部）",
                    en:
                        "set interface in \(configFile) to the one on the school's uplink or its mirror port (ip link lists them)"
                ))
        }
    }

    /// The capture opens, and within `listenSeconds` the school's own addresses pass by.
    func checkCapture(_ config: AgentConfig) -> [DoctorCheck] {
        let source: PacketSource
        do {
            var options = LiveOptions(interface: config.interface)
            options.snapLength = config.snapLength
            options.promiscuous = config.promiscuous
            source = try PacketSource.live(options)
            if !config.filter.isEmpty { try source.setFilter(config.filter) }
        } catch {
            return [
                DoctorCheck(
                    .capture, .failed, Phrase(zh: "\(error)", en: "\(error)"),
                    fix: Phrase(
                        zh: "以 root 运行，或给程序抓包权限：setcap cap_net_raw,cap_net_admin=eip $(command -v schoolnet-probe)；"
                            + "systemd 服务已自带这两项权限",
                        en: "run as root, or give the program the capture capabilities: setcap "
                            + "cap_net_raw,cap_net_admin=eip $(command -v schoolnet-probe); the systemd unit has both")),
                Self.skipped(.prefixes),
            ]
        }
        let captured = DoctorCheck(
            .capture, .passed,
            Phrase(zh: "可以在 \(config.interface) 上抓包", en: "packets can be captured on \(config.interface)"))
        // Packets from or to the school's prefixes (traffic inside the school counts too: a
        // mirror port shows it), and the networks of the other addresses, as a hint.
        var total = 0
        var school = 0
        var outside: [String: Int] = [:]
        let end = Date().addingTimeInterval(listenSeconds)
        while Date() < end {
            guard let next = try? source.next() else { break }
            guard case .packet(let packet) = next else { continue }
            total += 1
            let headers = PacketHeaders.parse(packet.bytes, linkType: source.linkType)
            let addresses = [headers.source, headers.destination].compactMap { $0 }
            let local = addresses.filter { address in config.localPrefixes.contains { $0.contains(address) } }
            if local.isEmpty {
                for address in addresses { outside[Self.network(of: address), default: 0] += 1 }
            } else {
                school += 1
            }
        }
        let seconds = Int(listenSeconds.rounded())
        let prefixes = config.localPrefixes.map(\.description).joined(separator: " ")
        if school > 0 {
            return [
                captured,
                DoctorCheck(
                    .prefixes, .passed,
                    Phrase(
                        zh: "\(seconds) 秒内见到 \(school) 个来自或发往 \(prefixes) 的包",
                        en: "\(school) packets from or to \(prefixes) in \(seconds) s")),
            ]
        }
        let busiest = outside.sorted { $0.value > $1.value }.prefix(3).map(\.key)
        let seen = busiest.isEmpty ? "-" : busiest.joined(separator: ", ")
        if total == 0 {
            return [
                captured,
                DoctorCheck(
                    .prefixes, .failed,
                    Phrase(
                        zh: "\(seconds) 秒内 \(config.interface) 上没有任何包",
                        en: "no packets at all on \(config.interface) in \(seconds) s"),
                    fix: Phrase(
                        zh: "确认这块网卡接的是学校出口或其镜像口，且此刻有流量（在校时间再查一次）",
                        en:
                            "make sure the interface is on the school's uplink or its mirror port and that traffic is passing (check again in school hours)"
                    )),
            ]
        }
        return [
            captured,
            DoctorCheck(
                .prefixes, .failed,
                Phrase(
                    zh: "\(seconds) 秒内见到 \(total) 个包，但没有一个来自或发往 \(prefixes)；最常见的地址段：\(seen)",
                    en: "\(total) packets in \(seconds) s, none from or to \(prefixes); seen most: \(seen)"),
                fix: Phrase(
                    zh: "把 \(configFile) 的 local_prefixes 改成学校自己的地址段",
                    en: "set local_prefixes in \(configFile) to the school's own address ranges")
            ),
        ]
    }

    /// An address's /24 (IPv4) or /48 (IPv6), as a hint at what local_prefixes should be.
    static func network(of address: IPAddress) -> String {
        if address.isIPv6 {
            return IPPrefix(IPPrefix.text(address) + "/48")?.description ?? IPPrefix.text(address)
        }
        return IPPrefix(IPPrefix.text(address) + "/24")?.description ?? IPPrefix.text(address)
    }

    /// The outbox opens (its folder made) and takes a write.
    func checkOutbox(_ config: AgentConfig) -> DoctorCheck {
        guard !config.outbox.isEmpty else {
            return DoctorCheck(
                .outbox, .failed, Phrase(zh: "没有设置 outbox", en: "no outbox is set"),
                fix: Phrase(
                    zh: "在 \(configFile) 里加上 outbox: /var/lib/schoolnet-probe/outbox.sqlite",
                    en: "add outbox: /var/lib/schoolnet-probe/outbox.sqlite to \(configFile)"))
        }
        do {
            guard let outbox = try config.openOutbox() else { throw CaptureError(.cannotWrite, config.outbox) }
            try outbox.checkWritable()
            let free =
                (try? FileManager.default.attributesOfFileSystem(forPath: outbox.path))?[.systemFreeSize] as? Int64
            let waiting = (try? outbox.count()) ?? 0
            if let free, free < 100_000_000 {
                return DoctorCheck(
                    .outbox, .failed,
                    Phrase(
                        zh: "\(config.outbox) 所在磁盘只剩 \(free / 1_000_000) MB",
                        en: "only \(free / 1_000_000) MB free where \(config.outbox) is"),
                    fix: Phrase(zh: "清理磁盘空间", en: "free some disk space"))
            }
            return DoctorCheck(
                .outbox, .passed,
                Phrase(
                    zh: "\(config.outbox) 可写，\(waiting) 条结果待上传",
                    en: "\(config.outbox) is writable, \(waiting) results waiting"))
        } catch {
            return DoctorCheck(
                .outbox, .failed, Phrase(zh: "\(error)", en: "\(error)"),
                fix: Phrase(
                    zh:
                        "让探针用户能写这个文件夹：install -d -o schoolnet-probe \((config.outbox as NSString).deletingLastPathComponent)",
                    en:
                        "let the probe's user write the folder: install -d -o schoolnet-probe \((config.outbox as NSString).deletingLastPathComponent)"
                ))
        }
    }

    /// The reflector accepts a connection.
    func checkReflector(_ config: AgentConfig) -> DoctorCheck {
        guard let server = ServerAddress(config.testServer) else {
            return DoctorCheck(
                .reflector, .skipped, Phrase(zh: "没有设置 tests.server", en: "no tests.server is set"))
        }
        do {
            try server.connect(timeout: 3)
            return DoctorCheck(
                .reflector, .passed,
                Phrase(zh: "\(config.testServer) 可以连接", en: "\(config.testServer) accepts a connection"))
        } catch {
            return DoctorCheck(
                .reflector, .failed,
                Phrase(zh: "连不上 \(config.testServer)：\(error)", en: "cannot connect to \(config.testServer): \(error)"),
                fix: Phrase(
                    zh: "检查 tests.server 的地址和端口，以及防火墙是否放行到该端口（默认 5201）的 TCP 连接",
                    en:
                        "check tests.server's host and port, and that the firewall lets TCP through to that port (5201 by default)"
                ))
        }
    }
}
