import CAnimaLibPQ

/// The rows of one result, copied out of libpq as text (PostgreSQL's text format), with typed accessors.
public struct PostgresRows: Sendable {
    public let columns: [String]
    /// Values per row, nil for SQL NULL.
    public let values: [[String?]]
    /// Rows affected by INSERT/UPDATE/DELETE (0 otherwise).
    public let affected: Int

    init(_ result: OpaquePointer) {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        values = (0..<rowCount).map { row in
            (0..<columnCount).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1
                    ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            }
        }
        affected = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public var count: Int { values.count }

    public subscript(row: Int) -> PostgresRow { PostgresRow(columns: columns, values: values[row]) }

    public var rows: [PostgresRow] { values.map { PostgresRow(columns: columns, values: $0) } }
}

/// One row; columns are looked up by name.
public struct PostgresRow: Sendable {
    let columns: [String]
    let values: [String?]

    /// The raw text of a column, nil for NULL.
    public func text(_ column: String) throws(PostgresError) -> String? {
        guard let index = columns.firstIndex(of: column) else {
            throw .decoding(column: column, detail: "no such column (have \(columns.joined(separator: ", ")))")
        }
        return values[index]
    }

    public func string(_ column: String) throws(PostgresError) -> String {
        guard let value = try text(column) else { throw .decoding(column: column, detail: "is NULL") }
        return value
    }

    public func int(_ column: String) throws(PostgresError) -> Int {
        let value = try string(column)
        guard let number = Int(value) else { throw .decoding(column: column, detail: "'\(value)' is not an integer") }
        return number
    }

    public func double(_ column: String) throws(PostgresError) -> Double {
        let value = try string(column)
        guard let number = Double(value) else { throw .decoding(column: column, detail: "'\(value)' is not a number") }
        return number
    }

    public func bool(_ column: String) throws(PostgresError) -> Bool {
        switch try string(column) {
        case "t": return true
        case "f": return false
        case let other: throw .decoding(column: column, detail: "'\(other)' is not a boolean")
        }
    }
}
