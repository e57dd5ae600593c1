import AnimaDrawing
import Foundation
import GRDB
import Testing

@testable import AnimaStore

/// The user's plan for drawing_history (spec §3.6), against a real SQLite file.
@Suite struct DrawingHistoryTests {
    let store: AnimaStore

    init() throws {
        let directory = try makeTemporaryDirectory()
        store = try AnimaStore(path: directory.appendingPathComponent("test_anima.db").path)
        try store.identity.wake(creatureID: "test-creature")
    }

    @Test func tableExists() throws {
        let names = try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'drawing_history'")
        }
        #expect(names == ["drawing_history"])
    }

    @Test func hasExactlyThePlannedColumns() throws {
        let columns = try store.database.read { db in
            try Row.fetchAll(db, sql: "PRAGMA table_info(drawing_history)").map { $0["name"] as String }
        }
        #expect(columns == AnimaSchema.drawingHistoryColumns)
        #expect(columns == [
            "id", "timestamp", "E", "I", "S", "V", "C", "marks", "phase", "era", "energy", "curiosity", "engagement",
            "fatigue", "arc_phase", "gesture_entropy", "switching_rate", "intentionality", "epoch",
        ])
    }

    @Test func hasTheTimestampDescendingIndex() throws {
        let sql = try store.database.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'idx_drawing_history_time'")
        }
        #expect(sql == "CREATE INDEX idx_drawing_history_time ON drawing_history(timestamp DESC)")
    }

    @Test func oneRecordGivesOneRow() throws {
        store.drawingRecorder.record(snapshot(marks: 10, time: 1_795_687_387))
        store.drawingRecorder.flush()
        #expect(try store.drawingHistoryCount() == 1)
        let row = try #require(try store.recentDrawingHistory(limit: 10).first)
        #expect(row.timestamp == "2026-11-26T10:03:07.000000Z")
        #expect(row.snapshot == snapshot(marks: 10, time: 1_795_687_387))
    }

    @Test func limitReturnsTheNewestOldestFirst() throws {
        for (index, energy) in [0.1, 0.2, 0.3].enumerated() {
            store.drawingRecorder.record(snapshot(marks: 10 * (index + 1), time: 1_795_687_387 + 0.01 * Double(index), E: energy))
        }
        store.drawingRecorder.flush()
        let history = try store.recentDrawingHistory(limit: 2)
        #expect(history.count == 2)
        #expect(history.map(\.snapshot.E) == [0.2, 0.3])
        #expect(history[0].snapshot.E < history[1].snapshot.E)
        #expect(try store.recentDrawingHistory(limit: 0).isEmpty)
    }

    @Test func nilAndZeroValuesAreStoredAsNullAndZero() throws {
        let empty = DrawingSnapshot(
            time: 0, E: 0, I: 0, S: 0, V: 0, C: 0, marks: 0, phase: nil, era: nil, energy: nil, curiosity: nil,
            engagement: nil, fatigue: nil, arcPhase: nil, gestureEntropy: nil, switchingRate: nil, intentionality: nil)
        store.drawingRecorder.record(empty)
        store.drawingRecorder.flush()
        #expect(store.drawingRecorder.status.failures == 0)
        let nulls = try store.database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM drawing_history WHERE phase IS NULL AND era IS NULL AND arc_phase IS NULL AND energy IS NULL")
        }
        #expect(nulls == 1)
        #expect(try store.recentDrawingHistory(limit: 1).first?.snapshot == empty)
    }

    @Test func timestampsSortAsTime() throws {
        // Recorded out of order: 9.5 s sorts before 10 s although "9" > "1" as a naive string would have it.
        for time in [1_795_687_397.0, 1_795_687_396.5, 1_795_687_387.25] {
            store.drawingRecorder.record(snapshot(marks: 10, time: time))
        }
        store.drawingRecorder.flush()
        let times = try store.recentDrawingHistory(limit: 3).map(\.snapshot.time)
        #expect(times == [1_795_687_387.25, 1_795_687_396.5, 1_795_687_397.0])
    }

    @Test func migrationsAreRecordedByName() throws {
        let applied = try store.database.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
        }
        #expect(applied == AnimaSchema.migrationNames)
        let stateIndex = try store.database.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'idx_state_history_time'")
        }
        #expect(stateIndex == "CREATE INDEX idx_state_history_time ON state_history(timestamp)")
    }
}

/// A database this build did not create is refused with a message that says what it is.
@Suite struct ForeignSchemaTests {
    @Test func referenceDatabaseIsRefusedClearly() throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("anima.db").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE identity (creature_id TEXT PRIMARY KEY, born_at TEXT NOT NULL)")
        }
        try queue.close()
        do {
            _ = try AnimaStore(path: path)
            Issue.record("a reference anima.db should be refused")
        } catch {
            guard case let .refused(failedPath, kind) = error else {
                Issue.record("expected a refusal, got \(error)")
                return
            }
            #expect(failedPath == path)
            #expect(kind == .pythonReference(creatureID: nil, name: nil))
            #expect(error.description.contains("is a Python anima-mcp database"))
            #expect(!error.description.contains("grdb"), "nothing was migrated into it")
        }
    }
}
