import GRDB

/// How long anima.db keeps its growing tables whole. Without it a creature's database grew for ever: state_history
/// gains 2,880 rows a day, drawing_history a row every 10 marks; two years were 2 M + 1 M rows and a 559 MB file.
///
/// Rows older than a table's `fullResolutionDays` are thinned to the first row of each UTC hour: the shape of the
/// creature's life stays (an hourly series), the bulk goes. Lost-time recovery is unaffected: it reads a running
/// total (`StateHistoryContinuity`) that already counted those rows. The work runs one UTC day of rows per
/// transaction, so the recorder's commits interleave with it, and remembers how far it got (`runtime_state`), so each
/// day is thinned once. Freed pages are reused by new rows: the file stops growing, it does not shrink (VACUUM a
/// stopped creature's file to give the space back).
public struct HistoryRetention: Sendable {
    public struct Table: Sendable {
        public let name: String
        public let fullResolutionDays: Double
        var markerKey: String { "retention.\(name).thinned_through" }
    }

    public static let stateHistory = Table(name: "state_history", fullResolutionDays: 7)
    public static let drawingHistory = Table(name: "drawing_history", fullResolutionDays: 90)
    public static let tables = [stateHistory, drawingHistory]

    /// What one pass removed.
    public struct Pass: Sendable, Equatable {
        public var removed: [String: Int] = [:]
        public var days = 0
        public var total: Int { removed.values.reduce(0, +) }
    }

    let database: AnimaDatabase

    /// Thins every table up to `now` minus its window, at most `maxDays` UTC days of rows per table in this call (a
    /// caller that wants it all calls again while `days` comes back non-zero).
    public func prune(now: Double, maxDays: Int = 3_650) throws(StoreError) -> Pass {
        var pass = Pass()
        for table in Self.tables {
            let cutoff = Self.dayStart(now - table.fullResolutionDays * 86_400)
            var day = try startDay(table)
            var days = 0
            while let from = day, from < cutoff, days < maxDays {
                let to = from + 86_400
                let removed = try database.write { db -> Int in
                    try db.execute(
                        sql: """
                            DELETE FROM \(table.name) WHERE timestamp >= ?1 AND timestamp < ?2 AND id NOT IN (
                                SELECT MIN(id) FROM \(table.name) WHERE timestamp >= ?1 AND timestamp < ?2
                                GROUP BY substr(timestamp, 1, 13))
                            """,
                        arguments: [StoreTimestamp.format(from), StoreTimestamp.format(to)])
                    let count = db.changesCount
                    try db.execute(
                        sql: """
                            INSERT INTO runtime_state (key, value, updated_at) VALUES (?, ?, ?)
                            ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                            """,
                        arguments: [table.markerKey, String(to), StoreTimestamp.format(now)])
                    return count
                }
                pass.removed[table.name, default: 0] += removed
                days += 1
                day = try nextDay(table, after: to)
            }
            pass.days += days
        }
        return pass
    }

    /// Where thinning resumes: the day after the last one done, or the oldest row's day.
    private func startDay(_ table: Table) throws(StoreError) -> Double? {
        let marker = try database.read { db in
            try Double.fetchOne(db, sql: "SELECT CAST(value AS REAL) FROM runtime_state WHERE key = ?", arguments: [table.markerKey])
        }
        return try nextDay(table, after: marker ?? -Double.infinity)
    }

    /// The start of the UTC day of the oldest row at or after `time` (an indexed look-up), nil when there is none.
    private func nextDay(_ table: Table, after time: Double) throws(StoreError) -> Double? {
        let bound = time.isFinite ? StoreTimestamp.format(time) : ""
        let oldest = try database.read { db in
            try String.fetchOne(
                db, sql: "SELECT CAST((SELECT MIN(timestamp) FROM \(table.name) WHERE timestamp >= ?) AS TEXT)", arguments: [bound])
        }
        return oldest.flatMap(StoreTimestamp.parse).map(Self.dayStart)
    }

    static func dayStart(_ time: Double) -> Double { (time / 86_400).rounded(.down) * 86_400 }
}

extension AnimaStore {
    /// The retention rules for anima.db's growing tables (docs/storage.md, "Retention").
    public var retention: HistoryRetention { HistoryRetention(database: database) }
}
