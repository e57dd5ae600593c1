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

    /// Reads the one identity row (the reference keeps exactly one). Errors are sentences naming the column and value.
    static func read(_ db: Database, time: ReferenceLocalTime) throws(ReferenceIdentityError) -> ReferenceIdentity {
        let row: Row?
        let columns: Set<String>
        do {
            columns = Set(try db.columns(in: "identity").map(\.name))
            row = try Row.fetchOne(db, sql: "SELECT * FROM identity ORDER BY born_at LIMIT 1")
        } catch {
            throw ReferenceIdentityError("its identity table cannot be read (\(StoreError.wrap(error)))")
        }
        guard let row, let creatureID = row["creature_id"] as String?, !creatureID.isEmpty else {
            throw ReferenceIdentityError("its identity table holds no creature: the Python creature never woke")
        }
        let bornText: String? = row["born_at"]
        guard let bornText, let bornAt = time.storeTimestamp(bornText) else {
            throw ReferenceIdentityError("identity.born_at \(ReferenceHistoryImport.quoted(bornText)) is not a date")
        }
        let heartbeatText: String? = columns.contains("last_heartbeat_at") ? row["last_heartbeat_at"] : nil
        return ReferenceIdentity(
            creatureID: creatureID, bornAt: bornAt,
            totalAwakenings: row["total_awakenings"] ?? 0,
            totalAliveSeconds: row["total_alive_seconds"] ?? 0,
            name: row["name"],
            nameHistory: try convertNameHistory(row["name_history"] ?? "[]", time: time),
            metadata: row["metadata"] ?? "{}",
            lastHeartbeatAt: heartbeatText.flatMap(time.storeTimestamp))
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
