import AnimaDrawing
import AnimaStore
import Foundation
import Testing

@testable import AnimaRuntime

/// state_history rows every 30 s of run-clock time, in a real anima.db.
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
            written.append(try cadence.record(anima, readings: readings, now: clock.now, into: store.identity))
        }
        #expect(written.enumerated().filter(\.element).map(\.offset) == [0, 15, 30, 45])
        let rows = try store.identity.recentStateHistory(limit: 100)
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
        #expect(try cadence.record(anima, readings: nil, now: .nan, into: store.identity) == false)
        #expect(try cadence.record(anima, readings: nil, now: 1000, into: store.identity))
        #expect(try cadence.record(anima, readings: nil, now: .infinity, into: store.identity) == false)
        #expect(try cadence.record(anima, readings: nil, now: 1010, into: store.identity) == false)
        // A jump back writes at once and restarts the cadence there (no 990 s stall).
        #expect(try cadence.record(anima, readings: nil, now: 10, into: store.identity))
        #expect(try cadence.record(anima, readings: nil, now: 20, into: store.identity) == false)
        #expect(try cadence.record(anima, readings: nil, now: 40, into: store.identity))
        #expect(try store.identity.recentStateHistory(limit: 10).count == 3)
        store.close()
    }
}
