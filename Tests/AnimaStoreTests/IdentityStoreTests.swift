import Foundation
import Testing

@testable import AnimaStore

/// IdentityStore semantics (spec §3.3, mirroring the reference's 17 identity tests), with an injected clock.
@Suite struct IdentityStoreTests {
    let directory: URL
    let clock = TestClock(1_795_687_387)
    var path: String { directory.appendingPathComponent("anima.db").path }

    init() throws { directory = try makeTemporaryDirectory("anima-identity") }

    func open(_ file: String? = nil) throws -> AnimaStore {
        try AnimaStore(path: file.map { directory.appendingPathComponent($0).path } ?? path, clock: clock.closure)
    }

    func eventData(_ store: AnimaStore, _ type: String) throws -> [[String: Double]] {
        try store.identity.recentEvents().filter { $0.type == type }.map { event in
            (try JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Double]) ?? [:]
        }
    }

    @Test func ageAndAliveRatioStayInBounds() throws {
        let identity = try open().identity.wake(creatureID: "c1")
        #expect(identity.ageSeconds(now: clock.now) == 0)
        #expect(identity.aliveRatio(now: clock.now) == 0)
        #expect(identity.ageSeconds(now: clock.now - 50) == 0)
        var older = identity
        older.totalAliveSeconds = 50
        #expect(older.ageSeconds(now: clock.now + 200) == 200)
        #expect(older.aliveRatio(now: clock.now + 200) == 0.25)
        older.totalAliveSeconds = 500
        #expect(older.aliveRatio(now: clock.now + 200) == 1)
    }

    @Test func identityIsNilBeforeWake() throws {
        #expect(try open().identity.identity == nil)
    }

    @Test func firstWakeIsBirthWithOneAwakening() throws {
        let store = try open()
        let identity = try store.identity.wake(creatureID: "c1")
        #expect(identity.creatureID == "c1")
        #expect(identity.bornAt == clock.now)
        #expect(identity.totalAwakenings == 1)
        #expect(identity.totalAliveSeconds == 0)
        #expect(identity.currentAwakeningAt == clock.now)
        #expect(try eventData(store, "wake") == [["awakening": 1]])
    }

    @Test func sleepBeforeWakeReturnsZero() throws {
        #expect(try open().identity.sleep() == 0)
    }

    @Test func sleepReturnsSessionSeconds() throws {
        let store = try open()
        try store.identity.wake(creatureID: "c1")
        clock.advance(125)
        #expect(store.identity.sessionAliveSeconds() == 125)
        #expect(try store.identity.sleep() == 125)
        #expect(store.identity.identity?.totalAliveSeconds == 125)
        #expect(try eventData(store, "sleep") == [["session_seconds": 125]])
    }

    @Test func persistsAcrossInstances() throws {
        do {
            let store = try open()
            try store.identity.wake(creatureID: "c1")
            try store.identity.setName("Lumen")
            clock.advance(100)
            try store.identity.sleep()
        }
        clock.advance(400)
        let identity = try open().identity.wake(creatureID: "c1")
        #expect(identity.bornAt == clock.now - 500)
        #expect(identity.totalAliveSeconds == 100)
        #expect(identity.name == "Lumen")
        // The sleep was 400 s before this wake (> 300 s): as in the reference, not a counted awakening.
        #expect(identity.totalAwakenings == 1)
    }

    @Test func gracefulRestartCountsAnAwakening() throws {
        do {
            let store = try open()
            try store.identity.wake(creatureID: "c1")
            clock.advance(600)
            try store.identity.sleep()
        }
        clock.advance(120)
        let store = try open()
        let identity = try store.identity.wake(creatureID: "c1")
        #expect(identity.totalAwakenings == 2)
        #expect(identity.totalAliveSeconds == 600)
        #expect(try eventData(store, "wake") == [["awakening": 1], ["awakening": 2]])
    }

    @Test func separateFilesAreIndependent() throws {
        let first = try open("a.db")
        let second = try open("b.db")
        try first.identity.wake(creatureID: "alpha")
        try first.identity.setName("Alpha")
        let other = try second.identity.wake(creatureID: "beta")
        #expect(other.name == nil)
        #expect(other.totalAwakenings == 1)
        #expect(try second.identity.recentEvents().count == 1)
    }

    @Test func wakeWithinDedupeWindowKeepsTheCount() throws {
        do { try open().identity.wake(creatureID: "c1") }
        clock.advance(299)
        let store = try open()
        let identity = try store.identity.wake(creatureID: "c1")
        #expect(identity.totalAwakenings == 1)
        #expect(try store.identity.recentEvents().filter { $0.type == "wake" }.count == 1)
    }

    @Test func crashRestartAfterTheWindowLogsAWakeButNoAwakening() throws {
        do { try open().identity.wake(creatureID: "c1") }
        clock.advance(1_000)
        let store = try open()
        let identity = try store.identity.wake(creatureID: "c1")
        #expect(identity.totalAwakenings == 1)
        #expect(try eventData(store, "wake") == [["awakening": 1], ["awakening": 1]])
    }

    @Test func heartbeatSavesAtMostEveryThirtySeconds() throws {
        let store = try open()
        try store.identity.wake(creatureID: "c1")
        clock.advance(10)
        #expect(try store.identity.heartbeat() == 0)
        clock.advance(25)
        #expect(try store.identity.heartbeat() == 35)
        clock.advance(29)
        #expect(try store.identity.heartbeat() == 0)
        clock.advance(1)
        #expect(try store.identity.heartbeat() == 30)
        #expect(store.identity.identity?.totalAliveSeconds == 65)
        clock.advance(5)
        #expect(try store.identity.sleep() == 70)
        #expect(store.identity.identity?.totalAliveSeconds == 70)
    }

    @Test func quickRestartAddsTheGapSinceTheLastHeartbeat() throws {
        do {
            let store = try open()
            try store.identity.wake(creatureID: "c1")
            clock.advance(60)
            try store.identity.heartbeat()
        }
        clock.advance(40)  // crash, restart 40 s after the heartbeat and 100 s after the wake
        let identity = try open().identity.wake(creatureID: "c1")
        #expect(identity.totalAliveSeconds == 100)
        #expect(identity.totalAwakenings == 1)
    }

    @Test func nameAndNameHistory() throws {
        let store = try open()
        try store.identity.wake(creatureID: "c1")
        try store.identity.setName("Lumen")
        clock.advance(10)
        try store.identity.setName("Lumen II")
        let identity = try #require(store.identity.identity)
        #expect(identity.name == "Lumen II")
        #expect(identity.nameHistory == [NameHistoryEntry(name: "Lumen", until: StoreTimestamp.format(clock.now))])
        #expect(try store.identity.recentEvents().filter { $0.type == "name_change" }.map(\.data)
            == [#"{"new_name":"Lumen"}"#, #"{"new_name":"Lumen II"}"#])
        clock.advance(10)
        #expect(try open().identity.wake(creatureID: "c1").nameHistory == identity.nameHistory)
    }

    @Test func setNameBeforeWakeIsAnError() throws {
        #expect(throws: StoreError.notAwake(operation: "setName")) { try open().identity.setName("Lumen") }
    }

    @Test func stateHistoryIsReturnedOldestFirst() throws {
        let store = try open()
        for (index, warmth) in [0.1, 0.2, 0.3].enumerated() {
            try store.identity.recordState(
                warmth: warmth, clarity: 0.8, stability: 0.9, presence: 0.7,
                sensors: ["light_lux": Double(index), "cpu_temp_c": 50])
            clock.advance(2)
        }
        let rows = try store.identity.recentStateHistory(limit: 2)
        #expect(rows.map(\.warmth) == [0.2, 0.3])
        #expect(rows.map(\.sensors) == [#"{"cpu_temp_c":50,"light_lux":1}"#, #"{"cpu_temp_c":50,"light_lux":2}"#])
        #expect(rows.allSatisfy { $0.epoch == 1 })
        #expect(rows[0].timestamp < rows[1].timestamp)
    }

    @Test func recoversTimeLostToCrashesFromStateHistory() throws {
        let start = clock.now
        do {
            let store = try open()
            try store.identity.wake(creatureID: "c1")
            for _ in 0...10 {  // 11 rows 100 s apart: 1,000 s continuous
                try store.identity.recordState(warmth: 0.4, clarity: 0.8, stability: 0.9, presence: 0.8)
                clock.advance(100)
            }
            clock.advance(600)  // a 700 s gap (> 600 s) is not counted
            try store.identity.recordState(warmth: 0.4, clarity: 0.8, stability: 0.9, presence: 0.8)
            clock.advance(100)
            try store.identity.recordState(warmth: 0.4, clarity: 0.8, stability: 0.9, presence: 0.8)
        }
        clock.advance(50)  // crashed without heartbeats; restart
        #expect(clock.now - start == 1_850)
        let store = try open()
        let identity = try store.identity.wake(creatureID: "c1")
        #expect(identity.totalAliveSeconds == 1_100)
        #expect(try eventData(store, "time_recovery")
            == [["recovered_seconds": 1_100, "recorded_time": 0, "calculated_time": 1_100]])
        #expect(try store.identity.recoverLostTime() == 0)
    }

    @Test func smallDifferencesAreNotRecovered() throws {
        let store = try open()
        try store.identity.wake(creatureID: "c1")
        try store.identity.recordState(warmth: 0.4, clarity: 0.8, stability: 0.9, presence: 0.8)
        clock.advance(60)
        try store.identity.recordState(warmth: 0.4, clarity: 0.8, stability: 0.9, presence: 0.8)
        #expect(try store.identity.recoverLostTime() == 0)
        #expect(try store.identity.recentEvents().filter { $0.type == "time_recovery" }.isEmpty)
    }
}
