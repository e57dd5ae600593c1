import Foundation
import GRDB
import Logging

/// anima.db as the Pi's runtime uses it: one file (WAL), migrated on open, with the drawing-history recorder,
/// the identity, the governance outbox and the runtime state on top of one GRDB pool (the single owner of
/// writes). Thread-safe; share one instance per process and call `close()` on shutdown.
public final class AnimaStore: Sendable {
    public let database: AnimaDatabase
    public let drawingRecorder: DrawingHistoryRecorder
    public let identity: IdentityStore
    public let outbox: Outbox
    public let drawingUploads: DrawingUploadQueue
    public let runtimeState: RuntimeStateStore

    /// Seconds since 1970 from the system's wall clock.
    public static let wallClock: @Sendable () -> Double = { Date().timeIntervalSince1970 }

    /// Opens (creating if needed) anima.db at `path` and applies pending migrations.
    /// - Parameters:
    ///   - clock: seconds since 1970 for identity, state history and runtime state (injected in tests).
    ///   - recorder: the drawing-history writer's bound, batch size and commit interval.
    ///   - outboxCapacity: the most summaries the outbox keeps before dropping the oldest.
    public init(
        path: String, clock: @escaping @Sendable () -> Double = AnimaStore.wallClock,
        recorder: DrawingHistoryRecorder.Configuration = .init(), outboxCapacity: Int = Outbox.defaultCapacity,
        logger: Logger = Logger(label: "anima.store"), verifyIntegrity: Bool = false
    ) throws(StoreError) {
        database = try AnimaDatabase(path: path, migrator: AnimaSchema.migrator, verifyIntegrity: verifyIntegrity)
        drawingRecorder = DrawingHistoryRecorder(database: database, configuration: recorder, logger: logger)
        identity = IdentityStore(database: database, clock: clock)
        outbox = Outbox(database: database, capacity: outboxCapacity, logger: logger)
        drawingUploads = DrawingUploadQueue(database: database, logger: logger)
        runtimeState = RuntimeStateStore(database: database, clock: clock)
        if verifyIntegrity {
            // A run owns the file from here: until `markClosedCleanly()`, the next start checks it.
            try database.write { db in
                try db.execute(sql: "DELETE FROM runtime_state WHERE key = ?", arguments: [AnimaDatabase.closedCleanlyKey])
            }
        }
    }

    /// The last write of a run that stopped cleanly: the next start may skip SQLite's quick_check.
    public func markClosedCleanly() throws(StoreError) {
        try runtimeState.setJSON("true", forKey: AnimaDatabase.closedCleanlyKey)
    }

    /// The newest `limit` drawing_history rows, returned oldest first.
    public func recentDrawingHistory(limit: Int) throws(StoreError) -> [DrawingHistoryRow] {
        guard limit > 0 else { return [] }
        return try database.read { db in
            try Row.fetchAll(db, sql: DrawingHistorySQL.recent, arguments: [limit]).map(DrawingHistorySQL.row)
        }
    }

    /// Rows in `drawing_history`.
    public func drawingHistoryCount() throws(StoreError) -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM drawing_history") ?? 0 }
    }

    /// Commits everything the recorder holds and stops its writer. Later `record` calls count as failures.
    public func close() { drawingRecorder.close() }
}
