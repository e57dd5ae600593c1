import AnimaDisplay
import AnimaDrivers
import AnimaImage
import Testing

@Suite("Span diff and partial updates")
struct SpanDiffTests {
    @Test("spans merge across gaps of at most 4 unchanged pixels, not 5; equal spans on consecutive rows stack")
    func merging() {
        let width = 20
        let before = [UInt32](repeating: 0, count: width * 3)
        var after = before
        after[0] = 1; after[5] = 1  // gap of 4 → one span 0…5
        after[width + 0] = 1; after[width + 6] = 1  // gap of 5 → two spans
        after[2 * width + 0] = 1; after[2 * width + 6] = 1  // same as row 1 → stacked under it
        let windows = SpanDiff.windows(current: after, previous: before, width: width, region: Window(x: 0, y: 0, width: width, height: 3))
        #expect(windows == [
            Window(x: 0, y: 0, width: 6, height: 1),
            Window(x: 0, y: 1, width: 1, height: 2),
            Window(x: 6, y: 1, width: 1, height: 2),
        ])
        let unmerged = SpanDiff.windows(current: after, previous: before, width: width, region: Window(x: 0, y: 0, width: width, height: 1), mergeGap: 3)
        #expect(unmerged == [Window(x: 0, y: 0, width: 1, height: 1), Window(x: 5, y: 0, width: 1, height: 1)])
    }

    @Test("property: windows cover every changed pixel and stay inside the frame (400 seeded cases)")
    func coverage() {
        var random = SeededRandom(seed: 0xA11CE)
        for _ in 0..<400 {
            let width = Int.random(in: 1...48, using: &random), height = Int.random(in: 1...32, using: &random)
            let before = (0..<(width * height)).map { _ in UInt32.random(in: 0...3, using: &random) }
            var after = before
            for _ in 0..<Int.random(in: 0...30, using: &random) {
                after[Int.random(in: 0..<after.count, using: &random)] = UInt32.random(in: 0...3, using: &random)
            }
            let gap = Int.random(in: 0...6, using: &random)
            let windows = SpanDiff.windows(
                current: after, previous: before, width: width, region: Window(x: 0, y: 0, width: width, height: height), mergeGap: gap)
            for window in windows {
                #expect(window.x >= 0 && window.y >= 0 && window.maxX < width && window.maxY < height)
            }
            for index in after.indices where after[index] != before[index] {
                let x = index % width, y = index / width
                #expect(windows.contains { $0.contains(x: x, y: y) }, "pixel (\(x), \(y)) of \(width)×\(height) not covered")
            }
        }
    }

    @Test("property: through the Display, the panel always ends equal and no update costs more than a full frame (300 cases)")
    func neverMoreThanFullFrame() throws {
        var random = SeededRandom(seed: 42)
        let configuration = PanelConfiguration(controller: controller("st7789"), geometry: PanelGeometry(width: 40, height: 24))
        let full = 11 + 40 * 24 * 2
        for _ in 0..<300 {
            let panel = VirtualPanel(configuration: configuration)
            let recorder = RecordingTransport()
            let display = try Display(configuration: configuration, transport: recorder)
            try display.initialize()
            try display.framebuffer.draw(randomImage(width: 40, height: 24, using: &random))
            #expect(try display.update().bytes == full)
            for record in recorder.records { try record.replay(into: panel) }
            recorder.removeAll()
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let color = RGB(UInt8.random(in: 0...255, using: &random), UInt8.random(in: 0...255, using: &random), 9)
                if Bool.random(using: &random) {
                    display.framebuffer.set(x: Int.random(in: 0..<40, using: &random), y: Int.random(in: 0..<24, using: &random), to: color)
                } else {
                    let rect = Window(x: Int.random(in: -3..<40, using: &random), y: Int.random(in: -3..<24, using: &random),
                                      width: Int.random(in: 1...30, using: &random), height: Int.random(in: 1...20, using: &random))
                    display.framebuffer.fill(rect, with: color)
                }
            }
            let statistics = try display.update()
            #expect(statistics.bytes <= full)
            for record in recorder.records { try record.replay(into: panel) }
            #expect(panel.viewedImage(rotation: .deg0) == display.framebuffer.image())
        }
    }

    @Test("a typical 20-pixel mark on 240×240 costs under 2% of a full frame")
    func typicalMark() throws {
        let display = try Display(configuration: PanelConfiguration(controller: controller("st7789"), inverted: true), transport: RecordingTransport())
        try display.initialize()
        let full = try display.update()
        #expect(full.bytes == 11 + 115_200 && full.fullFrame)
        display.framebuffer.fill(Window(x: 100, y: 60, width: 5, height: 4), with: RGB(200, 40, 40))
        let blob = try display.update()
        #expect(blob.bytes == 11 + 40 && blob.windows == 1)
        for step in 0..<20 { display.framebuffer.set(x: 30 + step, y: 90 + step / 2, to: RGB(10, 200, 90)) }
        let stroke = try display.update()
        #expect(Double(stroke.bytes) < 0.02 * Double(full.bytes), "\(stroke)")
        #expect(try display.update().bytes == 0)  // nothing drawn, nothing sent
    }
}
