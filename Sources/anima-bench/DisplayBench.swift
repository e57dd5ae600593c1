import AnimaDisplay
import AnimaDrivers
import AnimaImage

/// Display figures for docs/performance.md: bytes and windows per update for a full frame, a typical mark and 1%
/// random pixels on a 240×240 ST7789, and the CPU time to diff and encode a full frame (release build).
enum DisplayBench {
    /// Counts what a bus would carry without storing it, so timing measures diff + encode only.
    final class CountingTransport: DisplayTransport {
        var bytes = 0
        func command(_ bytes: [UInt8]) throws(DisplayError) { self.bytes += bytes.count }
        func data(_ bytes: [UInt8]) throws(DisplayError) { self.bytes += bytes.count }
        func wait(milliseconds: UInt32) throws(DisplayError) {}
        func setLine(_ role: DisplayLine, to value: Int) throws(DisplayError) {}
        func endFrame(_ number: UInt32) throws(DisplayError) {}
    }

    /// Deterministic pixels (xorshift) so every run measures the same work.
    struct XorShift: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    static func run() {
        do {
            try measure()
        } catch {
            print("display bench failed: \(error)")
        }
    }

    static func measure() throws(DisplayError) {
        print("== Display (ST7789 240×240, RGB565, merge gap \(SpanDiff.defaultMergeGap) px) ==")
        let configuration = PanelConfiguration(controller: DriverRegistry.controller(named: "st7789")!, inverted: true)
        let display = try Display(configuration: configuration, transport: CountingTransport())
        var random = XorShift(state: 0x9E37_79B9_7F4A_7C15)
        try display.initialize()
        report("(a) full frame (first update)", try display.update())

        display.framebuffer.fill(Window(x: 100, y: 60, width: 5, height: 4), with: RGB(200, 40, 40))
        report("(b) typical mark: 5×4 blob (20 px)", try display.update())
        for step in 0..<20 { display.framebuffer.set(x: 30 + step, y: 90 + step / 2, to: RGB(10, 200, 90)) }
        report("(b) typical mark: 20-px diagonal stroke", try display.update())

        for _ in 0..<(240 * 240 / 100) {
            display.framebuffer.set(x: Int(random.next() % 240), y: Int(random.next() % 240), to: RGB(UInt8(truncatingIfNeeded: random.next()), 7, 99))
        }
        report("(c) 1% random pixels (576 px)", try display.update())

        let images = (0..<2).map { _ in noise(&random) }
        var diffTimes: [Duration] = []
        var drawTimes: [Duration] = []
        let clock = ContinuousClock()
        for round in 0..<60 {
            let start = clock.now
            try display.framebuffer.draw(images[round % 2])
            let drawn = clock.now
            let statistics = try display.update()
            let end = clock.now
            precondition(statistics.fullFrame, "every pixel changed, so the diff must fall back to a full frame")
            drawTimes.append(drawn - start)
            diffTimes.append(end - drawn)
        }
        print("  diff + encode a full 240×240 frame (update(), all pixels changed): median \(milliseconds(median(diffTimes))) ms over 60")
        print("  copy an RGBImage into the RGB565 framebuffer (draw(_:)): median \(milliseconds(median(drawTimes))) ms over 60")
    }

    static func noise(_ random: inout XorShift) -> RGBImage {
        var image = RGBImage(width: 240, height: 240)
        for index in image.bytes.indices { image.bytes[index] = UInt8(truncatingIfNeeded: random.next()) }
        return image
    }

    static func report(_ label: String, _ statistics: UpdateStatistics) {
        let share = Double(statistics.bytes) / Double(11 + 115_200) * 100
        let percent = (share * 100).rounded() / 100
        print("  \(label): \(statistics.bytes) bytes (\(percent)% of a frame), \(statistics.windows) windows, \(statistics.commands) commands")
    }

    static func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String((value * 1000).rounded() / 1000)
    }
}
