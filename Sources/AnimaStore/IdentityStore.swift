import Foundation
import GRDB

/// The creature's identity across restarts: birth, awakenings, alive time, name (spec §3.3).
///
/// Semantics follow the reference exactly: `wake` deduplicates wakes within 300 s (crash loops log one wake),
/// recounts awakenings from the events (the first wake ever, and wakes that follow a `sleep` by < 300 s),
/// takes alive time as `max(Σ sleep.session_seconds, persisted total)`, adds the gap since the last heartbeat
/// on a deduplicated quick restart ("blinking, not gone"), and then recovers time lost to crashes from
/// `state_history`. `heartbeat` saves alive time at most every 30 s, so a crash loses at most that much.
/// The clock is injected (seconds since 1970) so every rule is tested exactly.
public final class IdentityStore: Sendable {
    /// A wake within this many seconds of a `sleep` is a graceful restart and counts as an awakening.
    public static let gracefulRestartWindow: Double = 300
    /// The `runtime_state` key naming the creature this anima.db holds (set at first birth, or by `anima adopt`).
    public static let creatureIDKey = "creature_id"

    private struct Session {
        var identity: CreatureIdentity?
        var sessionStart: Double?
    }

    private let database: AnimaDatabase
    private let clock: @Sendable () -> Double
    private let session = LockedValue(Session())

    init(database: AnimaDatabase, clock: @escaping @Sendable () -> Double) {
        self.database = database
        self.clock = clock
    }

    /// The identity of the current session, nil before `wake`.
    public var identity: CreatureIdentity? { session.withLock { $0.identity } }

    /// Seconds since this session's wake (0 before wake).
    public func sessionAliveSeconds() -> Double {
        let now = clock()
        return session.withLock { state in state.sessionStart.map { max(0, now - $0) } ?? 0 }
    }

    /// Wakes the creature `creatureID`, creating it on first birth; see the type's comment for the rules.
    @discardableResult
    public func wake(creatureID: String, dedupeWindowSeconds: Double = 300) throws(StoreError) -> CreatureIdentity {
        let now = clock()
        let nowText = StoreTimestamp.format(now)
        let identity = try database.write { db -> CreatureIdentity in
            var row = try Row.fetchOne(db, sql: "SELECT * FROM identity WHERE creature_id = ?", arguments: [creatureID])
            if row == nil {
                try db.execute(
                    sql: """
                        INSERT INTO identity (creature_id, born_at, total_awakenings, total_alive_seconds, name,
                            name_history, metadata)
                        VALUES (?, ?, 0, 0.0, NULL, '[]', '{}')
                        """,
                    arguments: [creatureID, nowText])
                row = try Row.fetchOne(db, sql: "SELECT * FROM identity WHERE creature_id = ?", arguments: [creatureID])
            }
            guard let row else { throw StoreError.invalidValue(table: "identity", key: creatureID, message: "row vanished") }

            let lastWake = try String.fetchOne(
                db, sql: "SELECT timestamp FROM events WHERE event_type = 'wake' ORDER BY timestamp DESC LIMIT 1"
            ).flatMap(StoreTimestamp.parse)
            let deduplicated = lastWake.map { now - $0 < dedupeWindowSeconds } ?? false
            var wakeEventID: Int64?
            if !deduplicated {
                try db.execute(
                    sql: "INSERT INTO events (timestamp, event_type, data) VALUES (?, 'wake', '{}')", arguments: [nowText])
                wakeEventID = db.lastInsertedRowID
            }

            let awakenings = try Self.countAwakenings(db)
            var alive = try Self.aliveSeconds(db, creatureID: creatureID)
            if deduplicated, let heartbeat = (row["last_heartbeat_at"] as String?).flatMap(StoreTimestamp.parse) {
                let gap = now - heartbeat
                if gap >= 0 && gap < dedupeWindowSeconds { alive += gap }
            }
            if let wakeEventID {
                try db.execute(
                    sql: "UPDATE events SET data = ? WHERE id = ?",
                    arguments: [JSONText.encode(["awakening": awakenings]), wakeEventID])
            }
            try db.execute(
                sql: """
                    UPDATE identity SET total_awakenings = ?, total_alive_seconds = ?, last_heartbeat_at = ?
                    WHERE creature_id = ?
                    """,
                arguments: [awakenings, alive, nowText, creatureID])

            let historyText: String = row["name_history"] ?? "[]"
            return CreatureIdentity(
                creatureID: creatureID, bornAt: StoreTimestamp.parse(row["born_at"]) ?? now,
                totalAwakenings: awakenings, totalAliveSeconds: alive, name: row["name"],
                nameHistory: JSONText.decode([NameHistoryEntry].self, from: historyText) ?? [],
                currentAwakeningAt: now, lastHeartbeatAt: nil, metadata: row["metadata"] ?? "{}")
        }
        session.withLock { state in
            state.identity = identity
            state.sessionStart = now
        }
        try recoverLostTime()
        return self.identity ?? identity
    }

    /// Ends the session: saves the time since the last heartbeat, logs `sleep` with the session's length and
    /// returns that length (0 before wake).
    @discardableResult
    public func sleep() throws(StoreError) -> Double {
        let now = clock()
        return try session.withLock { (state: inout Session) throws(StoreError) -> Double in
            guard var identity = state.identity, let start = state.sessionStart else { return 0 }
            let sessionSeconds = now - start
            identity.totalAliveSeconds += now - (identity.lastHeartbeatAt ?? start)
            identity.lastHeartbeatAt = now
            let total = identity.totalAliveSeconds
            try database.write { db in
                try db.execute(
                    sql: "UPDATE identity SET total_alive_seconds = ?, last_heartbeat_at = ? WHERE creature_id = ?",
                    arguments: [total, StoreTimestamp.format(now), identity.creatureID])
                try db.execute(
                    sql: "INSERT INTO events (timestamp, event_type, data) VALUES (?, 'sleep', ?)",
                    arguments: [StoreTimestamp.format(now), JSONText.encode(["session_seconds": sessionSeconds])])
                // The session's rows counted now, so the next wake has nothing to read.
                _ = try StateHistoryContinuity.catchUp(db)
            }
            state.identity = identity
            return sessionSeconds
        }
    }

    /// Saves alive time if at least `minIntervalSeconds` passed since the last save; returns the seconds saved.
    @discardableResult
    public func heartbeat(minIntervalSeconds: Double = 30) throws(StoreError) -> Double {
        let now = clock()
        return try session.withLock { (state: inout Session) throws(StoreError) -> Double in
            guard var identity = state.identity, let start = state.sessionStart else { return 0 }
            let elapsed = now - (identity.lastHeartbeatAt ?? start)
            guard elapsed >= minIntervalSeconds else { return 0 }
            identity.totalAliveSeconds += elapsed
            identity.lastHeartbeatAt = now
            let total = identity.totalAliveSeconds
            try database.write { db in
                try db.execute(
                    sql: "UPDATE identity SET total_alive_seconds = ?, last_heartbeat_at = ? WHERE creature_id = ?",
                    arguments: [total, StoreTimestamp.format(now), identity.creatureID])
            }
            state.identity = identity
            return elapsed
        }
    }

    /// Adds alive time that crashes lost: sums gaps ≤ 600 s between consecutive `state_history` rows (a running
    /// total, `StateHistoryContinuity`: only rows new since the last wake or sleep are read); if that exceeds the
    /// recorded alive time by more than 60 s, adds the difference and logs `time_recovery`. Returns the seconds added.
    @discardableResult
    public func recoverLostTime() throws(StoreError) -> Double {
        let now = clock()
        return try session.withLock { (state: inout Session) throws(StoreError) -> Double in
            guard var identity = state.identity else { return 0 }
            let recorded = identity.totalAliveSeconds
            let recovered = try database.write { db -> Double in
                let continuous = try StateHistoryContinuity.catchUp(db)
                let missing = max(0, continuous - recorded)
                guard missing > 60 else { return 0 }
                try db.execute(
                    sql: "UPDATE identity SET total_alive_seconds = ? WHERE creature_id = ?",
                    arguments: [recorded + missing, identity.creatureID])
                try db.execute(
                    sql: "INSERT INTO events (timestamp, event_type, data) VALUES (?, 'time_recovery', ?)",
                    arguments: [
                        StoreTimestamp.format(now),
                        JSONText.encode([
                            "recovered_seconds": missing, "recorded_time": recorded, "calculated_time": continuous,
                        ]),
                    ])
                return missing
            }
            identity.totalAliveSeconds += recovered
            state.identity = identity
            return recovered
        }
    }

    /// Names the creature; the previous name goes to `name_history` with the time it ended.
    public func setName(_ name: String) throws(StoreError) {
        let now = StoreTimestamp.format(clock())
        try session.withLock { (state: inout Session) throws(StoreError) in
            guard var identity = state.identity else { throw .notAwake(operation: "setName") }
            if let old = identity.name { identity.nameHistory.append(NameHistoryEntry(name: old, until: now)) }
            identity.name = name
            let history = JSONText.encode(identity.nameHistory)
            try database.write { db in
                try db.execute(
                    sql: "UPDATE identity SET name = ?, name_history = ? WHERE creature_id = ?",
                    arguments: [name, history, identity.creatureID])
                try db.execute(
                    sql: "INSERT INTO events (timestamp, event_type, data) VALUES (?, 'name_change', ?)",
                    arguments: [now, JSONText.encode(["new_name": name])])
            }
            state.identity = identity
        }
    }

    /// Appends `samples` to `state_history` (epoch 1) in one transaction, each at its own time.
    public func recordStates(_ samples: [StateSample]) throws(StoreError) {
        guard !samples.isEmpty else { return }
        try database.write { db in
            for sample in samples {
                try db.execute(
                    sql: """
                        INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors, epoch)
                        VALUES (?, ?, ?, ?, ?, ?, 1)
                        """,
                    arguments: [
                        StoreTimestamp.format(sample.time), sample.warmth, sample.clarity, sample.stability, sample.presence,
                        JSONText.encode(sample.sensors),
                    ])
            }
        }
    }

    /// Appends one `state_history` row (epoch 1) with the sensor readings as JSON.
    public func recordState(
        warmth: Double, clarity: Double, stability: Double, presence: Double, sensors: [String: Double] = [:]
    ) throws(StoreError) {
        let now = StoreTimestamp.format(clock())
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors, epoch)
                    VALUES (?, ?, ?, ?, ?, ?, 1)
                    """,
                arguments: [now, warmth, clarity, stability, presence, JSONText.encode(sensors)])
        }
    }

    /// The newest `limit` state rows, oldest first.
    public func recentStateHistory(limit: Int = 30) throws(StoreError) -> [StateHistoryRow] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (SELECT * FROM state_history ORDER BY timestamp DESC, id DESC LIMIT ?)
                    ORDER BY timestamp, id
                    """,
                arguments: [max(0, limit)]
            ).map { row in
                StateHistoryRow(
                    id: row["id"], timestamp: row["timestamp"], warmth: row["warmth"], clarity: row["clarity"],
                    stability: row["stability"], presence: row["presence"], sensors: row["sensors"] ?? "{}",
                    epoch: row["epoch"])
            }
        }
    }

    /// The creature as anima.db holds it between sessions (`anima identity`): the one named by `runtime_state`'s
    /// creature_id, else the only identity row; nil before the first birth or adoption.
    public func stored() throws(StoreError) -> CreatureIdentity? {
        try database.read { db in
            let named = try String.fetchOne(
                db, sql: "SELECT json_extract(value, '$') FROM runtime_state WHERE key = ?", arguments: [Self.creatureIDKey])
            let row =
                try named.flatMap { try Row.fetchOne(db, sql: "SELECT * FROM identity WHERE creature_id = ?", arguments: [$0]) }
                ?? Row.fetchOne(db, sql: "SELECT * FROM identity ORDER BY born_at LIMIT 1")
            guard let row, let creatureID = row["creature_id"] as String? else { return nil }
            let historyText: String = row["name_history"] ?? "[]"
            return CreatureIdentity(
                creatureID: creatureID, bornAt: StoreTimestamp.parse(row["born_at"] ?? "") ?? 0,
                totalAwakenings: row["total_awakenings"] ?? 0, totalAliveSeconds: row["total_alive_seconds"] ?? 0,
                name: row["name"], nameHistory: JSONText.decode([NameHistoryEntry].self, from: historyText) ?? [],
                currentAwakeningAt: nil, lastHeartbeatAt: (row["last_heartbeat_at"] as String?).flatMap(StoreTimestamp.parse),
                metadata: row["metadata"] ?? "{}")
        }
    }

    /// The newest `limit` events, oldest first.
    public func recentEvents(limit: Int = 100) throws(StoreError) -> [IdentityEvent] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM (SELECT * FROM events ORDER BY id DESC LIMIT ?) ORDER BY id",
                arguments: [max(0, limit)]
            ).map { row in
                IdentityEvent(id: row["id"], timestamp: row["timestamp"], type: row["event_type"], data: row["data"] ?? "{}")
            }
        }
    }

    /// Alive time as the reference recounts it at wake: the larger of the sleeps' session seconds and the persisted
    /// total (heartbeats keep the latter for sessions that crashed without a sleep).
    static func aliveSeconds(_ db: Database, creatureID: String) throws -> Double {
        let slept = try Double.fetchOne(
            db, sql: "SELECT SUM(json_extract(data, '$.session_seconds')) FROM events WHERE event_type = 'sleep'") ?? 0
        let persisted = try Double.fetchOne(
            db, sql: "SELECT total_alive_seconds FROM identity WHERE creature_id = ?", arguments: [creatureID]) ?? 0
        return max(slept, persisted)
    }

    /// Awakenings as the reference counts them: the first wake ever, plus every wake with a `sleep` less
    /// than 300 s before it (a graceful restart); wakes after crashes without a sleep do not count.
    static func countAwakenings(_ db: Database) throws -> Int {
        let rows = try Row.fetchAll(
            db, sql: "SELECT timestamp, event_type FROM events WHERE event_type IN ('wake', 'sleep') ORDER BY timestamp, id")
        var sawWake = false
        var sleeps: [Double] = []
        var count = 0
        for row in rows {
            guard let time = StoreTimestamp.parse(row["timestamp"]) else { continue }
            if (row["event_type"] as String) == "sleep" {
                sleeps.append(time)
                continue
            }
            let followsSleep = sleeps.contains { $0 < time && time - $0 < gracefulRestartWindow }
            if !sawWake || followsSleep { count += 1 }
            sawWake = true
        }
        return count
    }
}
