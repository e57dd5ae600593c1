import Logging
import NIOSSL
import Synchronization

/// The host's TLS certificate chain and private key, read from PEM files and re-read on `reload()` (SIGHUP), so a
/// renewed certificate (e.g. from an ACME client) takes effect for new connections without a restart. Every handshake
/// asks for the current pair through NIOSSL's context callback; a reload that fails keeps serving the previous pair.
public final class TLSCertificates: Sendable {
    public enum LoadError: Error, Sendable, CustomStringConvertible {
        case unreadable(path: String, role: String, reason: String)
        case empty(path: String)

        public var description: String {
            switch self {
            case let .unreadable(path, role, reason):
                return "\(path): cannot read the TLS \(role) (\(reason)); pass a PEM file with --tls-\(role == "certificate chain" ? "cert" : "key")"
            case let .empty(path):
                return "\(path): no certificate in the file; --tls-cert needs the server certificate (then any intermediates) in PEM"
            }
        }
    }

    struct Pair: Sendable {
        var chain: [NIOSSLCertificate]
        var key: NIOSSLPrivateKey
    }

    public let certificatePath: String
    public let keyPath: String
    private let current: Mutex<Pair>

    public init(certificatePath: String, keyPath: String) throws(LoadError) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        current = Mutex(try Self.load(certificatePath: certificatePath, keyPath: keyPath))
    }

    /// Reads both files again; on failure the previous pair stays in use and the error is returned for the log.
    @discardableResult
    public func reload() -> LoadError? {
        do {
            let pair = try Self.load(certificatePath: certificatePath, keyPath: keyPath)
            current.withLock { $0 = pair }
            return nil
        } catch {
            return error
        }
    }

    /// The server configuration: the pair loaded now, and a per-handshake callback handing out the newest pair.
    func serverConfiguration() -> TLSConfiguration {
        let pair = current.withLock { $0 }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: pair.chain.map { .certificate($0) }, privateKey: .privateKey(pair.key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.sslContextCallback = { [self] _, promise in
            let latest = current.withLock { $0 }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = latest.chain.map { .certificate($0) }
            override.privateKey = .privateKey(latest.key)
            promise.succeed(override)
        }
        return configuration
    }

    private static func load(certificatePath: String, keyPath: String) throws(LoadError) -> Pair {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw .unreadable(path: certificatePath, role: "certificate chain", reason: "\(error)")
        }
        guard !chain.isEmpty else { throw .empty(path: certificatePath) }
        do {
            return Pair(chain: chain, key: try NIOSSLPrivateKey(file: keyPath, format: .pem))
        } catch {
            throw .unreadable(path: keyPath, role: "key", reason: "\(error)")
        }
    }
}
