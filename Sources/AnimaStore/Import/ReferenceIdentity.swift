import Foundation
import GRDB

/// The Python anima-mcp's `identity` row, read from its database and converted to anima's timestamps.
struct ReferenceIdentity {
    var creatureID: String
    var bornAt: String
    var totalAwakenings: Int
    var totalAliveSeconds: Double
    var name: String?
    /// JSON text: `[{"name": …, "until": <anima UTC>}]`.
    var nameHistory: String
    var metadata: String
    var lastHeartbeatAt: String?

    /// Reads the identity row to adopt: the only one, or the one `creature` names. Two or more without a choice are
    /// refused, listing them (anima-mcp's history tables do not say whose rows are whose, so anima cannot pick for
    /// the owner). Every value is read by its type (`SourceValue`); errors are sentences naming the column, the row
    /// and the value.
    static func read(_ db: Database, time: ReferenceLocalTime, creature: String? = nil) throws(ReferenceIdentityError) -> ReferenceIdentity {
        let rows: [Row]
        let columns: Set<String>
        let firstByQuery: DatabaseValue?
        do {
            columns = Set(try db.columns(in: "identity").map(\.name))
            rows = try Row.fetchAll(db, sql: "SELECT rowid AS anima_rowid, * FROM identity ORDER BY rowid")
            // What anima-mcp itself asks when ANIMA_ID is unset (`stable_creature.py`, `lifecycle.py`).
            firstByQuery = try DatabaseValue.fetchOne(db, sql: "SELECT creature_id FROM identity LIMIT 1")
        } catch {
            throw ReferenceIdentityError("its identity table cannot be read (\(StoreError.wrap(error)))")
        }
        guard !rows.isEmpty else {
            throw ReferenceIdentityError("its identity table holds no creature: the Python creature never woke")
        }
        let chosen: Row
        if let creature {
            guard let match = rows.first(where: { SourceValue.text(SourceValue.column($0, "creature_id")) == creature }) else {
                throw ReferenceIdentityError(
                    "--creature \(creature) is not in its identity table, which holds: \(rows.map(describe).joined(separator: "; "))")
            }
            chosen = match
        } else if rows.count > 1 {
            let hint = firstByQuery.flatMap(SourceValue.text).map { "; without ANIMA_ID set, anima-mcp woke as \($0)" } ?? ""
            throw ReferenceIdentityError(
                "its identity table holds \(rows.count) creatures: \(rows.map(describe).joined(separator: "; ")). "
                    + "anima-mcp woke as the one its unit's ANIMA_ID named\(hint). Its events and history do not say whose "
                    + "they are, so all of them come with the creature you choose: run again with --creature ID")
        } else {
            chosen = rows[0]
        }
        return try decode(chosen, columns: columns, time: time)
    }

    /// One identity row for the lists above: id, name, birth and awakenings as anima-mcp wrote them.
    static func describe(_ row: Row) -> String {
        let id = SourceValue.shown(SourceValue.column(row, "creature_id"))
        let name = SourceValue.text(SourceValue.column(row, "name")).map { " '\($0)'" } ?? ""
        return "\(id)\(name) born \(SourceValue.shown(SourceValue.column(row, "born_at"))), \(SourceValue.shown(SourceValue.column(row, "total_awakenings"))) awakenings"
    }

    static func decode(_ row: Row, columns: Set<String>, time: ReferenceLocalTime) throws(ReferenceIdentityError) -> ReferenceIdentity {
        let rowID: Int64 = SourceValue.integer(SourceValue.column(row, "anima_rowid")).map(Int64.init) ?? 0
        func wrong(_ column: String, _ expected: String) -> ReferenceIdentityError {
            ReferenceIdentityError("identity.\(column) of row \(rowID) is \(SourceValue.shown(SourceValue.column(row, column))), not \(expected)")
        }
        guard let creatureID = SourceValue.text(SourceValue.column(row, "creature_id")), !creatureID.isEmpty else {
            throw wrong("creature_id", "a creature id (text)")
        }
        guard let bornText = SourceValue.text(SourceValue.column(row, "born_at")), let bornAt = time.storeTimestamp(bornText) else {
            throw wrong("born_at", "a date and time")
        }
        func optional<Value>(_ column: String, _ read: (DatabaseValue) -> Value?, _ expected: String) throws(ReferenceIdentityError) -> Value? {
            guard columns.contains(column) else { return nil }
            let value = SourceValue.column(row, column)
            if value.isNull { return nil }
            guard let decoded = read(value) else { throw wrong(column, expected) }
            return decoded
        }
        let awakenings = try optional("total_awakenings", SourceValue.integer, "a whole number") ?? 0
        let alive = try optional("total_alive_seconds", SourceValue.real, "a number of seconds") ?? 0
        guard awakenings >= 0 else { throw wrong("total_awakenings", "a count (it is negative)") }
        guard alive >= 0 else { throw wrong("total_alive_seconds", "a duration (it is negative)") }
        let heartbeat = try optional("last_heartbeat_at", SourceValue.text, "a date and time")
        return ReferenceIdentity(
            creatureID: creatureID, bornAt: bornAt,
            totalAwakenings: awakenings,
            totalAliveSeconds: alive,
            name: try optional("name", SourceValue.text, "text"),
            nameHistory: try convertNameHistory(try optional("name_history", SourceValue.text, "a JSON list") ?? "[]", time: time),
            metadata: try optional("metadata", SourceValue.text, "JSON text") ?? "{}",
            lastHeartbeatAt: heartbeat.flatMap(time.storeTimestamp))
    }

    /// The reference appends `{"name": old, "until": datetime.now().isoformat()}` on each rename (`set_name`).
    static func convertNameHistory(_ text: String, time: ReferenceLocalTime) throws(ReferenceIdentityError) -> String {
        guard let entries = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any] else {
            throw ReferenceIdentityError("identity.name_history \(ReferenceHistoryImport.quoted(text)) is not a JSON list")
        }
        let converted: [Any] = entries.map { entry in
            guard var record = entry as? [String: Any], let until = record["until"] as? String,
                let utc = time.storeTimestamp(until)
            else { return entry }
            record["until"] = utc
            return record
        }
        guard let data = try? JSONSerialization.data(withJSONObject: converted, options: [.sortedKeys]) else {
            throw ReferenceIdentityError("identity.name_history cannot be re-encoded")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct ReferenceIdentityError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
