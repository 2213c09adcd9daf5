import AsyncHTTPClient
import Foundation
import InventoryFormat
import InventoryModel
import NIOCore
import NIOSSL
import PacketCapture

extension Doctor {
    /// What a GET to the service gave: the status, the JSON body and the server's clock.
    struct Answer {
        var status: Int
        var body: JSONValue?
        var date: Date?
    }

    /// The service's checks: reachable, the token accepted for this school, the time zone the
    /// same as the city's, the clock within a minute of the service's.
    func checkService(_ config: AgentConfig) async -> [DoctorCheck] {
        guard !config.serviceURL.isEmpty else {
            let none = Phrase(zh: "没有 service 段：结果只留在发件箱", en: "no service section: results stay in the outbox")
            return [
                DoctorCheck(.service, .skipped, none), DoctorCheck(.token, .skipped, none),
                DoctorCheck(
                    .timeZone, .passed, Phrase(zh: config.timeZone.identifier, en: config.timeZone.identifier)),
                DoctorCheck(.clock, .skipped, none),
            ]
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        if !config.caFile.isEmpty { tls.trustRoots = .file(config.caFile) }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        defer { _ = client.shutdown() }
        let base = config.serviceURL.hasSuffix("/") ? String(config.serviceURL.dropLast()) : config.serviceURL

        let health: Answer
        do {
            health = try await get(client, base + "/healthz", token: nil)
            guard health.status == 200 else {
                throw CaptureError(.interface, "HTTP \(health.status) from \(base)/healthz")
            }
        } catch {
            let unreached = Phrase(zh: "平台服务连不上", en: "the service cannot be reached")
            return [
                DoctorCheck(
                    .service, .failed,
                    Phrase(zh: "连不上 \(base)：\(error)", en: "cannot reach \(base): \(error)"),
                    fix: Phrase(
                        zh: "检查 service.url、域名解析和防火墙（curl \(base)/healthz 应返回 {\"status\":\"ok\"}）；"
                            + "证书是本市自建 CA 签发的，就在 service.ca_file 写上 CA 的 PEM 文件",
                        en:
                            "check service.url, DNS and the firewall (curl \(base)/healthz should say {\"status\":\"ok\"}); "
                            + "when the certificate is from the city's own CA, set service.ca_file to its PEM file")),
                DoctorCheck(.token, .skipped, unreached),
                DoctorCheck(
                    .timeZone, .passed,
                    Phrase(
                        zh: "\(config.timeZone.identifier)（未与平台比对）",
                        en: "\(config.timeZone.identifier) (not compared with the service's)")),
                DoctorCheck(.clock, .skipped, unreached),
            ]
        }
        var checks = [
            DoctorCheck(.service, .passed, Phrase(zh: "\(base) 可以访问", en: "\(base) answers"))
        ]
        checks.append(await checkToken(config, client: client, base: base))
        checks.append(Self.checkTimeZone(config, cityZone: health.body?["time_zone"].flatMap(\.text)))
        checks.append(Self.checkClock(serviceDate: health.date))
        return checks
    }

    /// The token file reads, the service knows the token, and it is a probe token of this school.
    func checkToken(_ config: AgentConfig, client: HTTPClient, base: String) async -> DoctorCheck {
        let askForToken = Phrase(
            zh: "请本市 SchoolNet 管理员签发本校的探针令牌（schoolnet tokens create --scope probe --school \(config.schoolCode)），"
                + "写进 \(config.tokenFile)",
            en: "ask the city's SchoolNet administrator for a probe token of this school (schoolnet tokens create "
                + "--scope probe --school \(config.schoolCode)) and put it in \(config.tokenFile)")
        let token: String
        do {
            token = try config.readToken(file: configFile)
        } catch {
            return DoctorCheck(.token, .failed, Phrase(zh: "\(error)", en: "\(error)"), fix: askForToken)
        }
        let answer: Answer
        do {
            answer = try await get(client, base + "/v1/token", token: token)
        } catch {
            return DoctorCheck(
                .token, .failed, Phrase(zh: "无法核对令牌：\(error)", en: "the token could not be checked: \(error)"))
        }
        guard answer.status == 200 else {
            let message = answer.body?["error"]?["message"].flatMap(\.text) ?? ""
            return DoctorCheck(
                .token, .failed,
                Phrase(
                    zh: "平台拒绝了这个令牌（HTTP \(answer.status) \(message)）",
                    en: "the service refused the token (HTTP \(answer.status) \(message))"),
                fix: askForToken)
        }
        let scope = answer.body?["scope"].flatMap(\.text) ?? ""
        let school = answer.body?["school_code"].flatMap(\.text) ?? ""
        if scope == "probe", school == config.schoolCode {
            if answer.body?["school_known"] == .bool(false) {
                return DoctorCheck(
                    .token, .failed,
                    Phrase(zh: "平台的学校名录里没有 \(school)", en: "the service's city has no school \(school)"),
                    fix: Phrase(
                        zh: "核对 school_code 与本市 schools.csv 是否一致",
                        en: "check school_code against the city's schools.csv"))
            }
            var check = DoctorCheck(
                .token, .passed,
                Phrase(zh: "令牌有效，可写入学校 \(school) 的数据", en: "accepted: it writes school \(school)'s results"))
            if let mode = try? FileManager.default.attributesOfItem(atPath: config.tokenFile)[.posixPermissions]
                as? Int,
                mode & 0o004 != 0
            {
                check.outcome = .warning
                check.fix = Phrase(
                    zh: "令牌文件所有人可读：chmod 640 \(config.tokenFile)",
                    en: "the token file is readable by everyone: chmod 640 \(config.tokenFile)")
            }
            return check
        }
        if scope == "probe" {
            return DoctorCheck(
                .token, .failed,
                Phrase(
                    zh: "这是学校 \(school) 的令牌，而 agent.yaml 写的是 \(config.schoolCode)",
                    en: "this token is school \(school)'s, but agent.yaml says \(config.schoolCode)"),
                fix: askForToken)
        }
        return DoctorCheck(
            .token, .failed,
            Phrase(zh: "这是 \(scope) 权限的令牌，不是探针令牌", en: "this is a token of scope \(scope), not a probe token"),
            fix: askForToken)
    }

    /// The agent's time zone is the city's: school hours and results' local times agree.
    static func checkTimeZone(_ config: AgentConfig, cityZone: String?) -> DoctorCheck {
        let mine = config.timeZone.identifier
        guard let cityZone, let city = TimeZone(identifier: cityZone) else {
            return DoctorCheck(.timeZone, .passed, Phrase(zh: mine, en: mine))
        }
        let now = Date()
        guard city.secondsFromGMT(for: now) != config.timeZone.secondsFromGMT(for: now) else {
            return DoctorCheck(
                .timeZone, .passed, Phrase(zh: "\(mine)，与平台一致", en: "\(mine), as the city's"))
        }
        let start = AgentConfig.clock(config.schedule.startMinute)
        let end = AgentConfig.clock(config.schedule.endMinute)
        return DoctorCheck(
            .timeZone, .failed,
            Phrase(
                zh: "agent.yaml 的 time_zone 是 \(mine)，本市是 \(cityZone)：上课时间 \(start)-\(end) 会按错的时间测速",
                en:
                    "time_zone is \(mine) but the city's is \(cityZone): tests in school hours \(start)-\(end) would run at the wrong hours"
            ),
            fix: Phrase(zh: "把 time_zone 改成 \(cityZone)（或删掉这一行）", en: "set time_zone: \(cityZone) (or remove the line)")
        )
    }

    /// This machine's clock is within a minute of the service's (an HTTP Date is to the second).
    static func checkClock(serviceDate: Date?) -> DoctorCheck {
        guard let serviceDate else {
            return DoctorCheck(
                .clock, .skipped, Phrase(zh: "平台没有给出时间", en: "the service sent no Date to compare with"))
        }
        let skew = Date().timeIntervalSince(serviceDate)
        let seconds = Int(skew.rounded())
        guard abs(skew) > 60 else {
            return DoctorCheck(
                .clock, .passed, Phrase(zh: "与平台相差 \(seconds) 秒", en: "within \(seconds) s of the service's"))
        }
        return DoctorCheck(
            .clock, .failed,
            Phrase(
                zh: "本机时钟比平台\(skew > 0 ? "快" : "慢") \(abs(seconds)) 秒",
                en: "this machine's clock is \(abs(seconds)) s \(skew > 0 ? "ahead of" : "behind") the service's"),
            fix: Phrase(
                zh: "打开网络校时：timedatectl set-ntp true（或安装 chrony）",
                en: "turn on network time: timedatectl set-ntp true (or install chrony)"))
    }

    /// A GET, its JSON body and the server's clock.
    func get(_ client: HTTPClient, _ url: String, token: String?) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let date = response.headers.first(name: "Date").flatMap(Self.httpDate)
        return Answer(
            status: Int(response.status.code), body: try? JSONValue.parse(bytes.readableBytesView), date: date)
    }

    /// An HTTP date (`Thu, 03 Dec 2026 08:00:00 GMT`).
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
