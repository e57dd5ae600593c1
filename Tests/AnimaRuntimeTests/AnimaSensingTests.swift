import Foundation
import Testing

@testable import AnimaRuntime

@Suite struct AnimaSensingTests {
    /// System metrics only (a Pi without a sensor HAT): each quality from the inputs that exist, weights renormalised.
    @Test func systemMetricsOnly() {
        let anima = AnimaSensing.sense(BodyReadings(cpuTemperatureC: 60, cpuPercent: 20, memoryPercent: 40, diskPercent: 50))
        // warmth: cpu temp (60−40)/40 = 0.5, the only warmth input.
        #expect(anima.warmth == 0.5)
        // clarity: (0.5·0.50 + (1/5)·0.15) / 0.65 = 0.28/0.65 = 0.4307…
        #expect(anima.clarity == 0.431)
        // stability: 1 − (0.4·0.30 + (4/5)·0.20) / 0.50 = 1 − 0.28/0.5 = 0.44
        #expect(anima.stability == 0.44)
        // presence: 1 − (0.5·0.25 + 0.4·0.30 + 0.2·0.25) / 0.80 = 1 − 0.295/0.8 = 0.63125 → 0.631
        #expect(anima.presence == 0.631)
    }

    @Test func fullSensorHat() {
        let anima = AnimaSensing.sense(BodyReadings(
            cpuTemperatureC: 80, cpuPercent: 0, memoryPercent: 0, diskPercent: 0,
            ambientTemperatureC: 25, humidityPercent: 45, lightLux: 1000, pressureHPa: 1013.25))
        // warmth: (1.0·0.35 + 0.5·0.45) / 0.80 = 0.71875
        #expect(anima.warmth == 0.719)
        // clarity: (0.5·0.5 + 1·0.15 + 1·0.15) / 0.8 = 0.6875
        #expect(anima.clarity == 0.688)
        #expect(anima.stability == 1.0)
        #expect(anima.presence == 1.0)
    }

    @Test func nothingKnownIsNeutralAndClamped() {
        let anima = AnimaSensing.sense(BodyReadings())
        #expect(anima.warmth == 0.5)
        #expect(anima.presence == 0.5)
        let hot = AnimaSensing.sense(BodyReadings(cpuTemperatureC: 120))
        #expect(hot.warmth == 1.0)
        #expect(BodyReadings().missing.count == 8)
    }

    /// The Linux reader against a fake /sys and /proc tree.
    @Test func readsLinuxMetricsFromATree() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("body-\(UUID().uuidString)")
        func put(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try put("sys/class/thermal/thermal_zone0/temp", "52345\n")
        try put("proc/meminfo", "MemTotal:        4000000 kB\nMemFree:          100000 kB\nMemAvailable:    3000000 kB\n")
        try put("proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 1 2 3 4\n")
        let metrics = LinuxBodyMetrics(root: root.path, diskPath: root.path)
        let first = metrics.read()
        #expect(first.cpuTemperatureC == 52.345)
        #expect(first.memoryPercent == 25)
        #expect(first.cpuPercent == nil, "CPU % needs two samples")
        #expect(first.diskPercent != nil)
        // 100 more jiffies, 50 of them busy.
        try put("proc/stat", "cpu  125 0 125 850 0 0 0 0 0 0\n")
        #expect(metrics.read().cpuPercent == 50)
    }
}
