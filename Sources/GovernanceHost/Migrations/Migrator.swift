/// Applies an ordered list of migrations, GRDB-style: each has an identity, runs once, in order, in its own
/// transaction, and is recorded with its checksum in `core.schema_migrations`.
///
/// `migrate` holds a session-level `pg_advisory_lock` for its whole run, so two hosts starting together never apply the
/// same migration twice: the second waits, then finds nothing pending.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    /// The advisory lock key reserved for migrations (arbitrary, fixed: "GOVMIGR" in ASCII).
    static let lockKey = "78517526513990"

    public init(migrations: [Migration] = GovernanceSchema.migrations) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Compares the database with the embedded list without changing anything.
    public func status(on connection: PostgresConnection) throws(MigrationError) -> MigrationStatus {
        let applied: [(version: Int, name: String, checksum: String)]
        do {
            let exists = try connection.query("SELECT to_regclass('core.schema_migrations') IS NOT NULL AS present")[0].bool("present")
            guard exists else {
                return MigrationStatus(currentVersion: 0, latestVersion: latestVersion, pending: migrations)
            }
            applied = try connection.query("SELECT version, name, checksum FROM core.schema_migrations ORDER BY version").rows.map {
                row throws(PostgresError) in (try row.int("version"), try row.string("name"), try row.string("checksum"))
            }
        } catch {
            throw .database(error)
        }
        for record in applied {
            guard let embedded = migrations.first(where: { $0.version == record.version }) else {
                throw .unknownAppliedMigration(version: record.version, name: record.name)
            }
            guard embedded.checksum == record.checksum else {
                throw .checksumMismatch(version: record.version, name: record.name, recorded: record.checksum, embedded: embedded.checksum)
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        return MigrationStatus(
            currentVersion: applied.map(\.version).max() ?? 0, latestVersion: latestVersion,
            pending: migrations.filter { !appliedVersions.contains($0.version) })
    }

    /// Applies every pending migration and returns the ones applied (empty when the schema was current).
    @discardableResult
    public func migrate(on connection: PostgresConnection) throws(MigrationError) -> [Migration] {
        do {
            try connection.query("SELECT pg_advisory_lock($1::bigint)", [Self.lockKey])
        } catch {
            throw .database(error)
        }
        defer { _ = try? connection.query("SELECT pg_advisory_unlock($1::bigint)", [Self.lockKey]) }
        do {
            try connection.query("CREATE SCHEMA IF NOT EXISTS core")
            try connection.query(
                """
                CREATE TABLE IF NOT EXISTS core.schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """)
        } catch {
            throw .database(error)
        }
        let pending = try status(on: connection).pending
        for migration in pending {
            do {
                try connection.transaction { (connection) throws(PostgresError) in
                    for statement in migration.statements { try connection.query(statement) }
                    try connection.query(
                        "INSERT INTO core.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                        [String(migration.version), migration.name, migration.checksum])
                }
            } catch {
                throw .database(error)
            }
        }
        return pending
    }
}
