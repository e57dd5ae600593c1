import ArgumentParser
import CommandOutput
import Foundation
import GovernanceHost

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check connectivity, schema version, the pool and the audit file; exit non-zero on the first problem.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: OutputFormatOption

    /// The checks so far, printed (in the chosen format) when doctor ends, also when a check fails.
    final class Report {
        var rows: [[String]] = []
        let format: OutputFormat
        init(format: OutputFormat) { self.format = format }

        func passed(_ check: String, _ detail: String) { rows.append([check, "ok", detail]) }

        /// Records the failed check, prints the report, and returns the exit to throw.
        func failed(_ check: String, _ code: HostExitCode, _ message: String) -> ExitCode {
            rows.append([check, "failed", message])
            print()
            return CommandFailure.exit(code, message)
        }

        func print() {
            Swift.print(format.render(header: ["CHECK", "STATUS", "DETAIL"], rows: rows))
        }
    }

    func run() async throws {
        let report = Report(format: output.resolved)
        let configuration = try database.configuration()
        report.passed("configuration", "pool \(configuration.minConnections)…\(configuration.maxConnections), audit \(configuration.auditPath)")
        let (_, connection) = try database.connect()
        report.passed("connectivity", "PostgreSQL \(connection.serverVersion / 10000).\(connection.serverVersion % 10000)")
        do {
            let status = try Migrator().status(on: connection)
            guard status.isCurrent else {
                throw report.failed("schema", .schema, MigrationError.behind(current: status.currentVersion, latest: status.latestVersion).description)
            }
            report.passed("schema", "version \(status.currentVersion)")
        } catch let error as MigrationError {
            throw report.failed("schema", .schema, error.description)
        }
        do {
            let pool = try await PostgresPool.open(
                .init(conninfo: configuration.databaseURL, minConnections: configuration.minConnections, maxConnections: configuration.maxConnections))
            let probed = try await pool.withConnection { (connection) throws(PostgresError) in try connection.query("SELECT 1 AS one")[0].int("one") }
            let metrics = pool.metrics
            pool.close()
            report.passed("pool", "opened \(metrics.size), idle \(metrics.idle), max \(metrics.max), probe \(probed)")
        } catch {
            throw report.failed("pool", .databaseUnreachable, error.description)
        }
        do {
            _ = try AuditLog(path: configuration.auditPath)
            report.passed("audit file", "\(configuration.auditPath) is writable")
        } catch {
            throw report.failed("audit file", .configuration, error.description)
        }
        report.print()
    }
}
