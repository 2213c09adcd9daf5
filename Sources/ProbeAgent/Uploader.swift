import AsyncHTTPClient
import Foundation
import InventoryFormat
import InventoryModel
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// Where and how the probe sends its outbox.
public struct UploadSettings: Sendable {
    /// The service's base URL, e.g. `https://schoolnet.example.edu.cn`.
    public var url: String
    /// The probe token (`schoolnet tokens create --scope probe --school CODE`).
    public var token: String
    /// Results a request carries.
    public var batchSize = 500
    /// The longest wait between attempts while the service cannot be reached.
    public var maxBackoff: Duration = .seconds(300)
    /// The first wait after a failure; it doubles up to `maxBackoff`.
    public var firstBackoff: Duration = .seconds(1)
    /// A PEM file of the CA that signed the service's certificate, when it is not a public one.
    public var caFile: String?
    /// How long one request may take.
    public var timeout: Duration = .seconds(60)

    public init(url: String, token: String) {
        self.url = url
        self.token = token
    }
}

/// Sends the outbox to the service in batches and deletes only what the service confirmed.
///
/// A batch is confirmed by a 200, which the service gives after its transaction committed;
/// every result is sent with its own id, and the service ignores an id it holds, so a batch sent
/// twice (after a lost response, a crash between the 200 and the delete) is stored once. A result
/// the service refuses as invalid (422 naming it) is moved to the outbox's rejected table and the
/// rest go on. A refused token (401, 403) stops the uploads: trying again cannot help, and a
/// person must give the probe a valid token; the outbox keeps everything meanwhile. Anything else
/// (no connection, 5xx, 429) keeps the outbox as it is and is tried again after a wait that
/// doubles up to `maxBackoff`, with full jitter so that a city's probes do not come back all at
/// once after an outage. Every answer is noted in the outbox for `schoolnet-probe status`.
public final class Uploader: Sendable {
    let outbox: Outbox
    let settings: UploadSettings
    private let client: HTTPClient
    private let logger: Logger
    private let currentToken: Mutex<String>

    public init(outbox: Outbox, settings: UploadSettings, logger: Logger) throws {
        self.outbox = outbox
        self.settings = settings
        self.logger = logger
        currentToken = Mutex(settings.token)
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = settings.caFile { tls.trustRoots = .file(ca) }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(Int64(settings.timeout.components.seconds)))
        // A refused connection fails the attempt at once, so the uploader's own backoff (with
        // jitter, logged) decides when to try again, not the client's pool.
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// What one attempt at a batch gave.
    public enum Outcome: Sendable, Equatable {
        /// The batch was confirmed (and deleted); `inserted` were new to the service.
        case sent(count: Int, inserted: Int)
        /// One result was refused and set aside.
        case rejected(id: String)
        /// Nothing to send.
        case empty
        /// The service could not take it now; try later.
        case failed(String)
        /// The service refused the token (401, 403): no use trying again with it.
        case refused(String)
    }

    /// The token the uploads send.
    public var token: String { currentToken.withLock { $0 } }

    /// Sends `token` from now on (a new one put in the token file).
    public func replaceToken(_ token: String) {
        currentToken.withLock { $0 = token }
    }

    /// Sends the oldest batch of the outbox.
    public func sendBatch() async -> Outcome {
        let batch: [ProbeMeasurement]
        do {
            batch = try outbox.oldest(settings.batchSize)
        } catch {
            return .failed("the outbox cannot be read: \(error)")
        }
        guard !batch.isEmpty else { return .empty }
        var request = HTTPClientRequest(url: settings.url.trimmingSuffix("/") + "/v1/measurements")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Outbox-Depth", value: String((try? outbox.count()) ?? batch.count))
        request.body = .bytes(ByteBuffer(bytes: MeasurementsFile.jsonBatch(batch)))
        let status: Int
        let body: JSONValue?
        do {
            let response = try await client.execute(request, timeout: .seconds(settings.timeout.components.seconds))
            status = Int(response.status.code)
            let bytes = try await response.body.collect(upTo: 1 << 20)
            body = try? JSONValue.parse(bytes.readableBytesView)
        } catch {
            return .failed("the service cannot be reached: \(error)")
        }
        switch status {
        case 200:
            do {
                try outbox.remove(ids: batch.map(\.id))
            } catch {
                return .failed("the outbox cannot be written: \(error)")
            }
            let inserted = body?["inserted"].flatMap { if case .number(let n) = $0 { Int(n) } else { nil } }
            return .sent(count: batch.count, inserted: inserted ?? 0)
        case 422:
            // The service names the result at fault: measurements[i].field.
            let error = body?["error"]
            if case .string(let field)? = error?["field"], let index = Self.index(in: field), index < batch.count {
                var reason = field
                if case .string(let message)? = error?["message"] { reason += ": " + message }
                do {
                    try outbox.reject(id: batch[index].id, reason: reason)
                } catch {
                    return .failed("the outbox cannot be written: \(error)")
                }
                logger.warning(
                    "upload: the service refused result \(batch[index].id) (\(reason)); set aside in the outbox")
                return .rejected(id: batch[index].id)
            }
            return .failed("the service refused the batch (422) without naming a result")
        default:
            var reason = "HTTP \(status)"
            if case .string(let message)? = body?["error"]?["message"] { reason += ": " + message }
            if status == 401 || status == 403 { return .refused("the service refused the token: \(reason)") }
            return .failed("the service did not take the batch: \(reason)")
        }
    }

    /// What a drain did: the results sent, and the service's refusal of the token when that
    /// stopped it.
    public struct DrainResult: Sendable, Equatable {
        public var sent = 0
        public var refusal: String?
    }

    /// Sends batches until the outbox is empty, waiting and trying again while the service
    /// cannot take them; stops early when `shouldStop` says so, when `deadline` passes, or when
    /// the service refuses the token. Each answer is logged and noted in the outbox.
    public func drain(until deadline: ContinuousClock.Instant? = nil, shouldStop: @Sendable () -> Bool = { false })
        async -> DrainResult
    {
        var result = DrainResult()
        var backoff = settings.firstBackoff
        while !shouldStop() {
            if let deadline, ContinuousClock.now >= deadline { break }
            let outcome = await sendBatch()
            let left = (try? outbox.count()) ?? 0
            switch outcome {
            case .empty: return result
            case .sent(let count, let inserted):
                result.sent += count
                backoff = settings.firstBackoff
                note(ok: true, "sent \(count) results (\(inserted) new), \(left) left in the outbox")
            case .rejected: continue
            case .refused(let reason):
                note(ok: false, reason)
                let line =
                    "upload stopped: \(reason). Nothing is lost: \(left) results wait in the outbox. Put a valid "
                    + "probe token of this school in service.token_file; uploads resume once it is there."
                logger.error("\(line)")
                result.refusal = reason
                return result
            case .failed(let reason):
                var wait = backoff * Double.random(in: 0.5...1.0)
                if let deadline { wait = min(wait, max(deadline - ContinuousClock.now, .zero)) }
                note(ok: false, reason)
                logger.warning("upload: \(reason); trying again in \(Self.seconds(wait)) s (\(left) results wait)")
                try? await Self.sleep(wait, shouldStop: shouldStop)
                backoff = min(backoff * 2, settings.maxBackoff)
            }
        }
        return result
    }

    /// Logs a sent batch and notes the answer for `status`.
    private func note(ok: Bool, _ detail: String) {
        if ok { logger.info("upload: \(detail)") }
        try? outbox.note(AgentEvent(.upload, ok: ok, detail: detail))
    }

    /// Closes the HTTP client.
    public func shutdown() async {
        try? await client.shutdown()
    }

    static func index(in field: String) -> Int? {
        guard field.hasPrefix("measurements["), let close = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: 13)..<close])
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }

    /// Sleeps in short steps so that a stop is noticed within a quarter second.
    public static func sleep(_ duration: Duration, shouldStop: @Sendable () -> Bool) async throws {
        let end = ContinuousClock.now + duration
        while ContinuousClock.now < end, !shouldStop() {
            try await Task.sleep(for: min(.milliseconds(250), end - ContinuousClock.now))
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
