import ArgumentParser
import Foundation
import GovernanceHost
import Logging
import ServiceLog

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP bridge (native API, operator reads, MCP compatibility) until SIGTERM or SIGINT.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to bind.") var host = ServerOptions.defaultHost
    @Option(help: "Port to bind (0 picks a free one; the chosen port is printed).") var port = ServerOptions.defaultPort
    @Flag(help: "Apply pending migrations before serving instead of refusing to start.") var migrate = false
    @Flag(help: "Let /mcp run without a token (agents are then identified by client_session_id only).") var allowAnonymousMcp = false
    @Option(help: "Log level: trace, debug, info (one line per request), notice, warning, error or critical (overrides GOVERNANCE_LOG_LEVEL).")
    var logLevel: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got '\(logLevel)'")
        }
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
        let services = HostServices(
            pool: pool, audit: AuditTrail(log: log),
            options: ServerOptions(host: host, port: port, allowAnonymousMCP: allowAnonymousMcp),
            schemaVersion: migrator.latestVersion)
        ServiceLog.bootstrap(level: logLevel)
        var logger = Logger(label: "governance-host")
        logger.logLevel = logLevel
        let host = self.host
        do {
            try await GovernanceServer.run(services: services, logger: logger) { boundPort in
                FileHandle.standardOutput.write(Data("governance-host listening on http://\(host):\(boundPort) (schema \(migrator.latestVersion), pool \(configuration.minConnections)…\(configuration.maxConnections))\n".utf8))
            }
        } catch let error as ServerStartError {
            pool.close()
            throw CommandFailure.exit(.configuration, error.description)
        }
        pool.close()
    }
}
