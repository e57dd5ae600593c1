import ArgumentParser
import Foundation
import GovernanceHost
import Logging
import ServiceLog

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP bridge (native API, operator reads, MCP compatibility) until SIGTERM or SIGINT.",
        discussion: """
            Plain HTTP is served on loopback only; on any other address give --tls-cert and --tls-key (PEM files; \
            SIGHUP re-reads them, so a renewed certificate needs no restart) or, behind a TLS-terminating proxy on a \
            private network, say --allow-plain-http.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to bind.") var host = ServerOptions.defaultHost
    @Option(help: "Port to bind (0 picks a free one; the chosen port is printed).") var port = ServerOptions.defaultPort
    @Flag(help: "Apply pending migrations before serving instead of refusing to start.") var migrate = false
    @Flag(help: "Let /mcp run without a token (agents are then identified by client_session_id only).") var allowAnonymousMcp = false
    @Option(help: "TLS certificate chain (PEM: the server certificate, then intermediates). Serves HTTPS only.") var tlsCert: String?
    @Option(help: "TLS private key (PEM) for --tls-cert.") var tlsKey: String?
    @Flag(help: "Allow plain HTTP on a non-loopback --host (only behind a TLS-terminating proxy).") var allowPlainHttp = false
    @Option(help: "Log level: trace, debug, info (one line per request), notice, warning, error or critical (overrides GOVERNANCE_LOG_LEVEL).")
    var logLevel: String?
    @Option(help: "Seconds a connection may go without a complete request head (idle keep-alive, a half-sent head) or a pause in its body before it is closed.")
    var idleTimeout: Double = Double(ServerOptions.defaultIdleTimeout.components.seconds)
    @Option(help: "Seconds within which a request body must arrive in full after its head.")
    var bodyTimeout: Double = Double(ServerOptions.defaultBodyTimeout.components.seconds)
    @Option(help: "Most HTTP connections open at once; past it the connections idle longest (250 ms without a request) are closed to make room; busy ones never are.")
    var maxHttpConnections = ServerOptions.defaultMaxConnections

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together: give both or neither") }
        if tlsCert == nil, !allowPlainHttp, !Self.isLoopback(host) {
            throw ValidationError(
                "--host \(host) would serve plain HTTP beyond this machine, and device tokens would cross the network in clear: "
                    + "give --tls-cert and --tls-key, or --allow-plain-http behind a TLS-terminating proxy")
        }
        for (flag, seconds) in [("--idle-timeout", idleTimeout), ("--body-timeout", bodyTimeout)] where !(seconds > 0 && seconds <= 3600) {
            throw ValidationError("\(flag) must be seconds in (0, 3600], got \(seconds)")
        }
        guard maxHttpConnections >= 1 else { throw ValidationError("--max-http-connections must be at least 1, got \(maxHttpConnections)") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(logLevel)'")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The flag, else GOVERNANCE_LOG_LEVEL, else info.
    private func level() throws -> Logger.Level {
        guard let text = logLevel ?? ProcessInfo.processInfo.environment["GOVERNANCE_LOG_LEVEL"] else { return .info }
        guard let level = Logger.Level(rawValue: text) else {
            throw CommandFailure.exit(.configuration, "GOVERNANCE_LOG_LEVEL must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
        }
        return level
    }

    func run() async throws {
        let logLevel = try level()
        let configuration = try database.configuration()
        let (_, connection) = try database.connect()
        let migrator = Migrator()
        do {
            if migrate { try migrator.migrate(on: connection) }
            let status = try migrator.status(on: connection)
            guard status.isCurrent else { throw MigrationError.behind(current: status.currentVersion, latest: status.latestVersion) }
        } catch {
            throw CommandFailure.exit(.schema, String(describing: error))
        }
        let pool: PostgresPool
        do {
            pool = try await PostgresPool.open(
                .init(conninfo: configuration.databaseURL, minConnections: configuration.minConnections, maxConnections: configuration.maxConnections))
        } catch {
            throw CommandFailure.exit(.databaseUnreachable, error.description)
        }
        let log: AuditLog
        do {
            log = try AuditLog(path: configuration.auditPath)
        } catch {
            throw CommandFailure.exit(.configuration, error.description)
        }
        var tls: TLSCertificates?
        if let tlsCert, let tlsKey {
            do {
                tls = try TLSCertificates(certificatePath: tlsCert, keyPath: tlsKey)
            } catch {
                pool.close()
                throw CommandFailure.exit(.configuration, error.description)
            }
        }
        let services = HostServices(
            pool: pool, audit: AuditTrail(log: log),
            options: ServerOptions(
                host: host, port: port, allowAnonymousMCP: allowAnonymousMcp, tls: tls, idleTimeout: .seconds(idleTimeout),
                bodyTimeout: .seconds(bodyTimeout), maxConnections: maxHttpConnections),
            schemaVersion: migrator.latestVersion)
        ServiceLog.bootstrap(level: logLevel)
        var logger = Logger(label: "governance-host")
        logger.logLevel = logLevel
        let host = self.host
        let scheme = tls == nil ? "http" : "https"
        let reloads = CertificateReloadSignal.install(tls, logger: logger)
        defer { reloads?.cancel() }
        do {
            try await GovernanceServer.run(services: services, logger: logger) { boundPort in
                FileHandle.standardOutput.write(Data("governance-host listening on \(scheme)://\(host):\(boundPort) (schema \(migrator.latestVersion), pool \(configuration.minConnections)…\(configuration.maxConnections))\n".utf8))
            }
        } catch let error as ServerStartError {
            pool.close()
            throw CommandFailure.exit(.configuration, error.description)
        }
        pool.close()
    }
}
