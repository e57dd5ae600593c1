import Foundation
import GRDB

/// A small key → JSON table (`runtime_state`) for state the runtime must keep across restarts: the last
/// verdict, the last sync time, counters. Values are JSON text so they stay readable with `sqlite3`.
public final class RuntimeStateStore: Sendable {
    private let database: AnimaDatabase
    private let clock: @Sendable () -> Double

    init(database: AnimaDatabase, clock: @escaping @Sendable () -> Double) {
        self.database = database
        self.clock = clock
    }

    /// Stores raw JSON text under `key`; rejects text that is not JSON so readers never meet garbage.
    public func setJSON(_ json: String, forKey key: String) throws(StoreError) {
        let now = StoreTimestamp.format(clock())
        try database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT json_valid(?)", arguments: [json]) == true else {
                throw StoreError.invalidValue(table: "runtime_state", key: key, message: "not valid JSON: \(json.prefix(80))")
            }
            try db.execute(
                sql: """
                    INSERT INTO runtime_state (key, value, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """,
                arguments: [key, json, now])
        }
    }

    /// The JSON text under `key`, or nil.
    public func json(forKey key: String) throws(StoreError) -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM runtime_state WHERE key = ?", arguments: [key])
        }
    }

    /// Encodes `value` as JSON (sorted keys) under `key`.
    public func set<Value: Encodable>(_ value: Value, forKey key: String) throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text: String
        do {
            text = String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .invalidValue(table: "runtime_state", key: key, message: "cannot encode: \(error)")
        }
        try setJSON(text, forKey: key)
    }

    /// Decodes the value under `key`, nil when absent; a stored value of another shape is an error naming the key.
    public func value<Value: Decodable>(_ type: Value.Type, forKey key: String) throws(StoreError) -> Value? {
        guard let text = try json(forKey: key) else { return nil }
        do {
            return try JSONDecoder().decode(Value.self, from: Data(text.utf8))
        } catch {
            throw .invalidValue(table: "runtime_state", key: key, message: "cannot decode as \(Value.self): \(error)")
        }
    }

    public func removeValue(forKey key: String) throws(StoreError) {
        try database.write { db in try db.execute(sql: "DELETE FROM runtime_state WHERE key = ?", arguments: [key]) }
    }

    /// Every key with its JSON text, sorted by key (for `anima status` and diagnostics).
    public func all() throws(StoreError) -> [(key: String, json: String)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT key, value FROM runtime_state ORDER BY key").map { ($0["key"], $0["value"]) }
        }
    }

    /// Adds `amount` to the integer counter under `key` inside an existing transaction.
    public func increment(_ key: String, by amount: Int = 1) throws(StoreError) {
        let now = clock()
        try database.write { db in try RuntimeStateStore.addCount(amount, key: key, at: now, in: db) }
    }

    /// The integer counter under `key` (0 when absent).
    public func counter(_ key: String) throws(StoreError) -> Int {
        try database.read { db in try RuntimeStateStore.count(key: key, in: db) }
    }

    static func addCount(_ amount: Int, key: String, at time: Double, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO runtime_state (key, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + excluded.value,
                    updated_at = excluded.updated_at
                """,
            arguments: [key, String(amount), StoreTimestamp.format(time)])
    }

    static func count(key: String, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM runtime_state WHERE key = ?", arguments: [key]) ?? 0
    }
}
