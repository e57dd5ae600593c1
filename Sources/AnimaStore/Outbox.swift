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
/// the oldest rows are dropped and counted (`droppedCount()`, persisted) with at most one warning an hour (a full
/// queue drops one row per summary; a line each time filled the journal), and a warning is logged when the
/// queue first reaches 80 % (`isNearlyFull()`).
///
/// Rows are decoded defensively: a row whose columns are not of their types (edited by hand, a damaged page that still
/// reads) is moved to `outbox_quarantine` with one log line instead of trapping the process at every start.
public final class Outbox: Sendable {
    public static let defaultCapacity = 20_000
    public let capacity: Int
    private let database: AnimaDatabase
    private let logger: Logger
    private let warnedNearlyFull = LockedValue(false)
    private let fullWarnings = LockedValue(FullWarnings())
    /// Seconds between two "outbox full" warnings.
    static let fullWarningInterval = 3600.0

    /// Drops not yet reported, and when the last warning went out.
    struct FullWarnings {
        var lastAt: Double?
        var unreported = 0
    }
    static let droppedKey = "outbox.dropped"

    init(database: AnimaDatabase, capacity: Int, logger: Logger) {
        self.database = database
        self.capacity = max(1, capacity)
        self.logger = logger
    }

    /// Adds a summary; appending an id already queued changes nothing. Drops the oldest rows past `capacity`.
    /// `counter`: a runtime-state counter to add 1 to in the same transaction (the client's "summaries created"), so a
    /// crash between the two can never leave the count and the queue apart.
    public func append(id: String, payload: [UInt8], at time: Double, counting counter: String? = nil) throws(StoreError) {
        let capacity = self.capacity
        let (depth, dropped) = try database.write { db -> (Int, Int) in
            try db.execute(
                sql: "INSERT OR IGNORE INTO outbox (id, created_at, payload) VALUES (?, ?, ?)",
                arguments: [id, time, Data(payload)])
            if let counter, db.changesCount > 0 { try RuntimeStateStore.addCount(1, key: counter, at: time, in: db) }
            let depth = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
            guard depth > capacity else { return (depth, 0) }
            let excess = depth - capacity
            try db.execute(
                sql: "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT ?)",
                arguments: [excess])
            try RuntimeStateStore.addCount(excess, key: Outbox.droppedKey, at: time, in: db)
            return (capacity, excess)
        }
        if dropped > 0 { warnFull(dropped: dropped, at: time) }
        let nearlyFull = depth * 5 >= capacity * 4
        let shouldWarn = warnedNearlyFull.withLock { warned in
            defer { warned = nearlyFull }
            return nearlyFull && !warned
        }
        if shouldWarn {
            logger.warning("outbox is \(depth)/\(capacity) rows: the governance host has not accepted summaries for a while")
        }
    }

    /// One warning per `fullWarningInterval` while the queue stays full, with the drops since the last one.
    private func warnFull(dropped: Int, at time: Double) {
        let report = fullWarnings.withLock { state -> Int? in
            state.unreported += dropped
            if let last = state.lastAt, time >= last, time - last < Self.fullWarningInterval { return nil }
            defer { state = FullWarnings(lastAt: time, unreported: 0) }
            return state.unreported
        }
        guard let report else { return }
        logger.warning(
            "outbox full (\(capacity) rows): dropped the \(report) oldest summaries; the governance host has not taken any for a while (next such line in an hour at most)")
    }

    /// The oldest `limit` summaries, oldest first. A row that does not decode is quarantined (one log line) and skipped.
    public func oldest(limit: Int) throws(StoreError) -> [OutboxItem] {
        while true {
            let (items, unreadable) = try database.read { db -> ([OutboxItem], [(seq: Int64, problem: String)]) in
                var items: [OutboxItem] = []
                var unreadable: [(seq: Int64, problem: String)] = []
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT seq, id, created_at, payload FROM outbox ORDER BY seq LIMIT ?", arguments: [max(0, limit)])
                while let row = try rows.next() {
                    switch Self.item(row) {
                    case let .success(item): items.append(item)
                    case let .failure(problem): unreadable.append((Int64.fromDatabaseValue(row["seq"]) ?? -1, problem.text))
                    }
                }
                return (items, unreadable)
            }
            guard !unreadable.isEmpty else { return items }
            try quarantineUnreadable(unreadable)
        }
    }

    /// Why a row could not be read, for its log line and quarantine reason.
    struct UnreadableRow: Error { let text: String }

    static func item(_ row: Row) -> Result<OutboxItem, UnreadableRow> {
        let idValue: DatabaseValue = row["id"]
        let createdValue: DatabaseValue = row["created_at"]
        let payloadValue: DatabaseValue = row["payload"]
        guard let id = String.fromDatabaseValue(idValue) else { return .failure(UnreadableRow(text: "id is \(idValue)")) }
        guard let createdAt = Double.fromDatabaseValue(createdValue), createdAt.isFinite else {
            return .failure(UnreadableRow(text: "created_at of \(id) is \(Self.shown(createdValue)), not a number"))
        }
        guard case let .blob(payload) = payloadValue.storage else {
            return .failure(UnreadableRow(text: "payload of \(id) is \(Self.shown(payloadValue)), not a blob"))
        }
        return .success(OutboxItem(id: id, createdAt: createdAt, payload: [UInt8](payload)))
    }

    /// A column value for a log line: its SQL text, at most 40 characters.
    static func shown(_ value: DatabaseValue) -> String { String(value.description.prefix(40)) }

    /// Moves rows that do not decode (by `seq`: their id may be what is wrong) to the quarantine, one log line each.
    private func quarantineUnreadable(_ rows: [(seq: Int64, problem: String)]) throws(StoreError) {
        let now = Date().timeIntervalSince1970
        try database.write { db in
            for row in rows {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO outbox_quarantine (id, created_at, payload, quarantined_at, status, reason)
                        SELECT CAST(id AS TEXT), created_at, payload, ?, 0, ? FROM outbox WHERE seq = ?
                        """,
                    arguments: [now, "unreadable row in anima.db: \(row.problem)", row.seq])
                try db.execute(sql: "DELETE FROM outbox WHERE seq = ?", arguments: [row.seq])
            }
        }
        for row in rows {
            logger.error("outbox row \(row.seq) is unreadable (\(row.problem)): moved to outbox_quarantine; the rest are sent")
        }
    }

    /// Puts every quarantined summary back at the end of the queue (`anima sync --requeue-quarantined`, after the cause
    /// was fixed); returns how many. A `created_at` that is not a number is replaced by when it was quarantined.
    @discardableResult
    public func requeueQuarantined() throws(StoreError) -> Int {
        try database.write { db -> Int in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO outbox (id, created_at, payload)
                    SELECT id, CASE WHEN typeof(created_at) IN ('real', 'integer') THEN created_at ELSE quarantined_at END, payload
                    FROM outbox_quarantine ORDER BY quarantined_at
                    """)
            let requeued = db.changesCount
            try db.execute(sql: "DELETE FROM outbox_quarantine WHERE id IN (SELECT id FROM outbox)")
            return requeued
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
