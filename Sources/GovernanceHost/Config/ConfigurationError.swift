/// A configuration the host refuses to start with. Every case names the variable or flag and says what to do.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingDatabaseURL
    case invalidDatabaseURL(source: String, detail: String)
    case invalidConnectionCount(source: String, value: String)
    case minAboveMax(min: Int, max: Int)
    case invalidListenAddress(detail: String)

    public var description: String {
        switch self {
        case .missingDatabaseURL:
            return "DB_POSTGRES_URL is not set: set it to a libpq URI such as "
                + "postgresql://governance@db.example:5432/governance?sslmode=require (or pass --database-url)"
        case let .invalidDatabaseURL(source, detail):
            return "\(source) is not a valid libpq connection string: \(detail)"
        case let .invalidConnectionCount(source, value):
            return "\(source) must be an integer ≥ 1, got '\(value)'"
        case let .minAboveMax(min, max):
            return "DB_POSTGRES_MIN_CONN (\(min)) is greater than DB_POSTGRES_MAX_CONN (\(max)): lower the minimum or raise the maximum"
        case let .invalidListenAddress(detail):
            return "invalid listen address: \(detail)"
        }
    }
}

/// The process exit codes of `governance-host`, documented in docs/governance.md.
public enum HostExitCode: Int32, Sendable {
    case success = 0
    /// A request or operation failed (bad argument value, unknown agent, server error).
    case failure = 1
    /// The configuration is missing or invalid (`DB_POSTGRES_URL`, pool sizes, audit file, port in use): EX_CONFIG
    /// from sysexits.h, which the systemd unit lists in `RestartPreventExitStatus` — restarting cannot fix it.
    case configuration = 78
    /// PostgreSQL could not be reached or refused the connection.
    case databaseUnreachable = 3
    /// The schema is behind (run `migrate`) or an applied migration was changed.
    case schema = 4
}
