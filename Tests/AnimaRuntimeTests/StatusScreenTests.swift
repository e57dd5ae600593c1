import AnimaDrawing
import AnimaImage
import Testing

@testable import AnimaRuntime

/// The status screen the status button toggles to: name, era, EISV, verdict, outbox depth in the built-in font.
@Suite struct StatusScreenTests {
    static let content = StatusScreenContent(
        name: "Lumen", era: "field", E: 0.41, I: 0.82, S: 0.11, V: 0.05, verdict: "proceed (local)", outboxDepth: 3)

    @Test func linesSayWhatMatters() {
        #expect(Self.content.lines == [
            "NAME Lumen", "ERA field", "E 0.41  I 0.82", "S 0.11  V 0.05", "VERDICT proceed (local)", "OUTBOX 3",
        ])
    }

    /// The "N" of NAME at 2× on a 240×240 panel: its first row is bits 10001 → pixels at x 4–5 and 12–13, y 4–5.
    @Test func rendersTheFontScaledToThePanel() {
        let canvas = StatusScreen.render(Self.content, width: 240, height: 240)
        #expect(canvas.pixel(4, 4) == StatusScreen.colour)
        #expect(canvas.pixel(5, 5) == StatusScreen.colour)
        #expect(canvas.pixel(6, 4) == nil)
        #expect(canvas.pixel(12, 4) == StatusScreen.colour)
        #expect(canvas.pixelCount > 500)
        // A small panel (128×64 OLED-sized canvas) gets 1× text and keeps to its bounds.
        let small = StatusScreen.render(Self.content, width: 128, height: 64)
        #expect(small.pixel(4, 4) == StatusScreen.colour)
        #expect(small.pixelCount > 0)
    }

    /// Hostile content (a huge or odd name, NaN state, an unknown depth) renders bounded, never past the panel.
    @Test func garbageContentStaysOnThePanel() {
        let hostile = StatusScreenContent(
            name: String(repeating: "Ж😀\u{0}\n", count: 5000), era: "", E: .nan, I: .infinity, S: -.infinity, V: 1e300,
            verdict: String(repeating: "x", count: 100_000), outboxDepth: -1)
        #expect(hostile.lines[2] == "E -  I -")
        #expect(hostile.lines[5] == "OUTBOX ?")
        let canvas = StatusScreen.render(hostile, width: 240, height: 135)
        canvas.forEachPixel { x, y, _ in
            #expect(x < 240 && y < 135)
        }
        _ = StatusScreen.render(hostile, width: 1, height: 1)
    }
}
