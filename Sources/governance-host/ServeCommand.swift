import ArgumentParser
import Foundation
import GovernanceHost
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP bridge (native API, operator reads, MCP compatibility) until SIGTERM or SIGINT.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to bind.") var host = ServerOptions.defaultHost
    @Option(help: "Port to bind (0 picks a free one; the chosen port is printed).") var port = ServerOptions.defaultPort
    @Flag(help: "Apply pending migrations before serving instead of refusing to start.") var migrate = false
    @Flag(help: "Let /mcp run without a token (agents are then identified by client_session_id only).") var allowAnonymousMcp = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
    }

    func run() async throws {
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
        var logger = Logger(label: "governance-host")
        logger.logLevel = .notice
        let host = self.host
        try await GovernanceServer.run(services: services, logger: logger) { boundPort in
            FileHandle.standardOutput.write(Data("governance-host listening on http://\(host):\(boundPort) (schema \(migrator.latestVersion), pool \(configuration.minConnections)…\(configuration.maxConnections))\n".utf8))
        }
        pool.close()
    }
}
