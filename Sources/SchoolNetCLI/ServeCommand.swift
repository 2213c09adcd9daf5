import ArgumentParser
import Foundation
import Hummingbird
import InventoryAPI
import InventoryFormat
import InventoryModel
import InventoryStores
import Logging
import Yams

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the inventory service: the HTTP API /v1, /openapi.json, /metrics, /healthz.",
        discussion: """
            Settings come from the flags, else the environment (SCHOOLNET_HOST, SCHOOLNET_PORT, SCHOOLNET_DB, \
            SCHOOLNET_TLS_CERTIFICATE, SCHOOLNET_TLS_KEY, SCHOOLNET_SEED, SCHOOLNET_LOG_LEVEL), else a YAML \
            file given with --config (keys host, port, db, tls_certificate, tls_key, seed, log_level), else \
            the defaults. An empty database is loaded from the seed folder (Inventory/sample-city) first. \
            SIGTERM or Ctrl-C stops it gracefully.
            """)

    @Option(help: "A YAML file of settings.") var config: String?
    @Option(help: "The address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "The port (default 8080; 0 picks a free one).") var port: Int?
    @Option(name: .customLong("db"), help: DatabaseOptions.help) var database: String?
    @Option(help: "TLS certificate chain, PEM.") var tlsCertificate: String?
    @Option(help: "TLS private key, PEM.") var tlsKey: String?
    @Option(help: "The folder an empty database is loaded from (default Inventory/sample-city).") var seed: String?
    @Option(help: "trace, debug, info, notice, warning, error or critical (default info).") var logLevel: String?

    func run() async throws {
        let settings = try Settings(command: self)
        var logger = Logger(label: "schoolnet")
        logger.logLevel = settings.logLevel
        try await DatabaseOptions.withStore(at: settings.database) { store in
            try await serve(store, settings, logger)
        }
    }

    private func serve(_ store: any InventoryStore, _ settings: Settings, _ logger: Logger) async throws {
        if try await store.isEmpty() {
            if FileManager.default.fileExists(atPath: settings.seed) {
                let contents = try readFolder(settings.seed)
                try await store.replaceInventory(with: contents, measurements: .replace, progress: nil)
                logger.notice("loaded the empty database from \(settings.seed)")
            } else {
                logger.warning("the database is empty and \(settings.seed) does not exist; starting empty")
            }
        }
        let service = InventoryService(
            store: store, logger: logger, secureCookies: settings.tlsCertificate != nil)
        let scheme = settings.tlsCertificate == nil ? "http" : "https"
        let app = try service.application(
            ListenOptions(
                host: settings.host, port: settings.port, tlsCertificate: settings.tlsCertificate,
                tlsKey: settings.tlsKey)
        ) { port in
            let line =
                "schoolnet serve: listening on \(scheme)://\(settings.host):\(port) (database \(settings.databaseName)); "
                + "pages at \(scheme)://\(settings.host):\(port)/ (log in with a planner token)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        try await app.runService()
    }

    /// The settings after flags, environment and file have had their say.
    struct Settings {
        var host = "127.0.0.1"
        var port = 8080
        var database = DatabaseOptions.defaultPath
        var tlsCertificate: String?
        var tlsKey: String?
        var seed = "Inventory/sample-city"
        var logLevel = Logger.Level.info

        /// The database as the log may show it (a PostgreSQL address without its password).
        var databaseName: String { (try? StoreAddress(database).description) ?? database }

        init(command: ServeCommand, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
            var file: [String: String] = [:]
            if let path = command.config {
                guard let text = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("\(path): no such file")
                }
                let known = ["host", "port", "db", "tls_certificate", "tls_key", "seed", "log_level"]
                guard let yaml = try? Yams.load(yaml: String(decoding: text, as: UTF8.self)) as? [String: Any] else {
                    throw ValidationError("\(path): expected a YAML mapping of settings")
                }
                for (key, value) in yaml {
                    guard known.contains(key) else {
                        throw ValidationError("\(path): unknown key \(key); expected \(known.joined(separator: ", "))")
                    }
                    file[key] = "\(value)"
                }
            }
            func pick(_ flag: String?, _ variable: String, _ key: String) -> String? {
                flag ?? environment[variable] ?? file[key]
            }
            host = pick(command.host, "SCHOOLNET_HOST", "host") ?? host
            if let text = pick(command.port.map(String.init), "SCHOOLNET_PORT", "port") {
                guard let value = Int(text), (0...65535).contains(value) else {
                    throw ValidationError("port must be 0 to 65535, not \"\(text)\"")
                }
                port = value
            }
            database = pick(command.database, "SCHOOLNET_DB", "db") ?? database
            tlsCertificate = pick(command.tlsCertificate, "SCHOOLNET_TLS_CERTIFICATE", "tls_certificate")
            tlsKey = pick(command.tlsKey, "SCHOOLNET_TLS_KEY", "tls_key")
            guard (tlsCertificate == nil) == (tlsKey == nil) else {
                throw ValidationError("TLS needs both a certificate and a key")
            }
            seed = pick(command.seed, "SCHOOLNET_SEED", "seed") ?? seed
            if let text = pick(command.logLevel, "SCHOOLNET_LOG_LEVEL", "log_level") {
                guard let level = Logger.Level(rawValue: text) else {
                    throw ValidationError(
                        "log level must be one of trace, debug, info, notice, warning, error, critical")
                }
                logLevel = level
            }
        }
    }
}
