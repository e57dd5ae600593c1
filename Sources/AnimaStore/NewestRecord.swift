import GRDB

extension AnimaStore {
    /// The time of the creature's newest record (seconds since 1970): the latest of its events, state_history and
    /// drawing_history rows and its last heartbeat, nil before the first. Each is one indexed look-up, so it costs the
    /// same for a creature of a day or of years. A run clock starts after it, so history never runs backwards.
    public func newestRecordTime() throws(StoreError) -> Double? {
        try database.read { db in
            let newest = try String?.fetchAll(
                db,
                sql: """
                    SELECT CAST((SELECT MAX(timestamp) FROM state_history) AS TEXT)
                    UNION ALL SELECT CAST((SELECT MAX(timestamp) FROM drawing_history) AS TEXT)
                    UNION ALL SELECT CAST((SELECT MAX(timestamp) FROM events WHERE event_type = 'wake') AS TEXT)
                    UNION ALL SELECT CAST((SELECT MAX(timestamp) FROM events WHERE event_type = 'sleep') AS TEXT)
                    UNION ALL SELECT CAST((SELECT MAX(timestamp) FROM events WHERE event_type = 'time_recovery') AS TEXT)
                    UNION ALL SELECT CAST((SELECT MAX(timestamp) FROM events WHERE event_type = 'name_change') AS TEXT)
                    UNION ALL SELECT CAST((SELECT MAX(last_heartbeat_at) FROM identity) AS TEXT)
                    """
            )
            return newest.compactMap { $0.flatMap(StoreTimestamp.parse) }.max()
        }
    }
}

extension AnimaStore {
    /// The `runtime_state` key holding the run-clock time the canvas was last persisted.
    public static let canvasPersistedKey = "canvas.persisted_at"

    /// Deletes the drawing_history rows recorded after the canvas was last persisted (`canvasPersistedKey`) whose
    /// mark count is past the resumed canvas's `marks`: they describe marks a crash took from the canvas. Without this
    /// a resumed drawing recorded those mark numbers again (a rewind in the history). Rows from before anima knew
    /// when its canvas was persisted (an adopted creature's) are never touched. Returns how many went.
    public func removeHistory(aheadOf marks: Int) throws(StoreError) -> Int {
        guard let persisted = try runtimeState.value(Double.self, forKey: Self.canvasPersistedKey) else { return 0 }
        return try database.write { db in
            try db.execute(
                sql: "DELETE FROM drawing_history WHERE timestamp > ? AND marks > ?",
                arguments: [StoreTimestamp.format(persisted), marks])
            return db.changesCount
        }
    }
}
