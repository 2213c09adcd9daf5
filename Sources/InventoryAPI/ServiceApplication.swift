import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import InventoryFormat
import Logging
import NIOCore
import NIOSSL

/// Where and how the service listens.
public struct ListenOptions: Sendable {
    public var host: String
    public var port: Int
    /// PEM files of the certificate chain and its key; both or neither.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// How long a connection may go without a whole request head arriving, from its opening
    /// (TLS handshake included) or from the last response: a client that sends a byte now and
    /// then never holds a connection longer than this.
    public var idleTimeout: Duration

    public init(
        host: String, port: Int, tlsCertificate: String? = nil, tlsKey: String? = nil,
        idleTimeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.idleTimeout = idleTimeout
    }
}

extension InventoryService {
    /// The HTTP(S) application; `onRunning` is told the port it listens on (useful with port 0).
    /// Running it (`runService()`) stops gracefully on SIGTERM and SIGINT: requests in flight
    /// finish, then the process exits.
    public func application(
        _ options: ListenOptions, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let configuration = ApplicationConfiguration(
            address: .hostname(options.host, port: options.port), serverName: "SchoolNet")
        let http = HTTP1Channel.Configuration(idleTimeout: TimeAmount(options.idleTimeout))
        let server: HTTPServerBuilder
        if let certificate = options.tlsCertificate, let key = options.tlsKey {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            server = try .tls(.http1(configuration: http), tlsConfiguration: tls)
        } else {
            server = .http1(configuration: http)
        }
        return Application(
            router: router(), server: server, configuration: configuration,
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? options.port) },
            logger: logger)
    }
}
