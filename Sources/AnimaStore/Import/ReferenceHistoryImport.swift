import Foundation
import GRDB

/// Copies the Python anima-mcp's rows into anima.db inside the caller's write transaction, streaming them (a creature's
/// years of `state_history` need not fit in a Pi's memory). Timestamps become anima's UTC text; every other value is
/// carried as it is once its type is the one anima's column holds (a row with a wrongly typed value is left behind and
/// named: anima would trap reading it back). Rows are read in row order (`rowid`, write order): only those after
/// `afterID` (the source row the last adopt reached), which makes a second adopt of the same source add nothing, and
/// the order places the second pass of a repeated daylight-saving hour after the first (`ReferenceLocalTime`).
struct ReferenceHistoryImport {
    /// One table: the columns copied besides `id` and `timestamp` (in the target's names, which are the reference's)
    /// with the type anima stores, those that must not be NULL, and values for columns an older reference did not
    /// have yet.
    struct Table {
        var name: String
        var columns: [(name: String, kind: SourceValue.Kind)]
        var required: Set<String> = []
        var defaults: [String: DatabaseValue] = [:]
    }

    static let events = Table(
        name: "events", columns: [("event_type", .text), ("data", .text)], required: ["event_type"],
        defaults: ["data": "{}".databaseValue])
    static let stateHistory = Table(
        name: "state_history",
        columns: [("warmth", .real), ("clarity", .real), ("stability", .real), ("presence", .real), ("sensors", .text), ("epoch", .integer)],
        defaults: ["sensors": "{}".databaseValue, "epoch": 1.databaseValue])
    /// Every column of the seed schema (anima-mcp `identity/store.py` `_init_schema`, plus its `epoch` migration).
    static let drawingHistory = Table(
        name: "drawing_history",
        columns: AnimaSchema.drawingHistoryColumns.dropFirst(2).map { (name: $0, kind: drawingHistoryKinds[$0] ?? .real) },
        required: ["E", "I", "S", "V", "C", "marks"],
        defaults: ["epoch": 1.databaseValue])
    static let drawingHistoryKinds: [String: SourceValue.Kind] = [
        "marks": .integer, "epoch": .integer, "phase": .text, "era": .text, "arc_phase": .text,
    ]

    /// At most this many skipped rows are described in the report; the rest are counted.
    static let describedSkips = 20

    struct Outcome {
        var imported = 0
        var lastSourceID: Int64
        var skipped = 0
        var skippedRows: [String] = []

        mutating func skip(_ reason: String) {
            skipped += 1
            if skippedRows.count < ReferenceHistoryImport.describedSkips { skippedRows.append(reason) }
        }
    }

    let time: ReferenceLocalTime
    let sourcePath: String

    func copy(_ table: Table, from source: Database, to target: Database, afterID: Int64) throws -> Outcome {
        var outcome = Outcome(lastSourceID: afterID)
        guard try source.tableExists(table.name) else { return outcome }
        let present = Set(try source.columns(in: table.name).map(\.name))
        let selected = table.columns.map { present.contains($0.name) ? "\"\($0.name)\"" : "NULL" }
        // The time of the row before the first one read, so a repeated hour right at the start is placed too.
        var previous = try DatabaseValue.fetchOne(
            source, sql: "SELECT timestamp FROM \(table.name) WHERE rowid <= ? ORDER BY rowid DESC LIMIT 1", arguments: [afterID]
        ).flatMap(SourceValue.text).flatMap { time.seconds($0) }
        let cursor = try Row.fetchCursor(
            source,
            sql: "SELECT rowid, timestamp, \(selected.joined(separator: ", ")) FROM \(table.name) WHERE rowid > ? ORDER BY rowid",
            arguments: [afterID])
        let insert = try target.makeStatement(
            sql: "INSERT INTO \(table.name) (timestamp, \(table.columns.map { "\"\($0.name)\"" }.joined(separator: ", "))) "
                + "VALUES (?\(String(repeating: ", ?", count: table.columns.count)))")
        while let row = try cursor.next() {
            let id = SourceValue.integer(row[0]).map(Int64.init) ?? outcome.lastSourceID
            outcome.lastSourceID = max(outcome.lastSourceID, id)
            let written: DatabaseValue = row[1]
            guard let text = SourceValue.text(written), let seconds = time.seconds(text, following: previous) else {
                outcome.skip("\(table.name) id \(id): timestamp \(SourceValue.shown(written)) is not a date")
                continue
            }
            var values: [DatabaseValue] = [StoreTimestamp.format(seconds).databaseValue]
            var problem: String?
            for (offset, column) in table.columns.enumerated() where problem == nil {
                var value: DatabaseValue = row[offset + 2]
                if value.isNull, let fallback = table.defaults[column.name] { value = fallback }
                if value.isNull, table.required.contains(column.name) {
                    problem = "\(column.name) is empty"
                } else if let conforming = SourceValue.conforming(value, to: column.kind) {
                    values.append(conforming)
                } else {
                    problem = "\(column.name) \(SourceValue.shown(value)) is not \(Self.expected(column.kind))"
                }
            }
            if let problem {
                outcome.skip("\(table.name) id \(id): \(problem)")
                continue
            }
            previous = seconds
            try insert.execute(arguments: StatementArguments(values))
            outcome.imported += 1
        }
        return outcome
    }

    static func expected(_ kind: SourceValue.Kind) -> String {
        switch kind {
        case .real: "a number"
        case .integer: "a whole number"
        case .text: "text"
        }
    }

    static func quoted(_ text: String?) -> String {
        guard let text else { return "NULL" }
        return "'" + String(text.prefix(40).map { $0.isASCII && !$0.isNewline ? $0 : "?" }) + "'"
    }
}
