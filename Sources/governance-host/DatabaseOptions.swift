import ArgumentParser
import Foundation
import GovernanceHost

/// Flags every database-using command shares; each overrides its environment variable.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "libpq URI or conninfo (overrides DB_POSTGRES_URL).")
    var databaseURL: String?

    @Option(name: .customLong("min-connections"), help: "Connections opened at start (overrides DB_POSTGRES_MIN_CONN, default 2).")
    var minConnections: String?

    @Option(name: .customLong("max-connections"), help: "Pool ceiling (overrides DB_POSTGRES_MAX_CONN, default 10).")
    var maxConnections: String?

    @Option(name: .customLong("audit-jsonl"), help: "Audit JSONL path (overrides GOVERNANCE_AUDIT_JSONL, default ./data/audit_log.jsonl).")
    var auditPath: String?

    /// The configuration, or exit 2 with the message naming the variable.
    func configuration() throws -> HostConfiguration {
        do {
            return try HostConfiguration.load(
                environment: ProcessInfo.processInfo.environment,
                overrides: .init(databaseURL: databaseURL, minConnections: minConnections, maxConnections: maxConnections, auditPath: auditPath))
        } catch {
            throw CommandFailure.exit(.configuration, error.description)
        }
    }

    /// One direct connection for short operator commands, or exit 3 when PostgreSQL is unreachable.
    func connect() throws -> (HostConfiguration, PostgresConnection) {
        let configuration = try configuration()
        do {
            let connection = try PostgresConnection(conninfo: configuration.databaseURL)
            try connection.query("SELECT set_config('TimeZone', 'UTC', false)")
            return (configuration, connection)
        } catch {
            throw CommandFailure.exit(.databaseUnreachable, error.description)
        }
    }

    /// A connection to a database whose schema is current, or exit 4 naming what to do.
    func connectToCurrentSchema() throws -> (HostConfiguration, PostgresConnection) {
        let (configuration, connection) = try connect()
        do {
            let status = try Migrator().status(on: connection)
            guard status.isCurrent else {
                throw CommandFailure.exit(.schema, MigrationError.behind(current: status.currentVersion, latest: status.latestVersion).description)
            }
        } catch let error as MigrationError {
            throw CommandFailure.exit(.schema, error.description)
        }
        return (configuration, connection)
    }
}

/// Prints a message to stderr and yields the exit code to throw.
enum CommandFailure {
    static func exit(_ code: HostExitCode, _ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("governance-host: \(message)\n".utf8))
        return ExitCode(code.rawValue)
    }
}
