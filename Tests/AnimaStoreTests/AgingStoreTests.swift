import Foundation
import GRDB
import Testing

@testable import AnimaStore

/// Issue 19 item 5: a creature's start-up memory and time grew with its age (every wake loaded all state_history
/// timestamps: 146 MB RSS at 1 M rows, 255 MB at 2 M), and nothing ever pruned its history.
@Suite struct AgingStoreTests {
    let directory: URL
    let clock = TestClock()
    var path: String { directory.appendingPathComponent("anima.db").path }

    init() throws { directory = try makeTemporaryDirectory("anima-aging") }

    func open() throws -> AnimaStore { try AnimaStore(path: path, clock: clock.closure) }

    /// Rows every `step` seconds from `start`, in one transaction (as fast as a test needs).
    func insertStates(_ store: AnimaStore, count: Int, from start: Double, step: Double) throws {
        try store.database.write { db in
            for index in 0..<count {
                try db.execute(
                    sql: "INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors, epoch) VALUES (?, 0.4, 0.8, 0.9, 0.8, '{}', 1)",
                    arguments: [StoreTimestamp.format(start + Double(index) * step)])
            }
        }
    }

    /// The reference's rule computed the old way, from every row, for comparison.
    func recount(_ store: AnimaStore) throws -> Double {
        let times = try store.database.read { db in try String.fetchAll(db, sql: "SELECT timestamp FROM state_history ORDER BY timestamp, id") }
            .compactMap(StoreTimestamp.parse)
        return zip(times, times.dropFirst()).map { $1 - $0 }.filter { $0 <= 600 }.reduce(0, +)
    }

    func storedTotal(_ store: AnimaStore) throws -> StateHistoryContinuity.Total? {
        try store.runtimeState.json(forKey: StateHistoryContinuity.key).flatMap { JSONText.decode(StateHistoryContinuity.Total.self, from: $0) }
    }

    @Test func theRunningTotalMatchesARecountAcrossWakesGapsAndOutOfOrderRows() throws {
        let store = try open()
        let start = clock.now
        try insertStates(store, count: 500, from: start - 40_000, step: 30)
        try insertStates(store, count: 100, from: start - 20_000, step: 450)  // gaps under 600 s count whole
        try insertStates(store, count: 10, from: start - 10_000, step: 700)   // gaps over 600 s not at all
        try store.database.write { db in _ = try StateHistoryContinuity.catchUp(db) }
        #expect(try storedTotal(store)?.seconds == recount(store))
        try insertStates(store, count: 50, from: start - 2_000, step: 20)  // newer rows: only they are read
        try store.database.write { db in _ = try StateHistoryContinuity.catchUp(db) }
        #expect(try storedTotal(store)?.seconds == recount(store))
        try insertStates(store, count: 30, from: start - 90_000, step: 60)  // older rows arriving late: a recount
        try store.database.write { db in _ = try StateHistoryContinuity.catchUp(db) }
        #expect(try storedTotal(store)?.seconds == recount(store))
        store.close()
    }

    /// The proof that a wake no longer reads the whole table: with the total brought up to date, a wake uses it
    /// as stored (here a deliberately larger figure) instead of recounting the rows.
    @Test func aWakeUsesTheStoredTotalNotEveryRow() throws {
        do {
            let store = try open()
            try store.identity.wake(creatureID: "c1")
            try insertStates(store, count: 20, from: clock.now, step: 30)  // 570 s of rows
            clock.advance(600)
            try store.identity.sleep()
            let total = try #require(try storedTotal(store))
            #expect(total.seconds == 570)
            var planted = total
            planted.seconds = 50_000
            try store.runtimeState.setJSON(JSONText.encode(planted), forKey: StateHistoryContinuity.key)
            store.close()
        }
        clock.advance(10)
        let store = try open()
        let identity = try store.identity.wake(creatureID: "c1")
        #expect(identity.totalAliveSeconds == 50_000, "recovered from the stored total, not from the 20 rows")
        store.close()
    }

    @Test func oldRowsAreThinnedToOneAnHourOnceAndRecentOnesKept() throws {
        let store = try open()
        let now = clock.now
        try insertStates(store, count: 12 * 2_880, from: now - 12 * 86_400, step: 30)  // 12 days every 30 s
        try store.identity.wake(creatureID: "c1")
        let before = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM state_history") ?? 0 }
        let continuous = try storedTotal(store)?.seconds
        let pass = try store.retention.prune(now: now)
        let cutoff = StoreTimestamp.format(HistoryRetention.dayStart(now - 7 * 86_400))
        let (old, recent, hours) = try store.database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM state_history WHERE timestamp < ?", arguments: [cutoff]) ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM state_history WHERE timestamp >= ?", arguments: [cutoff]) ?? 0,
             try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT substr(timestamp, 1, 13)) FROM state_history WHERE timestamp < ?", arguments: [cutoff]) ?? 0)
        }
        #expect(old == hours, "one row an hour before the cutoff")
        #expect(pass.removed["state_history"] == before - old - recent)
        #expect(recent >= 7 * 2_880 - 1, "the last 7 days untouched")
        #expect(try store.retention.prune(now: now).total == 0, "each day is thinned once")
        #expect(try storedTotal(store)?.seconds == continuous, "recovery's total is not disturbed")
        store.close()
    }

    @Test func drawingHistoryKeepsNinetyDaysWhole() throws {
        let store = try open()
        let now = clock.now
        try store.database.write { db in
            for index in 0..<(100 * 24 * 6) {  // 100 days, a row every 10 minutes
                try db.execute(
                    sql: "INSERT INTO drawing_history (timestamp, E, I, S, V, C, marks, epoch) VALUES (?, 0.5, 0.5, 0.2, 0, 0.5, ?, 1)",
                    arguments: [StoreTimestamp.format(now - 100 * 86_400 + Double(index) * 600), index * 10])
            }
        }
        _ = try store.retention.prune(now: now)
        let rows = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM drawing_history") ?? 0 }
        // About 10 days thinned from 6 rows an hour to 1, the last ~90 days whole.
        #expect(rows > 90 * 24 * 6 && rows < 91 * 24 * 6 + 11 * 24)
        store.close()
    }
}
