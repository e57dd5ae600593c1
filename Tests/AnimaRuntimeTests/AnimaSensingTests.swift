import Foundation
import Testing

@testable import AnimaRuntime

@Suite struct AnimaSensingTests {
    /// System metrics only (a Pi without a sensor HAT): each quality from the inputs that exist, weights renormalised,
    /// plus the always-present neural term (anima-mcp anima.py; first-sample bands: beta .2, alpha .8, gamma 0,
    /// theta 0, delta 1 — computational_neural.py).
    @Test func systemMetricsOnly() {
        let anima = AnimaSensing.sense(BodyReadings(cpuTemperatureC: 60, cpuPercent: 20, memoryPercent: 40, diskPercent: 50))
        // warmth: (0.5·0.35 + (0.2+0)/2·0.20) / 0.55 = 0.195/0.55 = 0.3545…
        #expect(anima.warmth == 0.355)
        // clarity: (0.5·0.50 + (1/5)·0.15 + 0.8·0.30) / 0.95 = 0.52/0.95 = 0.5473…
        #expect(anima.clarity == 0.547)
        // stability: 1 − (0.4·0.30 + (4/5)·0.20 + (1 − (0+1)/2)·0.10) / 0.60 = 1 − 0.33/0.6 = 0.45
        #expect(anima.stability == 0.45)
        // presence: 1 − (0.5·0.25 + 0.4·0.30 + 0.2·0.25 + 0·0.20) / 1.0 = 0.705
        #expect(anima.presence == 0.705)
    }

    @Test func fullSensorHat() {
        let anima = AnimaSensing.sense(BodyReadings(
            cpuTemperatureC: 80, cpuPercent: 0, memoryPercent: 0, diskPercent: 0,
            ambientTemperatureC: 25, humidityPercent: 45, lightLux: 1000, pressureHPa: 1013.25))
        // warmth: (1.0·0.35 + 0.5·0.45 + 0·0.20) / 1.0 = 0.575
        #expect(anima.warmth == 0.575)
        // clarity: (0.5·0.5 + 1·0.15 + 1·0.15 + 1·0.30) / 1.1 = 0.7727…
        #expect(anima.clarity == 0.773)
        // stability: 1 − (0.5·0.10) / 1.0 (delta 1, theta 0 → groundedness 0.5)
        #expect(anima.stability == 0.95)
        #expect(anima.presence == 1.0)
    }

    @Test func nothingKnownIsBoundedAndClamped() {
        let anima = AnimaSensing.sense(BodyReadings())
        // Only the neural terms remain: beta 0, gamma 0 → warmth 0; no load → presence 1 (as the reference).
        #expect(anima.warmth == 0)
        #expect(anima.presence == 1)
        // clarity: (0.5·0.5 + 0·0.15 + 1·0.30) / 0.95 = 0.5789…
        #expect(anima.clarity == 0.579)
        let hot = AnimaSensing.sense(BodyReadings(cpuTemperatureC: 120))
        #expect(hot.warmth == 0.636, "the CPU term clamps to 1 before weighting: 0.35/0.55")
        #expect(BodyReadings().missing.count == 8)
    }

    /// Garbage from a broken reader (NaN, ±∞, absurd values) never leaves [0, 1].
    @Test func garbageReadingsStayInRange() {
        let values: [Double] = [.nan, .infinity, -.infinity, -1e9, 1e9]
        for value in values {
            let anima = AnimaSensing.sense(BodyReadings(
                cpuTemperatureC: value, cpuPercent: value, memoryPercent: value, diskPercent: value,
                ambientTemperatureC: value, humidityPercent: value, lightLux: value, pressureHPa: value))
            for quality in [anima.warmth, anima.clarity, anima.stability, anima.presence] {
                #expect((0...1).contains(quality), "\(value) gave \(anima)")
            }
        }
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
        #expect(first.throttleBits == nil, "no firmware node off a Pi")
        // The firmware's throttle word (same as `vcgencmd get_throttled` → throttled=0x50005), and garbage.
        for (text, bits) in [("50005\n", UInt32?.some(0x50005)), ("0x0\n", 0), ("zz\n", nil), ("", nil), ("123456789\n", nil)] {
            try put("sys/devices/platform/soc/soc:firmware/get_throttled", text)
            #expect(metrics.read().throttleBits == bits, "\(text)")
        }
    }
}
