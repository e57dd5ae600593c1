import Foundation
import GRDB
import Logging

/// One queued governance summary: the client's uuid (the host deduplicates on it), when it was made, and
/// its JSON body (governance.md §5.1), opaque to the store.
public struct OutboxItem: Sendable, Equatable {
    public let id: String
    public let createdAt: Double
    public let payload: [UInt8]

    public init(id: String, createdAt: Double, payload: [UInt8]) {
        self.id = id
        self.createdAt = createdAt
        self.payload = payload
    }
}

/// The durable queue of summaries waiting for the governance host, in anima.db's `outbox` table.
///
/// The client appends a summary every governance interval; the sender reads the oldest rows, posts them and
/// removes them only after the host answered 2xx. The queue is bounded (`capacity`, default 20,000 rows: more
/// than 30 days at one summary per 180 s) so a host that never comes back cannot fill the SD card: when full,
/// the oldest rows are dropped and counted (`droppedCount()`, persisted), and a warning is logged when the
/// queue first reaches 80 % (`isNearlyFull()`).
public final class Outbox: Sendable {
    public static let defaultCapacity = 20_000
    public let capacity: Int
    private let database: AnimaDatabase
    private let logger: Logger
    private let warnedNearlyFull = LockedValue(false)
    static let droppedKey = "outbox.dropped"

    init(database: AnimaDatabase, capacity: Int, logger: Logger) {
        self.database = database
        self.capacity = max(1, capacity)
        self.logger = logger
    }

    /// Adds a summary; appending an id already queued changes nothing. Drops the oldest rows past `capacity`.
    public func append(id: String, payload: [UInt8], at time: Double) throws(StoreError) {
        let capacity = self.capacity
        let (depth, dropped) = try database.write { db -> (Int, Int) in
            try db.execute(
                sql: "INSERT OR IGNORE INTO outbox (id, created_at, payload) VALUES (?, ?, ?)",
                arguments: [id, time, Data(payload)])
            let depth = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
            guard depth > capacity else { return (depth, 0) }
            let excess = depth - capacity
            try db.execute(
                sql: "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT ?)",
                arguments: [excess])
            try RuntimeStateStore.addCount(excess, key: Outbox.droppedKey, at: time, in: db)
            return (capacity, excess)
        }
        if dropped > 0 {
            logger.warning("outbox full (\(capacity) rows): dropped the \(dropped) oldest summaries")
        }
        let nearlyFull = depth * 5 >= capacity * 4
        let shouldWarn = warnedNearlyFull.withLock { warned in
            defer { warned = nearlyFull }
            return nearlyFull && !warned
        }
        if shouldWarn {
            logger.warning("outbox is \(depth)/\(capacity) rows: the governance host has not accepted summaries for a while")
        }
    }

    /// The oldest `limit` summaries, oldest first.
    public func oldest(limit: Int) throws(StoreError) -> [OutboxItem] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, created_at, payload FROM outbox ORDER BY seq LIMIT ?", arguments: [max(0, limit)]
            ).map { row in
                let payload: [UInt8] = (row["payload"] as Data?).map { [UInt8]($0) } ?? []
                return OutboxItem(id: row["id"], createdAt: row["created_at"], payload: payload)
            }
        }
    }

    /// Removes the summaries the host accepted (ids not queued are ignored).
    public func remove(ids: [String]) throws(StoreError) {
        guard !ids.isEmpty else { return }
        try database.write { db in
            let statement = try db.cachedStatement(sql: "DELETE FROM outbox WHERE id = ?")
            for id in ids { try statement.execute(arguments: [id]) }
        }
    }

    /// Moves one summary the host refused (HTTP `status`, its `reason`) out of the queue into `outbox_quarantine`, in
    /// one transaction: it is kept for inspection, never resent, and no longer blocks the rows behind it.
    public func quarantine(id: String, status: Int, reason: String, at time: Double) throws(StoreError) {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO outbox_quarantine (id, created_at, payload, quarantined_at, status, reason)
                    SELECT id, created_at, payload, ?, ?, ? FROM outbox WHERE id = ?
                    """,
                arguments: [time, status, String(reason.prefix(500)), id])
            try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id])
        }
        logger.warning("quarantined summary \(id): the governance host refused it (HTTP \(status)): \(reason.prefix(200))")
    }

    /// Summaries the host refused and that are kept aside (`quarantine`).
    public func quarantinedCount() throws(StoreError) -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox_quarantine") ?? 0 }
    }

    /// Summaries waiting.
    public func depth() throws(StoreError) -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    /// Summaries dropped because the queue was full, over the database's lifetime.
    public func droppedCount() throws(StoreError) -> Int {
        try database.read { db in try RuntimeStateStore.count(key: Outbox.droppedKey, in: db) }
    }

    /// True from 80 % of `capacity`.
    public func isNearlyFull() throws(StoreError) -> Bool {
        try depth() * 5 >= capacity * 4
    }
}
