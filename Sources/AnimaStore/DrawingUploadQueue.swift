import Foundation
import GRDB
import Logging

/// A finished drawing waiting for the governance host: its PNG, named by its SHA-256, and what the host shows with it.
public struct DrawingUpload: Sendable, Equatable {
    public let sha256: String
    public let png: [UInt8]
    public let era: String
    public let marks: Int
    public let pixels: Int
    public let completion: String
    /// Seconds since 1970 on the run clock.
    public let finishedAt: Double

    public init(sha256: String, png: [UInt8], era: String, marks: Int, pixels: Int, completion: String, finishedAt: Double) {
        self.sha256 = sha256
        self.png = png
        self.era = era
        self.marks = marks
        self.pixels = pixels
        self.completion = completion
        self.finishedAt = finishedAt
    }
}

/// Finished drawings queued for upload in anima.db's `drawing_uploads`. Bounded (`capacity`, default 64 drawings,
/// ~3 MB): a host that never comes back cannot fill the SD card; when full the oldest queued drawing is dropped and
/// counted (`droppedCount()`) — its PNG stays in `drawings/` on the card. A row leaves only when the host acknowledged
/// that hash, or refused it by name: then it moves to `drawing_uploads_quarantine` (at most `capacity` kept, oldest
/// dropped; counted as `refusedCount()`) until `requeueQuarantined()`. A row whose columns are not of their types is
/// quarantined with one log line instead of trapping the process.
public final class DrawingUploadQueue: Sendable {
    public static let defaultCapacity = 64
    public let capacity: Int
    private let database: AnimaDatabase
    private let logger: Logger
    static let droppedKey = "drawings.upload_dropped"
    static let refusedKey = "drawings.upload_refused"

    init(database: AnimaDatabase, capacity: Int = DrawingUploadQueue.defaultCapacity, logger: Logger) {
        self.database = database
        self.capacity = max(1, capacity)
        self.logger = logger
    }

    /// Queues a drawing (a hash already queued changes nothing); drops the oldest past `capacity`.
    public func enqueue(_ drawing: DrawingUpload) throws(StoreError) {
        let capacity = self.capacity
        let dropped = try database.write { db -> Int in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO drawing_uploads (sha256, png, era, marks, pixels, completion, finished_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [drawing.sha256, Data(drawing.png), drawing.era, drawing.marks, drawing.pixels, drawing.completion, drawing.finishedAt])
            let depth = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM drawing_uploads") ?? 0
            guard depth > capacity else { return 0 }
            let excess = depth - capacity
            try db.execute(sql: "DELETE FROM drawing_uploads WHERE seq IN (SELECT seq FROM drawing_uploads ORDER BY seq LIMIT ?)", arguments: [excess])
            try RuntimeStateStore.addCount(excess, key: Self.droppedKey, at: drawing.finishedAt, in: db)
            return excess
        }
        if dropped > 0 {
            logger.warning("drawing upload queue full (\(capacity)): dropped the \(dropped) oldest; their PNGs stay in drawings/")
        }
    }

    /// The oldest queued drawing, if any; a row that does not decode is quarantined (one log line) and skipped.
    public func oldest() throws(StoreError) -> DrawingUpload? {
        while true {
            let found = try database.read { db -> (seq: Int64, Result<DrawingUpload, UnreadableDrawing>)? in
                try Row.fetchOne(
                    db, sql: "SELECT seq, sha256, png, era, marks, pixels, completion, finished_at FROM drawing_uploads ORDER BY seq LIMIT 1"
                ).map { row in (Int64.fromDatabaseValue(row["seq"]) ?? -1, Self.upload(row)) }
            }
            guard let found else { return nil }
            switch found.1 {
            case let .success(upload):
                return upload
            case let .failure(problem):
                try quarantine(
                    seq: found.seq, status: 0, reason: "unreadable row in anima.db: \(problem.text)", at: Date().timeIntervalSince1970, refused: false)
                logger.error("drawing upload row \(found.seq) is unreadable (\(problem.text)): moved to drawing_uploads_quarantine; the rest are sent")
            }
        }
    }

    struct UnreadableDrawing: Error { let text: String }

    static func upload(_ row: Row) -> Result<DrawingUpload, UnreadableDrawing> {
        func text(_ column: String) -> String? { String.fromDatabaseValue(row[column]) }
        func bad(_ column: String, _ expected: String) -> Result<DrawingUpload, UnreadableDrawing> {
            .failure(UnreadableDrawing(text: "\(column) is \(String((row[column] as DatabaseValue).description.prefix(40))), not \(expected)"))
        }
        guard let sha256 = text("sha256") else { return bad("sha256", "text") }
        guard case let .blob(png) = (row["png"] as DatabaseValue).storage else { return bad("png", "a blob") }
        guard let era = text("era") else { return bad("era", "text") }
        guard let marks = Int.fromDatabaseValue(row["marks"]) else { return bad("marks", "an integer") }
        guard let pixels = Int.fromDatabaseValue(row["pixels"]) else { return bad("pixels", "an integer") }
        guard let completion = text("completion") else { return bad("completion", "text") }
        guard let finishedAt = Double.fromDatabaseValue(row["finished_at"]), finishedAt.isFinite else { return bad("finished_at", "a number") }
        return .success(DrawingUpload(
            sha256: sha256, png: [UInt8](png), era: era, marks: marks, pixels: pixels, completion: completion, finishedAt: finishedAt))
    }

    /// Removes a drawing the host acknowledged.
    public func remove(sha256: String) throws(StoreError) {
        try database.write { db in try db.execute(sql: "DELETE FROM drawing_uploads WHERE sha256 = ?", arguments: [sha256]) }
    }

    /// Moves a drawing the host refused by name (its JSON error naming a header or the body) to the quarantine, counting
    /// it; its PNG also stays in `drawings/`.
    public func quarantine(sha256: String, status: Int, reason: String, at time: Double) throws(StoreError) {
        let seq = try database.read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM drawing_uploads WHERE sha256 = ?", arguments: [sha256]) }
        guard let seq else { return }
        try quarantine(seq: seq, status: status, reason: reason, at: time, refused: true)
        logger.warning("quarantined drawing \(sha256.prefix(12)): the governance host refused it (HTTP \(status)): \(reason.prefix(200))")
    }

    /// `refused`: the host refused it (counted as `refusedCount()`); false for a row that could not be read.
    private func quarantine(seq: Int64, status: Int, reason: String, at time: Double, refused: Bool) throws(StoreError) {
        let capacity = self.capacity
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO drawing_uploads_quarantine
                        (sha256, png, era, marks, pixels, completion, finished_at, quarantined_at, status, reason)
                    SELECT CAST(sha256 AS TEXT), png, era, marks, pixels, completion, finished_at, ?, ?, ? FROM drawing_uploads WHERE seq = ?
                    """,
                arguments: [time, status, String(reason.prefix(500)), seq])
            try db.execute(sql: "DELETE FROM drawing_uploads WHERE seq = ?", arguments: [seq])
            try db.execute(
                sql: """
                    DELETE FROM drawing_uploads_quarantine WHERE rowid NOT IN
                        (SELECT rowid FROM drawing_uploads_quarantine ORDER BY quarantined_at DESC, rowid DESC LIMIT ?)
                    """,
                arguments: [capacity])
            if refused { try RuntimeStateStore.addCount(1, key: Self.refusedKey, at: time, in: db) }
        }
    }

    /// Puts quarantined drawings back at the end of the queue (`anima sync --requeue-quarantined`); returns how many.
    /// Missing metadata is filled with neutral values so the row fits the queue; a row without PNG bytes stays.
    @discardableResult
    public func requeueQuarantined() throws(StoreError) -> Int {
        try database.write { db -> Int in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO drawing_uploads (sha256, png, era, marks, pixels, completion, finished_at)
                    SELECT sha256, png, COALESCE(era, 'unknown'), COALESCE(marks, 0), COALESCE(pixels, 0),
                           COALESCE(completion, 'unknown'),
                           CASE WHEN typeof(finished_at) IN ('real', 'integer') THEN finished_at ELSE quarantined_at END
                    FROM drawing_uploads_quarantine WHERE png IS NOT NULL ORDER BY quarantined_at
                    """)
            let requeued = db.changesCount
            try db.execute(sql: "DELETE FROM drawing_uploads_quarantine WHERE sha256 IN (SELECT sha256 FROM drawing_uploads)")
            return requeued
        }
    }

    /// Drawings the host refused by name (or unreadable rows), kept aside.
    public func quarantinedCount() throws(StoreError) -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM drawing_uploads_quarantine") ?? 0 }
    }

    public func depth() throws(StoreError) -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM drawing_uploads") ?? 0 }
    }

    public func droppedCount() throws(StoreError) -> Int {
        try database.read { db in try RuntimeStateStore.count(key: Self.droppedKey, in: db) }
    }

    public func refusedCount() throws(StoreError) -> Int {
        try database.read { db in try RuntimeStateStore.count(key: Self.refusedKey, in: db) }
    }
}
