import AnimaDrawing
import Foundation

@testable import AnimaStore

/// A fresh directory under the system's temp dir, one per test.
func makeTemporaryDirectory(_ prefix: String = "anima-store") throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// A settable clock (seconds since 1970) for exact identity tests.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var seconds: Double

    init(_ seconds: Double = 1_795_687_387) { self.seconds = seconds }

    var now: Double {
        lock.lock()
        defer { lock.unlock() }
        return seconds
    }

    func advance(_ delta: Double) {
        lock.lock()
        seconds += delta
        lock.unlock()
    }

    var closure: @Sendable () -> Double { { [self] in self.now } }
}

/// A snapshot with distinct, checkable values derived from `marks`.
func snapshot(marks: Int, time: Double, E: Double = 0.5) -> DrawingSnapshot {
    DrawingSnapshot(
        time: time, E: E, I: 0.6, S: 0.2, V: -0.05, C: 0.7, marks: marks, phase: "building", era: "gestural",
        energy: 0.4, curiosity: 0.3, engagement: 0.8, fatigue: 0.1, arcPhase: "building", gestureEntropy: 0.9,
        switchingRate: 0.25, intentionality: 0.55)
}
