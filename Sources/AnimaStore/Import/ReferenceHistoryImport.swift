import Foundation
import GRDB

/// Copies the Python anima-mcp's rows into anima.db inside the caller's write transaction, streaming them (a creature's
/// years of `state_history` need not fit in a Pi's memory). Timestamps become anima's UTC text; every other value is
/// carried as it is. Only rows after `afterID` (the source id the last adopt reached) are read, which makes a second
/// adopt of the same source add nothing, and one after the Python creature lived on add only what is new.
struct ReferenceHistoryImport {
    /// One table: the columns copied besides `id` and `timestamp` (in the target's names, which are the reference's),
    /// those that must not be NULL, and values for columns an older reference did not have yet.
    struct Table {
        var name: String
        var columns: [String]
        var required: Set<String> = []
        var defaults: [String: DatabaseValue] = [:]
    }

    static let events = Table(name: "events", columns: ["event_type", "data"], required: ["event_type"], defaults: ["data": "{}".databaseValue])
    static let stateHistory = Table(
        name: "state_history", columns: ["warmth", "clarity", "stability", "presence", "sensors", "epoch"],
        defaults: ["sensors": "{}".databaseValue, "epoch": 1.databaseValue])
    /// Every column of the seed schema (anima-mcp `identity/store.py` `_init_schema`, plus its `epoch` migration).
    static let drawingHistory = Table(
        name: "drawing_history",
        columns: Array(AnimaSchema.drawingHistoryColumns.dropFirst(2)),
        required: ["E", "I", "S", "V", "C", "marks"],
        defaults: ["epoch": 1.databaseValue])

    struct Outcome {
        var imported = 0
        var lastSourceID: Int64
        var skipped: [String] = []
    }

    let time: ReferenceLocalTime
    let sourcePath: String

    func copy(_ table: Table, from source: Database, to target: Database, afterID: Int64) throws -> Outcome {
        var outcome = Outcome(lastSourceID: afterID)
        guard try source.tableExists(table.name) else { return outcome }
        let present = Set(try source.columns(in: table.name).map(\.name))
        let selected = table.columns.map { present.contains($0) ? "\"\($0)\"" : "NULL" }
        let cursor = try Row.fetchCursor(
            source,
            sql: "SELECT id, timestamp, \(selected.joined(separator: ", ")) FROM \(table.name) WHERE id > ? ORDER BY id",
            arguments: [afterID])
        let insert = try target.makeStatement(
            sql: "INSERT INTO \(table.name) (timestamp, \(table.columns.map { "\"\($0)\"" }.joined(separator: ", "))) "
                + "VALUES (?\(String(repeating: ", ?", count: table.columns.count)))")
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            outcome.lastSourceID = max(outcome.lastSourceID, id)
            let written: String? = row[1]
            guard let written, let timestamp = time.storeTimestamp(written) else {
                outcome.skipped.append("\(table.name) id \(id): timestamp \(Self.quoted(written)) is not a date")
                continue
            }
            var values: [DatabaseValue] = [timestamp.databaseValue]
            var missing: String?
            for (offset, column) in table.columns.enumerated() {
                var value: DatabaseValue = row[offset + 2]
                if value.isNull, let fallback = table.defaults[column] { value = fallback }
                if value.isNull, table.required.contains(column) { missing = column }
                values.append(value)
            }
            if let missing {
                outcome.skipped.append("\(table.name) id \(id): \(missing) is empty")
                continue
            }
            try insert.execute(arguments: StatementArguments(values))
            outcome.imported += 1
        }
        return outcome
    }

    static func quoted(_ text: String?) -> String {
        guard let text else { return "NULL" }
        return "'" + String(text.prefix(40).map { $0.isASCII && !$0.isNewline ? $0 : "?" }) + "'"
    }
}
