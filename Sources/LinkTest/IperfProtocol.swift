import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The control states of iperf3's protocol, one signed byte each on the control connection.
enum IperfState: Int8 {
    case testStart = 1
    case testRunning = 2
    case testEnd = 4
    case paramExchange = 9
    case createStreams = 10
    case serverTerminate = 11
    case clientTerminate = 12
    case exchangeResults = 13
    case displayResults = 14
    case iperfStart = 15
    case iperfDone = 16
    case accessDenied = -1
    case serverError = -2
}

/// iperf3's wire format: a 37-byte cookie opens every connection; states are single bytes;
/// parameters and results are JSON preceded by their length as a 32-bit big-endian integer.
enum Iperf {
    static let cookieSize = 37
    /// Stream ids as iperf3 numbers them (2 is never used).
    static func streamID(_ index: Int) -> Int { index == 0 ? 1 : index + 2 }

    /// A fresh cookie: 36 characters of iperf3's alphabet and a NUL.
    static func makeCookie() -> [UInt8] {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
        return (0..<(cookieSize - 1)).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] } + [0]
    }

    static func send(_ state: IperfState, on socket: TCPSocket) throws {
        try socket.send([UInt8(bitPattern: state.rawValue)])
    }

    /// The next state; a byte that is no state is an error (a peer that is not iperf3).
    static func readState(from socket: TCPSocket) throws -> IperfState {
        let byte = try socket.receive(exactly: 1)[0]
        guard let state = IperfState(rawValue: Int8(bitPattern: byte)) else {
            throw LinkTestError("protocol error: \(byte) is not an iperf3 state")
        }
        return state
    }

    static func sendJSON(_ object: [String: Any], on socket: TCPSocket) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        var length = UInt32(data.count).bigEndian
        try withUnsafeBytes(of: &length) { try socket.send($0) }
        try socket.send([UInt8](data))
    }

    /// A JSON object, at most 1 MB (iperf3's results of 128 streams are a few kB).
    static func readJSON(from socket: TCPSocket) throws -> [String: Any] {
        let header = try socket.receive(exactly: 4)
        let length = Int(UInt32(header[0]) << 24 | UInt32(header[1]) << 16 | UInt32(header[2]) << 8 | UInt32(header[3]))
        guard length > 0, length <= 1 << 20 else {
            throw LinkTestError("protocol error: a JSON block of \(length) bytes")
        }
        let body = try socket.receive(exactly: length)
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw LinkTestError("protocol error: the peer's JSON does not parse")
        }
        return object
    }

    /// The results one side sends the other at the end of a test.
    static func results(
        cpu: CPUMeter.Usage, sender: Bool, congestion: String, streams: [(bytes: UInt64, retransmits: UInt32?)],
        seconds: Double
    ) -> [String: Any] {
        [
            "cpu_util_total": cpu.totalPercent, "cpu_util_user": cpu.userPercent, "cpu_util_system": cpu.systemPercent,
            "sender_has_retransmits": sender ? 1 : -1, "congestion_used": congestion,
            "streams": streams.enumerated().map { index, stream in
                [
                    "id": streamID(index), "bytes": stream.bytes,
                    "retransmits": sender ? Int(stream.retransmits ?? 0) : -1, "jitter": 0, "errors": 0, "packets": 0,
                    "start_time": 0, "end_time": seconds,
                ] as [String: Any]
            },
        ]
    }

    /// Bytes, retransmits and duration per stream of the peer's results.
    static func parseResults(_ object: [String: Any]) throws -> (
        streams: [(bytes: UInt64, retransmits: Int?)], seconds: Double, cpuPercent: Double?
    ) {
        guard let streams = object["streams"] as? [[String: Any]], !streams.isEmpty else {
            throw LinkTestError("protocol error: the peer's results have no streams")
        }
        var parsed: [(bytes: UInt64, retransmits: Int?)] = []
        var seconds = 0.0
        for stream in streams {
            guard let bytes = (stream["bytes"] as? NSNumber)?.uint64Value else {
                throw LinkTestError("protocol error: a stream of the peer's results has no bytes")
            }
            let retransmits = (stream["retransmits"] as? NSNumber)?.int64Value
            parsed.append((bytes, retransmits.flatMap { $0 >= 0 && $0 < Int64(Int32.max) ? Int($0) : nil }))
            seconds = max(seconds, (stream["end_time"] as? NSNumber)?.doubleValue ?? 0)
        }
        return (parsed, seconds, (object["cpu_util_total"] as? NSNumber)?.doubleValue)
    }
}

/// The process's CPU use over an interval, as iperf3 reports it (percent of one core).
struct CPUMeter {
    struct Usage {
        var totalPercent: Double
        var userPercent: Double
        var systemPercent: Double
    }

    private let start: (wall: Double, user: Double, system: Double)

    init() { start = CPUMeter.now() }

    func usage() -> Usage {
        let end = CPUMeter.now()
        let wall = max(end.wall - start.wall, 1e-9)
        let user = 100 * (end.user - start.user) / wall
        let system = 100 * (end.system - start.system) / wall
        return Usage(totalPercent: user + system, userPercent: user, systemPercent: system)
    }

    private static func now() -> (wall: Double, user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return (Date().timeIntervalSince1970, seconds(usage.ru_utime), seconds(usage.ru_stime))
    }
}
