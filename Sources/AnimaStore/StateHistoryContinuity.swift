import GRDB

/// The seconds `state_history` shows the creature alive — the sum of gaps ≤ 600 s between consecutive rows in time
/// order, which lost-time recovery compares with the recorded alive time — kept as a running total in
/// `runtime_state` instead of recomputed from every row at every wake. Loading all timestamps made start-up memory
/// and time grow with age (146 MB at 1 M rows, 255 MB at 2 M, ≈ two years); now each wake adds only the rows since
/// the total was last brought up to date, in SQL (a window over the timestamp index; no row reaches Swift), and a
/// creature that stops cleanly starts with nothing to add. Rows that arrive out of order (an adoption of older
/// history) make it recount the table once. Downsampling old rows (`HistoryRetention`) leaves the total alone: it
/// only touches rows already counted.
enum StateHistoryContinuity {
    static let key = "state_history.continuity"
    static let maxGapSeconds = 600.0

    struct Total: Codable, Equatable {
        /// The newest time counted, and the largest row id counted (rows are added in id order).
        var throughTimestamp: String
        var throughID: Int64
        var seconds: Double
    }

    /// Brings the total up to date within the caller's write transaction and returns it.
    static func catchUp(_ db: Database) throws -> Double {
        let stored = try String.fetchOne(db, sql: "SELECT value FROM runtime_state WHERE key = ?", arguments: [key])
            .flatMap { JSONText.decode(Total.self, from: $0) }
        guard let maxID = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM state_history"),
              let newestTimestamp = try String.fetchOne(db, sql: "SELECT CAST((SELECT MAX(timestamp) FROM state_history) AS TEXT)")
        else { return stored?.seconds ?? 0 }
        if let stored, stored.throughID >= maxID { return stored.seconds }

        var total: Total
        if let stored, try !arrivedOutOfOrder(db, since: stored) {
            let added = try gaps(db, from: stored.throughTimestamp)
            total = Total(throughTimestamp: newestTimestamp, throughID: maxID, seconds: stored.seconds + added)
        } else {
            let counted = try gaps(db, from: nil)
            total = Total(throughTimestamp: newestTimestamp, throughID: maxID, seconds: max(counted, stored?.seconds ?? 0))
        }
        total.seconds = total.seconds.isFinite ? total.seconds : 0
        try db.execute(
            sql: """
                INSERT INTO runtime_state (key, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """,
            arguments: [key, JSONText.encode(total), newestTimestamp])
        return total.seconds
    }

    /// A row added since the total that sorts before its newest time (its gaps were never seen in order).
    private static func arrivedOutOfOrder(_ db: Database, since total: Total) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM state_history WHERE id > ? AND timestamp < ?)",
            arguments: [total.throughID, total.throughTimestamp]) ?? false
    }

    /// A `StoreTimestamp` text as seconds since 1970, exact to the microsecond like `StoreTimestamp.parse` (julianday's
    /// day fractions are not: 100 s gaps came out as 99.99995); NULL for text SQLite cannot read as a time.
    private static let seconds = "(CAST(strftime('%s', timestamp) AS INTEGER) + CAST(substr(timestamp, 20, 7) AS REAL))"

    /// Σ gaps ≤ 600 s between consecutive rows (time order, id breaking ties) from the row at `start` on (all rows
    /// when nil). Timestamps SQLite cannot read as times add nothing, as they never did.
    private static func gaps(_ db: Database, from start: String?) throws -> Double {
        let filter = start == nil ? "" : "WHERE timestamp >= ?"
        return try Double.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(gap), 0) FROM (
                    SELECT t - LAG(t) OVER (ORDER BY timestamp, id) AS gap FROM (
                        SELECT id, timestamp, \(seconds) AS t FROM state_history \(filter)))
                WHERE gap >= 0 AND gap <= ?
                """,
            arguments: start.map { [$0, maxGapSeconds] } ?? [maxGapSeconds]) ?? 0
    }
}
