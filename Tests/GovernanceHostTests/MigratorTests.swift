import Testing

@testable import GovernanceHost

/// Spec §3: migrations from empty, a no-op re-run, and refusal of an edited applied migration.
@Suite struct MigratorTests {
    @Test func migratesFromEmptyThenReRunIsANoOp() throws {
        let database = try FreshDatabase()
        let connection = try database.connect()
        let migrator = Migrator()
        #expect(try migrator.status(on: connection) == MigrationStatus(currentVersion: 0, latestVersion: GovernanceSchema.migrations.count, pending: GovernanceSchema.migrations))
        #expect(try migrator.migrate(on: connection).map(\.version) == GovernanceSchema.migrations.map(\.version))
        #expect(try migrator.migrate(on: connection).isEmpty)
        let recorded = try connection.query("SELECT version, name, checksum FROM core.schema_migrations ORDER BY version")
        #expect(try recorded.rows.map { try $0.string("name") } == GovernanceSchema.migrations.map(\.name))
        #expect(try recorded[0].string("checksum") == GovernanceSchema.migrations[0].checksum)
        #expect(try migrator.status(on: connection).isCurrent)
        // The schema is really there: every table of spec §3.
        let tables = try connection.query(
            "SELECT table_schema || '.' || table_name AS t FROM information_schema.tables WHERE table_schema IN ('core','audit') ORDER BY 1")
        #expect(try tables.rows.map { try $0.string("t") } == [
            "audit.events", "core.agent_state", "core.agents", "core.calibration", "core.dashboard_links", "core.dashboard_sessions",
            "core.device_tokens", "core.drawings", "core.monitor_state", "core.operator_tokens", "core.schema_migrations", "core.sessions", "core.summaries",
        ])
        // Every timestamp column is timestamptz.
        let naive = try connection.query(
            "SELECT count(*) AS n FROM information_schema.columns WHERE table_schema IN ('core','audit') AND data_type = 'timestamp without time zone'")
        #expect(try naive[0].int("n") == 0)
    }

    @Test func tamperedChecksumIsRefused() throws {
        let database = try FreshDatabase()
        let connection = try database.migrated()
        try connection.query("UPDATE core.schema_migrations SET checksum = $1 WHERE version = 1", [String(repeating: "0", count: 64)])
        do {
            try Migrator().migrate(on: connection)
            Issue.record("a changed checksum must be refused")
        } catch {
            guard case let .checksumMismatch(version, name, _, _) = error else { Issue.record("got \(error)"); return }
            #expect(version == 1 && name == "create_core_tables")
            #expect(error.description.contains("was changed after it was applied"))
        }
    }

    @Test func editedMigrationTextIsRefusedAndNewMigrationsApplyInOrder() throws {
        let database = try FreshDatabase()
        let connection = try database.connect()
        let first = Migration(version: 1, name: "one", statements: ["CREATE SCHEMA core_x", "CREATE TABLE core_x.a (v int)"])
        try Migrator(migrations: [first]).migrate(on: connection)
        let second = Migration(version: 2, name: "two", statements: ["ALTER TABLE core_x.a ADD COLUMN w int"])
        #expect(try Migrator(migrations: [second, first]).migrate(on: connection).map(\.version) == [2])
        let edited = Migration(version: 1, name: "one", statements: ["CREATE SCHEMA core_x", "CREATE TABLE core_x.a (v bigint)"])
        #expect(throws: MigrationError.self) { try Migrator(migrations: [edited, second]).migrate(on: connection) }
        // A database migrated by a newer binary is not silently used by an older one.
        #expect(throws: MigrationError.unknownAppliedMigration(version: 2, name: "two")) { try Migrator(migrations: [first]).status(on: connection) }
    }

    @Test func aFailingMigrationRollsBackWholly() throws {
        let database = try FreshDatabase()
        let connection = try database.connect()
        let broken = Migration(version: 1, name: "broken", statements: ["CREATE TABLE core.half (v int)", "CREATE TABLE core.half (v int)"])
        #expect(throws: MigrationError.self) { try Migrator(migrations: [broken]).migrate(on: connection) }
        #expect(try connection.query("SELECT to_regclass('core.half') IS NULL AS gone")[0].bool("gone"))
        #expect(try connection.query("SELECT count(*) AS n FROM core.schema_migrations")[0].int("n") == 0)
    }
}

/// The calibration row's optimistic version check.
@Suite struct CalibrationStoreTests {
    @Test func staleWriterIsRefused() throws {
        let database = try FreshDatabase()
        let connection = try database.migrated()
        #expect(try CalibrationStore.read(on: connection) == .init(data: .object([:]), version: 1))
        #expect(try CalibrationStore.update(.object(["gain": .number(0.5)]), expectedVersion: 1, on: connection) == 2)
        // A second writer that also read version 1 loses instead of overwriting.
        #expect(try CalibrationStore.update(.object(["gain": .number(0.9)]), expectedVersion: 1, on: connection) == nil)
        #expect(try CalibrationStore.read(on: connection) == .init(data: .object(["gain": .number(0.5)]), version: 2))
    }
}
