import AnimaDrawing
import Foundation
import GRDB
import Testing

@testable import AnimaStore

/// The recorder never blocks or throws into the drawing loop, and what it accepted lands after `flush`.
@Suite struct DrawingHistoryRecorderTests {
    let directory: URL

    init() throws { directory = try makeTemporaryDirectory() }

    @Test func tenThousandRecordsAllLandAfterFlush() throws {
        let store = try AnimaStore(path: directory.appendingPathComponent("anima.db").path)
        for index in 1...10_000 {
            store.drawingRecorder.record(snapshot(marks: index * 10, time: 1_795_687_387 + Double(index)))
        }
        store.drawingRecorder.flush()
        let status = store.drawingRecorder.status
        #expect(status.committed == 10_000)
        #expect(status.failures == 0)
        #expect(status.dropped == 0)
        #expect(status.queued == 0)
        #expect(status.lastCommitAt != nil)
        let marks = try store.database.read { db in try Int.fetchAll(db, sql: "SELECT marks FROM drawing_history ORDER BY id") }
        #expect(marks == Array(stride(from: 10, through: 100_000, by: 10)))
    }

    @Test func commitsWithoutFlushWithinTheInterval() throws {
        let store = try AnimaStore(
            path: directory.appendingPathComponent("anima.db").path,
            recorder: .init(batchSize: 1_000, commitInterval: 0.05))
        store.drawingRecorder.record(snapshot(marks: 10, time: 0))
        // No flush: the writer's interval alone must commit the row (generous wait; not a timing assertion).
        var count = 0
        for _ in 0..<200 where count == 0 {
            usleep(10_000)
            count = try store.drawingHistoryCount()
        }
        #expect(count == 1)
    }

    @Test func droppedTableIsCountedNotThrown() throws {
        let store = try AnimaStore(path: directory.appendingPathComponent("anima.db").path)
        try store.database.write { db in try db.execute(sql: "DROP TABLE drawing_history") }
        for index in 1...5 { store.drawingRecorder.record(snapshot(marks: index * 10, time: Double(index))) }
        store.drawingRecorder.flush()
        let status = store.drawingRecorder.status
        #expect(status.failures == 5)
        #expect(status.committed == 0)
        #expect(status.lastError?.contains("no such table: drawing_history") == true)
    }

    @Test func recoversAfterAFailureBurst() throws {
        let store = try AnimaStore(path: directory.appendingPathComponent("anima.db").path)
        try store.database.write { db in try db.execute(sql: "ALTER TABLE drawing_history RENAME TO parked") }
        store.drawingRecorder.record(snapshot(marks: 10, time: 1))
        store.drawingRecorder.flush()
        try store.database.write { db in try db.execute(sql: "ALTER TABLE parked RENAME TO drawing_history") }
        store.drawingRecorder.record(snapshot(marks: 20, time: 2))
        store.drawingRecorder.flush()
        #expect(store.drawingRecorder.status.failures == 1)
        #expect(store.drawingRecorder.status.committed == 1)
        #expect(try store.recentDrawingHistory(limit: 5).map(\.snapshot.marks) == [20])
    }

    @Test func readOnlyConnectionIsCountedNotThrown() throws {
        let store = try AnimaStore(path: directory.appendingPathComponent("anima.db").path)
        // Root ignores file modes, so make the pool's one writer connection read-only instead.
        try store.database.write { db in try db.execute(sql: "PRAGMA query_only = 1") }
        store.drawingRecorder.record(snapshot(marks: 10, time: 1))
        store.drawingRecorder.flush()
        #expect(store.drawingRecorder.status.failures == 1)
        #expect(store.drawingRecorder.status.lastError?.contains("readonly") == true)
    }

    @Test func fullQueueDropsTheOldestAndCountsThem() throws {
        let store = try AnimaStore(
            path: directory.appendingPathComponent("anima.db").path,
            recorder: .init(bound: 3, batchSize: 1_000, commitInterval: 1.0))
        // Hold GRDB's writer so the recorder cannot drain while the queue overflows.
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holder = Thread {
            try? store.database.write { _ in
                holding.signal()
                release.wait()
            }
        }
        holder.start()
        holding.wait()
        for index in 1...10 { store.drawingRecorder.record(snapshot(marks: index * 10, time: Double(index))) }
        release.signal()
        store.drawingRecorder.flush()
        // The writer holds at most one batch (≤ 3 rows, the bound) while blocked; the queue keeps ≤ 3 more.
        let status = store.drawingRecorder.status
        #expect(status.committed + status.dropped == 10)
        #expect(status.dropped >= 4)
        #expect(try store.recentDrawingHistory(limit: 3).map(\.snapshot.marks) == [80, 90, 100])
    }

    @Test func closeFlushesAndLaterRecordsCountAsFailures() throws {
        let path = directory.appendingPathComponent("anima.db").path
        let store = try AnimaStore(path: path, recorder: .init(batchSize: 1_000, commitInterval: 1.0))
        for index in 1...42 { store.drawingRecorder.record(snapshot(marks: index * 10, time: Double(index))) }
        store.close()
        #expect(store.drawingRecorder.status.committed == 42)
        store.drawingRecorder.record(snapshot(marks: 430, time: 43))
        store.drawingRecorder.flush()
        #expect(store.drawingRecorder.status.failures == 1)
        #expect(try AnimaStore(path: path).drawingHistoryCount() == 42)
    }
}
