import AnimaDrawing
import AnimaStore
import Foundation
import Testing

@testable import AnimaRuntime

/// state_history rows every 30 s of run-clock time, kept until the next store flush, in a real anima.db.
@Suite struct StateHistoryCadenceTests {
    final class Clock: @unchecked Sendable {
        var now = 1_767_225_600.0
    }

    @Test func rowsEveryThirtySecondsWithTheReferenceSensorNames() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let clock = Clock()
        let store = try AnimaStore(path: directory + "/anima.db", clock: { clock.now })
        _ = try store.identity.wake(creatureID: "c-1")
        var cadence = StateHistoryCadence()
        let anima = AnimaState(warmth: 0.4, clarity: 0.6, stability: 0.7, presence: 0.8)
        let readings = BodyReadings(cpuTemperatureC: 51.5, cpuPercent: 12, memoryPercent: 33,
                                    neural: NeuralBands(delta: 1, theta: 0, alpha: 0.88, beta: 0.12, gamma: 0.05))
        var written: [Bool] = []
        // The loop senses every 2 s; rows land at 0, 30, 60 … of run-clock time.
        for step in 0...45 {
            clock.now = 1_767_225_600 + Double(step * 2)
            written.append(cadence.sample(anima, readings: readings, now: clock.now))
        }
        #expect(written.enumerated().filter(\.element).map(\.offset) == [0, 15, 30, 45])
        #expect(try store.identity.recentStateHistory(limit: 100).isEmpty, "kept for the flush, not written one by one")
        try cadence.flush(into: store.identity)
        #expect(cadence.pending.isEmpty)
        let rows = try store.identity.recentStateHistory(limit: 100)
        #expect(rows.map { StoreTimestamp.parse($0.timestamp) } == [0.0, 30, 60, 90].map { Optional(1_767_225_600 + $0) }, "each row at its own time")
        #expect(rows.count == 4)
        #expect(rows.first?.clarity == 0.6)
        #expect(rows.first?.epoch == 1)
        let sensors = try #require(rows.first?.sensors)
        let decoded = try JSONSerialization.jsonObject(with: Data(sensors.utf8)) as? [String: Double]
        #expect(decoded?["cpu_temp_c"] == 51.5)
        #expect(decoded?["eeg_alpha_power"] == 0.88)
        #expect(decoded?["ambient_temp_c"] == nil, "absent sensors are left out")
        store.close()
    }

    /// Clocks that jump backwards or read NaN: never a flood of rows, never a stall.
    @Test func hostileClock() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try AnimaStore(path: directory + "/anima.db")
        var cadence = StateHistoryCadence()
        let anima = AnimaState(warmth: 0.4, clarity: 0.6, stability: 0.7, presence: 0.8)
        // A jump back samples at once and restarts the cadence there (no 990 s stall).
        let sampled = [Double.nan, 1000, .infinity, 1010, 10, 20, 40].map { cadence.sample(anima, readings: nil, now: $0) }
        #expect(sampled == [false, true, false, false, true, false, true])
        try cadence.flush(into: store.identity)
        #expect(try store.identity.recentStateHistory(limit: 10).count == 3)
        store.close()
    }

    /// While writes fail (a full disk) the rows wait, at most an hour of them, the oldest dropped first.
    @Test func rowsWaitingForAFailingStoreAreBounded() {
        var cadence = StateHistoryCadence()
        let anima = AnimaState(warmth: 0.4, clarity: 0.6, stability: 0.7, presence: 0.8)
        for step in 0..<500 { cadence.sample(anima, readings: nil, now: Double(step) * 30) }
        #expect(cadence.pending.count == StateHistoryCadence.pendingBound)
        #expect(cadence.pending.first?.time == Double(500 - StateHistoryCadence.pendingBound) * 30)
    }
}
