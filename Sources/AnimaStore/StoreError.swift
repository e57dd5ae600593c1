import GRDB

/// A failure of anima.db, carrying SQLite's own message and what to do.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or migrated (missing directory, permissions, not a database).
    case open(path: String, message: String)
    /// SQLite refused a statement (`code` is SQLite's primary result code).
    case sqlite(code: Int32, message: String, sql: String?)
    /// A stored or supplied value has the wrong shape (`table`/`key` say where).
    case invalidValue(table: String, key: String, message: String)
    /// The file holds tables this build did not create (e.g. the Python reference's anima.db).
    case unsupportedSchema(table: String)
    /// An identity operation that needs a session ran before `IdentityStore.wake`.
    case notAwake(operation: String)

    public var description: String {
        switch self {
        case let .open(path, message):
            return "cannot open \(path): \(message). Check that the directory exists and is writable."
        case let .sqlite(code, message, sql):
            return "SQLite error \(code): \(message)" + (sql.map { " in `\($0)`" } ?? "")
        case let .invalidValue(table, key, message):
            return "bad value for \(table) '\(key)': \(message)"
        case let .unsupportedSchema(table):
            return "table \(table) exists but was not created by anima's migrations (an anima.db from the Python "
                + "anima-mcp?). Importing it is not supported: move the file aside or pass another --db."
        case let .notAwake(operation):
            return "\(operation) needs an awake identity: call IdentityStore.wake(creatureID:) first"
        }
    }

    /// Wraps whatever GRDB threw, keeping SQLite's code and message.
    static func wrap(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            return .sqlite(code: error.resultCode.primaryResultCode.rawValue, message: error.message ?? "\(error)", sql: error.sql)
        }
        return .sqlite(code: 1, message: "\(error)", sql: nil)
    }
}
