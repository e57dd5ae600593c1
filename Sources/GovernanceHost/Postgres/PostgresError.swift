/// A failure talking to PostgreSQL, carrying the server's SQLSTATE and message when there is one.
public enum PostgresError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The connection could not be made (bad conninfo, server down, auth refused).
    case connectionFailed(message: String)
    /// The server rejected a statement. `sqlstate` is the five-character code (e.g. 23505 unique_violation).
    case server(sqlstate: String, message: String, detail: String?)
    /// The connection broke while in use; the pool replaces it.
    case connectionLost(message: String)
    /// A value came back in a shape the caller did not expect (column missing, not a number, …).
    case decoding(column: String, detail: String)
    /// Every pooled connection stayed busy for the whole acquire timeout.
    case poolExhausted(size: Int, max: Int, waitedSeconds: Double)
    /// The pool was shut down; no more connections are handed out.
    case poolClosed

    public var description: String {
        switch self {
        case let .connectionFailed(message):
            return "cannot connect to PostgreSQL: \(message). Check DB_POSTGRES_URL and that the server is running."
        case let .server(sqlstate, message, detail):
            return "PostgreSQL error \(sqlstate): \(message)" + (detail.map { " (\($0))" } ?? "")
        case let .connectionLost(message):
            return "PostgreSQL connection lost: \(message)"
        case let .decoding(column, detail):
            return "unexpected value in column \(column): \(detail)"
        case let .poolExhausted(size, max, waited):
            return "pool exhausted (\(size)/\(max)): no connection became free within \(waited) s; "
                + "raise DB_POSTGRES_MAX_CONN or reduce load"
        case .poolClosed:
            return "the PostgreSQL pool is closed (the host is shutting down)"
        }
    }

    /// The SQLSTATE, when the server sent one.
    public var sqlstate: String? {
        if case let .server(code, _, _) = self { return code }
        return nil
    }
}
