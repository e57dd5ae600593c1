import SHA256Digest

/// One schema change: an identity (version + name), its statements, and a checksum that pins them.
///
/// Statements run one by one through the parameterized path (no multi-statement SQL text), all inside one transaction.
/// Once applied, a migration must never change: the migrator compares the recorded checksum and refuses a mismatch.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let statements: [String]

    public init(version: Int, name: String, statements: [String]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// SHA-256 of the name and statements, hex. Whitespace is significant on purpose: any edit is a new migration.
    public var checksum: String {
        SHA256.hex(([name] + statements).joined(separator: "\n;\n"))
    }
}

/// What the database holds compared with the embedded list.
public struct MigrationStatus: Sendable, Equatable {
    /// Highest applied version (0 when none).
    public var currentVersion: Int
    /// Highest embedded version.
    public var latestVersion: Int
    /// Embedded migrations not yet applied, in order.
    public var pending: [Migration]

    public var isCurrent: Bool { pending.isEmpty }
}

/// Why the schema cannot be used or migrated.
public enum MigrationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An applied migration's recorded checksum differs from the embedded one: someone edited history.
    case checksumMismatch(version: Int, name: String, recorded: String, embedded: String)
    /// The database has a migration this binary does not know (a newer host migrated it).
    case unknownAppliedMigration(version: Int, name: String)
    /// `serve` found pending migrations and was not told to apply them.
    case behind(current: Int, latest: Int)
    case database(PostgresError)

    public var description: String {
        switch self {
        case let .checksumMismatch(version, name, recorded, embedded):
            return "migration \(version) (\(name)) was changed after it was applied: the database recorded checksum "
                + "\(recorded.prefix(12))…, this binary has \(embedded.prefix(12))…. Never edit an applied migration; "
                + "add a new one and restore the original text."
        case let .unknownAppliedMigration(version, name):
            return "the database has migration \(version) (\(name)) that this binary does not know: "
                + "a newer governance-host migrated it; run that version"
        case let .behind(current, latest):
            return "the database schema is at version \(current), this host needs \(latest): "
                + "run `governance-host migrate` (or start with `serve --migrate`)"
        case let .database(error):
            return error.description
        }
    }
}
