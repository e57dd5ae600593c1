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
/// that hash (or refused it for good, counted as `refusedCount()`).
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

    /// The oldest queued drawing, if any.
    public func oldest() throws(StoreError) -> DrawingUpload? {
        try database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT sha256, png, era, marks, pixels, completion, finished_at FROM drawing_uploads ORDER BY seq LIMIT 1"
            ).map { row in
                DrawingUpload(
                    sha256: row["sha256"], png: (row["png"] as Data?).map { [UInt8]($0) } ?? [], era: row["era"], marks: row["marks"],
                    pixels: row["pixels"], completion: row["completion"], finishedAt: row["finished_at"])
            }
        }
    }

    /// Removes a drawing the host acknowledged.
    public func remove(sha256: String) throws(StoreError) {
        try database.write { db in try db.execute(sql: "DELETE FROM drawing_uploads WHERE sha256 = ?", arguments: [sha256]) }
    }

    /// Removes a drawing the host refused for good (4xx: not an acceptable PNG, too large), counting it.
    public func discardRefused(sha256: String, at time: Double) throws(StoreError) {
        try database.write { db in
            try db.execute(sql: "DELETE FROM drawing_uploads WHERE sha256 = ?", arguments: [sha256])
            try RuntimeStateStore.addCount(1, key: Self.refusedKey, at: time, in: db)
        }
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
