import AnimaDrawing
import Foundation
import GovernanceCore
import Testing

@testable import AnimaRuntime

/// A Pi with no sensor chips (issue 11): before the neural term, clarity sat at 0.39–0.43, on the local fallback's
/// 0.40 coherence line, so a sensorless Pi could pause itself. With the reference's absent-sensor defaults (neutral
/// prediction accuracy, sensor coverage, and the always-present computational-neural alpha — anima-mcp anima.py
/// `_sense_clarity`, config.py `clarity_weights`) it keeps drawing under the local fallback verdict.
@Suite struct SensorlessPiTests {
    static func verdict(_ anima: AnimaState) -> LocalVerdict {
        LocalVerdict(eisv: .mapping(anima: AnimaReading(
            warmth: anima.warmth, clarity: anima.clarity, stability: anima.stability, presence: anima.presence)))
    }

    /// Typical loads of a Pi (its SoC thermal zone always reads) and of a VM without one: proceed, clarity clear of
    /// the line. (The reference's `missing_sensors` stability term still counts: a sensorless Pi above ~50 % memory
    /// crosses the 0.60 risk line, as the reference's would — see docs/drawing-engine.md.)
    @Test(arguments: [(Double?.some(48), 45.0), (nil, 35.0)])
    func typicalLoadsProceed(cpuTemperature: Double?, maxMemory: Double) {
        for cpu in stride(from: 0.0, through: 30, by: 10) {
            for memory in stride(from: 15.0, through: maxMemory, by: 10) {
                let anima = AnimaSensing.sense(BodyReadings(
                    cpuTemperatureC: cpuTemperature, cpuPercent: cpu, memoryPercent: memory, diskPercent: 40))
                #expect(anima.clarity >= 0.48, "cpu \(cpu)% mem \(memory)%: clarity \(anima.clarity)")
                let verdict = Self.verdict(anima)
                #expect(verdict.action == .proceed, "cpu \(cpu)% mem \(memory)%: \(verdict.reason) (\(anima))")
            }
        }
    }

    /// End to end through the Linux reader on a fake /sys and /proc of a sensorless Pi, then the engine: the local
    /// verdict proceeds and the creature keeps making marks.
    @Test func sensorlessPiKeepsDrawingUnderTheLocalFallback() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sensorless-\(UUID().uuidString)")
        func put(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try put("sys/class/thermal/thermal_zone0/temp", "47234\n")
        try put("proc/meminfo", "MemTotal:        1000000 kB\nMemAvailable:     650000 kB\n")
        try put("proc/stat", "cpu  100 0 100 800 0 0 0 0 0 0\nintr 5000 1 2\nctxt 10000\n")
        try put("proc/diskstats", " 179 0 mmcblk0 10 0 0 0 0 0 0 0 0 400 0\n 179 1 mmcblk0p1 1 0 0 0 0 0 0 0 0 400 0\n")
        try put("proc/net/dev", "Inter-|\n face |\n    lo: 999999 0 0 0 0 0 0 0 999999 0\n  wlan0: 1000 0 0 0 0 0 0 0 2000 0\n")
        let metrics = LinuxBodyMetrics(root: root.path, diskPath: root.path)
        _ = metrics.read(time: 0)
        try put("proc/stat", "cpu  110 0 110 880 0 0 0 0 0 0\nintr 6000 1 2\nctxt 12000\n")
        let readings = metrics.read(time: 2)
        #expect(readings.ambientTemperatureC == nil && readings.lightLux == nil)
        let neural = try #require(readings.neural)
        // 2000 switches and 1000 interrupts in 2 s: (1000/5000)·0.6 + (500/5000)·0.4 = 0.16, EMA 0.2 from 0 → 0.032.
        #expect(neural.gamma == 0.032)
        #expect(neural.beta == 0.2)

        let anima = AnimaSensing.sense(readings)
        let verdict = Self.verdict(anima)
        #expect(verdict.action == .proceed, "\(verdict.reason) (\(anima))")

        let clock = VirtualClock()
        let engine = DrawingEngine(clock: clock, random: SeededRandom(seed: 11))
        engine.applyGovernance(action: verdict.action.rawValue)
        var marks = 0
        for _ in 0..<300 {
            if engine.frame(anima: anima).draw.kind == .marked { marks += 1 }
            clock.advance(by: 1)
        }
        #expect(marks > 0, "a sensorless Pi keeps drawing: \(marks) marks in 300 frames")

        // The control: the same engine under a pause makes no marks.
        let pausedClock = VirtualClock()
        let paused = DrawingEngine(clock: pausedClock, random: SeededRandom(seed: 11))
        paused.applyGovernance(action: "pause")
        var pausedMarks = 0
        for _ in 0..<300 {
            if paused.frame(anima: anima).draw.kind == .marked { pausedMarks += 1 }
            pausedClock.advance(by: 1)
        }
        #expect(pausedMarks == 0)
    }

    /// The computational-neural sensor fed garbage counters (going backwards, absent, same timestamp) stays bounded.
    @Test func neuralSensorGarbage() {
        var sensor = ComputationalNeuralSensor()
        let huge = NeuralCounters(contextSwitches: .max, interrupts: .max, diskBusyMilliseconds: .max, networkBytes: .max)
        let bands = [
            sensor.sample(cpuPercent: 500, cpuTemperatureC: .infinity, counters: huge, time: 10),
            sensor.sample(cpuPercent: -5, cpuTemperatureC: nil, counters: NeuralCounters(contextSwitches: 0, interrupts: 0), time: 12),
            sensor.sample(cpuPercent: nil, cpuTemperatureC: 40, counters: nil, time: 12),
            sensor.sample(cpuPercent: 50, cpuTemperatureC: 40, counters: huge, time: 11),
        ]
        for band in bands {
            for value in [band.alpha, band.beta, band.gamma, band.theta, band.delta] {
                #expect((0...1).contains(value), "\(band)")
            }
        }
    }
}
