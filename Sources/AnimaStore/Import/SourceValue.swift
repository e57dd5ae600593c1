import Foundation
import GRDB

/// Reads one value of the Python anima-mcp's database by its SQLite storage class, never by GRDB's converting
/// subscripts: those trap on a value of the wrong type (`total_awakenings = 'x'` was a SIGILL), and SQLite lets any
/// column hold any type. Each accessor returns nil for a value of another type; the caller names the table, column
/// and row in its message. `kind` is what anima's own column stores, so a value that passes is one anima reads back.
enum SourceValue {
    enum Kind: Sendable {
        case real
        case integer
        case text
    }

    /// The value as anima stores it in a column of `kind`, or nil when it is of another type. NULL stays NULL (the
    /// caller decides whether a column may be empty); a whole REAL in an INTEGER column (3.0) is that integer.
    static func conforming(_ value: DatabaseValue, to kind: Kind) -> DatabaseValue? {
        switch (kind, value.storage) {
        case (_, .null): return value
        case (.real, .int64), (.integer, .int64), (.text, .string): return value
        case let (.real, .double(number)): return number.isFinite ? value : nil
        case let (.integer, .double(number)): return Int64(exactly: number).map(\.databaseValue)
        default: return nil
        }
    }

    /// `row`'s value in `column`; NULL when the row has no such column (an older anima-mcp schema).
    static func column(_ row: Row, _ column: String) -> DatabaseValue {
        (row[column] as DatabaseValue?) ?? .null
    }

    static func text(_ value: DatabaseValue) -> String? {
        if case let .string(text) = value.storage { return text }
        return nil
    }

    static func integer(_ value: DatabaseValue) -> Int? {
        switch value.storage {
        case let .int64(number): return Int(exactly: number)
        case let .double(number): return Int(exactly: number)
        default: return nil
        }
    }

    static func real(_ value: DatabaseValue) -> Double? {
        switch value.storage {
        case let .int64(number): return Double(number)
        case let .double(number): return number.isFinite ? number : nil
        default: return nil
        }
    }

    /// The value for a message: text quoted and cut to 40 printable characters, numbers as written, a BLOB by size.
    static func shown(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "NULL"
        case let .int64(number): return String(number)
        case let .double(number): return String(number)
        case let .string(text): return ReferenceHistoryImport.quoted(text)
        case let .blob(data): return "a \(data.count)-byte BLOB"
        }
    }
}
