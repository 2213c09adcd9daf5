import Foundation
import Glibc
import Hummingbird
import InventoryFormat
import InventoryModel
import InventoryStoreSQLite
import Logging
import Synchronization
import TestSupport
import Testing

@testable import InventoryAPI

/// What a client holding a valid token tried, to hurt the service or another school, and what
/// it gets instead.
@Suite struct HostileClientTests {
    /// A life of 1e19 years or a rate of 1e22 Mbps is refused with the field and the range; the
    /// report still comes (before, the next report killed the service, after every restart).
    @Test func valuesNoNetworkHas() async throws {
        let fixture = try await Fixture()
        let asset = Fixture.sampleCity.assets[0].assetTag
        try await fixture.test { client in
            let life = try await client.send(
                .patch, "/v1/assets/\(asset)", token: fixture.admin, body: #"{"expected_life_years": 1e19}"#)
            #expect(life.status == 422 && life.errorField == "expected_life_years")
            let rate = try await client.send(
                .post, "/v1/measurements", token: fixture.probe,
                body: batch([measurementJSON(id: "big", school: fixture.probeSchool, mbps: "1e22")]))
            #expect(rate.status == 422 && rate.errorField == "measurements[0].mbps")
            let year = try await client.send(.get, "/v1/report?as_of=9999-12-31", token: fixture.planner)
            #expect(year.status == 400 && year.errorField == "as_of")
            #expect(try await client.send(.get, "/v1/report", token: fixture.planner).status == 200)
        }
    }

    /// A body naming a key twice is refused: the key check read the first `code`, the merge the
    /// last, and DL-ZS-0001's patch overwrote DL-ZS-0002.
    @Test func repeatedKeysInABody() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let patched = try await client.send(
                .patch, "/v1/schools/DL-ZS-0001", token: fixture.admin,
                body: #"{"code": "DL-ZS-0001", "code": "DL-ZS-0002", "name": "x"}"#)
            #expect(patched.status == 400 && patched.errorCode == "malformed_json")
            let other = try await client.send(.get, "/v1/schools/DL-ZS-0002", token: fixture.planner)
            #expect(other.json?["name"]?.text == Fixture.sampleCity.schools.first { $0.code == "DL-ZS-0002" }?.name)
        }
    }

    /// A NUL in a path's key is refused: `DL-ZS-0001%00x` deleted DL-ZS-0001 and all it had.
    @Test func controlCharactersInKeys() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let deleted = try await client.send(.delete, "/v1/schools/DL-ZS-0001%00x", token: fixture.admin)
            #expect(deleted.status == 400 && deleted.errorField == "code")
            #expect(try await client.send(.get, "/v1/schools/DL-ZS-0001", token: fixture.planner).status == 200)
            let posted = try await client.send(
                .post, "/v1/measurements", token: fixture.probe,
                body: batch([measurementJSON(id: #"nulid\u0000a"#, school: fixture.probeSchool)]))
            #expect(posted.status == 422 && posted.errorField == "measurements[0].id")
        }
        #expect(try await fixture.count(.schools) == Fixture.sampleCity.schools.count)
    }

    /// A NUL in a text field of a body is refused with the field: a school posted with the
    /// district `\u0000abc` was stored and read back from SQLite with no district at all.
    @Test func nulInTextFields() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let school =
                #"{"code": "DL-ZS-0999", "name": "新校", "district": "\u0000abc", "locality": "urban_core", "#
                + #""central": false, "kind": "primary"}"#
            let posted = try await client.send(.post, "/v1/schools", token: fixture.admin, body: school)
            #expect(posted.status == 422 && posted.errorField == "district")
            #expect(try await client.send(.get, "/v1/schools/DL-ZS-0999", token: fixture.planner).status == 404)
            let renamed = try await client.send(
                .patch, "/v1/schools/DL-ZS-0001", token: fixture.admin, body: #"{"name": "第一\u0000小学"}"#)
            #expect(renamed.status == 422 && renamed.errorField == "name")
            let kept = try await client.send(.get, "/v1/schools/DL-ZS-0001", token: fixture.planner)
            #expect(kept.json?["name"]?.text == Fixture.sampleCity.schools.first { $0.code == "DL-ZS-0001" }?.name)
            let imported = try await client.send(
                .post, "/v1/import/schools.csv", token: fixture.admin,
                body: "code,name,district,locality,central,kind\nDL-ZS-0998,x,\u{0}中山区,urban_core,false,primary\n")
            #expect(imported.status == 422 && imported.errorField == "schools.csv row 2, column district")
        }
        #expect(try await fixture.count(.schools) == Fixture.sampleCity.schools.count)
    }

    /// A required text of blanks alone (what OpenAPI's `pattern: \S` refuses) is refused as
    /// missing, and the record kept as it was.
    @Test func blanksAloneAreMissing() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            for name in [" ", "\t  "] {
                let renamed = try await client.send(
                    .patch, "/v1/schools/DL-ZS-0001", token: fixture.admin,
                    body: "{\"name\": \"\(name.replacingOccurrences(of: "\t", with: "\\t"))\"}")
                #expect(renamed.status == 422 && renamed.errorField == "name", "\(name)")
            }
            let kept = try await client.send(.get, "/v1/schools/DL-ZS-0001", token: fixture.planner)
            #expect(kept.json?["name"]?.text == Fixture.sampleCity.schools.first { $0.code == "DL-ZS-0001" }?.name)
        }
    }

    /// A probe of one school cannot take another school's result id: ids are unique within a
    /// school, so the other school's result with the same id is still stored.
    @Test func measurementIDsBelongToTheirSchool() async throws {
        let fixture = try await Fixture()
        let other = "DL-CH-0002"
        let id = "\(other)-P1-next-down"
        try await fixture.test { client in
            let squatted = try await client.send(
                .post, "/v1/measurements", token: fixture.probe,
                body: batch([measurementJSON(id: id, school: fixture.probeSchool)]))
            #expect(squatted.json?["inserted"]?.number == 1)
            let real = try await client.send(
                .post, "/v1/measurements", token: fixture.admin, body: batch([measurementJSON(id: id, school: other)]))
            #expect(real.json?["inserted"]?.number == 1 && real.json?["duplicates"]?.number == 0)
            let listed = try await client.send(
                .get, "/v1/measurements?school_code=\(other)&limit=10000", token: fixture.planner)
            #expect(listed.json?["results"]?.items.contains { $0["id"]?.text == id } == true)
        }
    }

    /// Reports of many past days are computed, and the service keeps only a few of them.
    @Test func reportCacheIsBounded() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            for day in 1...12 {
                let reply = try await client.send(
                    .get, "/v1/report?as_of=2026-10-\(day < 10 ? "0" : "")\(day)", token: fixture.planner)
                #expect(reply.status == 200)
            }
        }
        #expect(fixture.service.cachedReportCount == CacheState.reportsKept)
    }

    /// A change another process makes to the database (a command-line import) is seen by the
    /// next request: the service reported the old city until it was restarted.
    @Test func changesByAnotherProcess() async throws {
        let path = Programs.temporaryPath(".sqlite")
        let store = try SQLiteInventoryStore(path: path)
        try await store.replaceInventory(with: Fixture.sampleCity, measurements: .replace, progress: nil)
        let made = TokenIssuer.make(name: "planner", scope: .planner, schoolCode: nil)
        try await store.addToken(made.token, sha256: made.sha256)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let service = InventoryService(store: store, logger: logger)
        let fixture = try await Fixture(service: service, planner: made.secret)
        var smaller = Fixture.sampleCity
        let gone = smaller.schools.removeLast().code
        smaller.links.removeAll { $0.schoolCode == gone }
        smaller.assets.removeAll { $0.schoolCode == gone }
        smaller.measurements.removeAll { $0.schoolCode == gone }
        let city = smaller
        try await fixture.test { client in
            let before = try await client.send(.get, "/v1/report", token: made.secret)
            #expect(before.json?["schools"]?.items.count == Fixture.sampleCity.schools.count)
            // Another connection to the file, as another process would open it.
            let elsewhere = try SQLiteInventoryStore(path: path)
            try await elsewhere.replaceInventory(with: city, measurements: .keep, progress: nil)
            let after = try await client.send(.get, "/v1/report", token: made.secret)
            #expect(after.json?["schools"]?.items.count == Fixture.sampleCity.schools.count - 1)
        }
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the database is readable by its owner only")
    }

    /// Importing a whole city keeps the results the probes uploaded since it was exported;
    /// `measurements=replace` replaces them.
    @Test func importKeepsUploads() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            let export = try await client.send(.get, "/v1/export", token: fixture.planner)
            let uploaded = try await client.send(
                .post, "/v1/measurements", token: fixture.probe,
                body: batch([measurementJSON(id: "after-export", school: fixture.probeSchool)]))
            #expect(uploaded.json?["inserted"]?.number == 1)
            let kept = try await client.send(.post, "/v1/import", token: fixture.admin, bytes: export.body)
            #expect(kept.status == 200)
            #expect(try await fixture.count(.measurements) == Fixture.sampleCity.measurements.count + 1)
            let replaced = try await client.send(
                .post, "/v1/import?measurements=replace", token: fixture.admin, bytes: export.body)
            #expect(replaced.status == 200)
            #expect(try await fixture.count(.measurements) == Fixture.sampleCity.measurements.count)
        }
    }

    /// The metrics name no school or token to a client without a reader's token.
    @Test func metricsNameNobodyToStrangers() async throws {
        let fixture = try await Fixture()
        try await fixture.test { client in
            _ = try await client.send(
                .post, "/v1/measurements", token: fixture.probe,
                body: batch([measurementJSON(id: "m-1", school: fixture.probeSchool)]),
                headers: ["X-Outbox-Depth": "7"])
            let open = String(decoding: try await client.send(.get, "/metrics", token: nil).body, as: UTF8.self)
            #expect(!open.contains(fixture.probeSchool) && !open.contains("token="))
            #expect(open.contains("schoolnet_measurements_ingested_total 1"))
            let named = String(
                decoding: try await client.send(.get, "/metrics", token: fixture.planner).body, as: UTF8.self)
            #expect(named.contains(#"school="\#(fixture.probeSchool)""#))
            #expect(try await client.send(.get, "/metrics", token: "not-a-token").status == 401)
        }
    }
}

/// The listening service against a client that holds a connection open.
@Suite struct SlowClientTests {
    /// A client that sends a request head a byte at a time, a byte every 300 ms, is cut off
    /// once the idle deadline passes without a whole head; before, it held its connection as
    /// long as it liked.
    @Test func tricklingClientIsCutOff() async throws {
        let fixture = try await Fixture()
        let port = Mutex<Int?>(nil)
        let app = try fixture.service.application(
            ListenOptions(host: "127.0.0.1", port: 0, idleTimeout: .seconds(1))
        ) { bound in port.withLock { $0 = bound } }
        let running = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { running.cancel() }
        var listening: Int?
        for _ in 0..<200 where listening == nil {
            try await Task.sleep(for: .milliseconds(20))
            listening = port.withLock { $0 }
        }
        let bound = try #require(listening)
        let socket = try #require(TrickleSocket(port: bound))
        defer { socket.close() }
        let started = ContinuousClock.now
        var closed = false
        for byte in Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8) + Array(repeating: 0x61, count: 100) {
            guard socket.send(byte) else {
                closed = true
                break
            }
            if socket.closedByPeer(waiting: .milliseconds(300)) {
                closed = true
                break
            }
        }
        #expect(closed, "the connection outlived 100 bytes at 300 ms each")
        #expect(ContinuousClock.now - started < .seconds(20))
    }
}

/// A plain TCP client of the C socket API, to send one byte at a time.
struct TrickleSocket {
    let descriptor: Int32

    init?(port: Int) {
        descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
    }

    /// Sends one byte; false when the peer has closed the connection.
    func send(_ byte: UInt8) -> Bool {
        var value = byte
        return Glibc.send(descriptor, &value, 1, Int32(MSG_NOSIGNAL)) == 1
    }

    /// Whether the peer closes the connection within `wait` (reads and drops what it sends).
    func closedByPeer(waiting wait: Duration) -> Bool {
        var poll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)
        guard Glibc.poll(&poll, 1, milliseconds) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        return Glibc.recv(descriptor, &buffer, buffer.count, 0) <= 0
    }

    func close() { _ = Glibc.close(descriptor) }
}
