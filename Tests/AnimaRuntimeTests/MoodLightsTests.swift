import AnimaDrawing
import AnimaHAL
import Logging
import Testing

@testable import AnimaRuntime

/// The LED palette of drawing spec §2.4 (simplified) and its path to an APA102 chain.
@Suite struct MoodLightsTests {
    @Test func warmthClarityAndStabilityColoursAreThePalette() {
        #expect(MoodLights.warmthColour(0.1) == (180, 110, 40))
        #expect(MoodLights.warmthColour(0.45) == (200, 120, 42))  // halfway from (180,110,40) to (220,130,45)
        #expect(MoodLights.warmthColour(1.0) == (255, 150, 50))
        #expect(MoodLights.clarityColour(0.82) == (194, 159, 87))  // int(80 + 140·0.82) = 194
        #expect(MoodLights.clarityColour(0.0) == (120, 98, 54))    // clamped up to 120
        #expect(MoodLights.clarityColour(1.0) == (220, 180, 99))   // clamped down to 220
        #expect(MoodLights.stabilityColour(0.2) == (180, 100, 30))
        #expect(MoodLights.stabilityColour(0.8) == (210, 137, 48))
    }

    /// Physical order on the BrainCraft HAT: index 0 stability/presence, 1 clarity, 2 warmth.
    @Test func chainOrderAndBrightness() {
        let anima = AnimaState(warmth: 0.1, clarity: 0.0, stability: 0.0, presence: 0.0)
        let frame = MoodLights.apa102(for: anima, count: 4)
        #expect(frame[0] == APA102Color(red: 180, green: 100, blue: 30, brightness: 1))
        #expect(frame[1] == APA102Color(red: 120, green: 98, blue: 54, brightness: 1))
        #expect(frame[2] == APA102Color(red: 180, green: 110, blue: 40, brightness: 1))
        #expect(frame[3] == .off)
    }

    /// The driver bit-bangs the frame once per change of mood, and not again while it stays the same.
    @Test func driverSendsOnlyChanges() throws {
        let clock = FakeGPIOOutput(name: "clock")
        let data = FakeGPIOOutput(name: "data")
        let driver = MoodLightDriver(
            chain: try APA102Chain(count: 3, output: .bitBanged(clock: clock, data: data)), logger: Logger(label: "test"))
        let calm = AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83)
        let before = clock.values.count  // the chain parks the clock low when it is made
        driver.show(calm)
        let edgesAfterFirst = clock.values.count
        // 4 start + 3×4 LED + 1 end byte = 17 bytes = 136 bits, two clock edges per bit.
        #expect(edgesAfterFirst - before == 136 * 2)
        driver.show(calm)
        #expect(clock.values.count == edgesAfterFirst)
        driver.show(AnimaState(warmth: 0.9, clarity: 0.82, stability: 0.89, presence: 0.83))
        #expect(clock.values.count == edgesAfterFirst + 136 * 2)
    }
}

/// LED breathing as the reference: 0.92 + 0.08·sin(2πt/12 + i·2π/3) on each LED's colour, a 12 s wave along the chain.
@Suite struct MoodLightBreathingTests {
    @Test func waveValues() {
        #expect(abs(MoodLights.breathing(index: 0, time: 0) - 0.92) < 1e-12)
        #expect(abs(MoodLights.breathing(index: 0, time: 3) - 1.0) < 1e-12)   // quarter cycle: sin = 1
        #expect(abs(MoodLights.breathing(index: 0, time: 9) - 0.84) < 1e-12)  // three quarters: sin = −1
        // LED 1 is a third of a cycle ahead: at t = −1 s its phase is π/2 … i.e. its peak comes 4 s before LED 0's.
        #expect(abs(MoodLights.breathing(index: 1, time: -1) - 1.0) < 1e-12)
    }

    @Test func framesBreatheAndStayInRange() {
        let calm = AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83)
        let steady = MoodLights.apa102(for: calm, count: 3)
        let peak = MoodLights.apa102(for: calm, count: 3, time: 3)
        let trough = MoodLights.apa102(for: calm, count: 3, time: 9)
        #expect(peak[0] == steady[0], "LED 0 at its peak shows the full mood colour")
        #expect(trough[0].red == UInt8(Double(steady[0].red) * 0.84))
        #expect(peak[0] != trough[0])
        for time in [Double.nan, .infinity, -.infinity] {
            #expect(MoodLights.apa102(for: calm, count: 3, time: time) == steady)
        }
        #expect(MoodLights.apa102(for: calm, count: 5, time: 1e12).count == 5)
    }

    /// The fake APA102 chain receives a new frame as the wave moves, and nothing when asked twice at the same time.
    @Test func driverSendsTheBreathingFrames() throws {
        let clock = FakeGPIOOutput(name: "clock")
        let data = FakeGPIOOutput(name: "data")
        let driver = MoodLightDriver(
            chain: try APA102Chain(count: 3, output: .bitBanged(clock: clock, data: data)), logger: Logger(label: "test"))
        let calm = AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83)
        driver.show(calm, time: 0)
        let afterFirst = clock.values.count
        driver.show(calm, time: 0)
        #expect(clock.values.count == afterFirst)
        driver.show(calm, time: 3)
        #expect(clock.values.count == afterFirst + 136 * 2)
    }
}
