import ArgumentParser
import Foundation
import GovernanceHost

struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check connectivity, schema version, the pool and the audit file; exit non-zero on the first problem.")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let configuration = try database.configuration()
        print("configuration   ok (pool \(configuration.minConnections)…\(configuration.maxConnections), audit \(configuration.auditPath))")
        let (_, connection) = try database.connect()
        print("connectivity    ok (PostgreSQL \(connection.serverVersion / 10000).\(connection.serverVersion % 10000))")
        do {
            let status = try Migrator().status(on: connection)
            guard status.isCurrent else {
                throw CommandFailure.exit(.schema, MigrationError.behind(current: status.currentVersion, latest: status.latestVersion).description)
            }
            print("schema          ok (version \(status.currentVersion))")
        } catch let error as MigrationError {
            throw CommandFailure.exit(.schema, error.description)
        }
        do {
            let pool = try await PostgresPool.open(
                .init(conninfo: configuration.databaseURL, minConnections: configuration.minConnections, maxConnections: configuration.maxConnections))
            let probed = try await pool.withConnection { (connection) throws(PostgresError) in try connection.query("SELECT 1 AS one")[0].int("one") }
            let metrics = pool.metrics
            pool.close()
            print("pool            ok (opened \(metrics.size), idle \(metrics.idle), max \(metrics.max), probe \(probed))")
        } catch {
            throw CommandFailure.exit(.databaseUnreachable, error.description)
        }
        do {
            _ = try AuditLog(path: configuration.auditPath)
            print("audit file      ok (\(configuration.auditPath) is writable)")
        } catch {
            throw CommandFailure.exit(.configuration, error.description)
        }
    }
}
