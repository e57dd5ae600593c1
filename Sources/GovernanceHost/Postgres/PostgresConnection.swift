import CAnimaLibPQ

/// One libpq connection. Not thread-safe: the pool hands it to one task at a time.
///
/// Every statement goes through `PQexecParams` with text-format parameters, so values never touch SQL text.
/// The connection is closed when the object is released.
public final class PostgresConnection {
    private let handle: OpaquePointer
    /// Work to do once the open transaction has committed (dropped if it rolls back); nil outside a transaction.
    private var afterCommitActions: [() -> Void]?

    /// Opens a connection from a libpq conninfo string or URI (`postgresql://user@host:port/db?sslmode=…`).
    /// libpq supplies `.pgpass`, `PGSERVICE`, TLS and multi-host fail-over.
    public init(conninfo: String) throws(PostgresError) {
        guard let connection = PQconnectdb(conninfo) else {
            throw .connectionFailed(message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(PQerrorMessage(connection))
            PQfinish(connection)
            throw .connectionFailed(message: message)
        }
        // Server NOTICEs (e.g. "drop cascades to …") are informational; keep them off stderr.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        handle = connection
    }

    deinit { PQfinish(handle) }

    /// True while the socket is healthy (checked without a round trip).
    public var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server's version number, e.g. 150018.
    public var serverVersion: Int { Int(PQserverVersion(handle)) }

    /// Runs one statement with `$1…$n` parameters (nil is SQL NULL) and returns its rows as text.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> PostgresRows {
        let result = Self.withCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        guard let result else {
            throw .connectionLost(message: Self.trimmed(PQerrorMessage(handle)))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresRows(result)
        default:
            if PQstatus(handle) != CONNECTION_OK {
                throw .connectionLost(message: Self.trimmed(PQerrorMessage(handle)))
            }
            throw Self.serverError(result)
        }
    }

    /// Bounds every later statement on this connection (server-side `statement_timeout`), so a stuck query frees
    /// its pooled connection instead of holding it forever.
    public func setStatementTimeout(milliseconds: Int) throws(PostgresError) {
        try query("SELECT set_config('statement_timeout', $1, false)", [String(milliseconds)])
    }

    /// Runs `body` inside BEGIN … COMMIT, rolling back if it throws.
    public func transaction<T>(_ body: (PostgresConnection) throws(PostgresError) -> T) throws(PostgresError) -> T {
        try query("BEGIN")
        afterCommitActions = []
        do {
            let value = try body(self)
            try query("COMMIT")
            let actions = afterCommitActions ?? []
            afterCommitActions = nil
            for action in actions { action() }
            return value
        } catch {
            afterCommitActions = nil
            if isHealthy { _ = try? query("ROLLBACK") }
            throw error
        }
    }

    /// Runs `action` once the current transaction has committed, or now outside one; a rollback drops it.
    public func afterCommit(_ action: @escaping () -> Void) {
        if afterCommitActions != nil { afterCommitActions?.append(action) } else { action() }
    }

    private static func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let ascii = code.asciiValue, let value = PQresultErrorField(result, Int32(ascii)) else { return nil }
            return String(cString: value)
        }
        let message = field("M") ?? trimmed(PQresultErrorMessage(result))
        return .server(sqlstate: field("C") ?? "XX000", message: message, detail: field("D"))
    }

    private static func trimmed(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "unknown error" }
        let text = String(cString: message)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    private static func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let storage: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
        defer { storage.forEach { free($0) } }
        return body(storage.map { $0.map { UnsafePointer($0) } })
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
