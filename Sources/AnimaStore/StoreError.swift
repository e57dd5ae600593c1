import Foundation
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
    /// The file at anima.db's path is not anima's (or is damaged); it was inspected on a copy and left untouched.
    case refused(path: String, kind: DatabaseKind)

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
                + "anima-mcp?). Anima has not written to it: move the file aside or choose another data directory."
        case let .refused(path, kind):
            return Self.refusal(path: path, kind: kind)
        case let .notAwake(operation):
            return "\(operation) needs an awake identity: call IdentityStore.wake(creatureID:) first"
        }
    }

    static func refusal(path: String, kind: DatabaseKind) -> String {
        let untouched = "Anima opened nothing for writing: the file is unchanged."
        let directory = (path as NSString).deletingLastPathComponent
        switch kind {
        case let .pythonReference(creatureID, name):
            return "\(path) is a Python anima-mcp database, creature \(creatureID ?? "(no id)") '\(name ?? "(unnamed)")'. "
                + untouched + " To carry this creature over to anima, stop anima-mcp (sudo systemctl stop anima anima-broker) and run "
                + "`anima adopt --from \(directory.isEmpty ? "." : directory)`: it imports the creature into anima's own data directory "
                + "and never writes to this one, which stays as the backup."
        case let .foreign(tables):
            return "\(path) is an SQLite database that anima did not create (tables: "
                + "\(tables.prefix(8).joined(separator: ", "))\(tables.count > 8 ? ", …" : "")). " + untouched
                + " Point anima at another data directory, or move the file aside."
        case let .corrupt(reason):
            return "\(path) is damaged or not a database: \(reason). " + untouched
                + " Anima will not start a new creature over it: restore it from a backup, or move it aside to start anew."
        case .new, .anima:
            return "\(path) was refused"
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
