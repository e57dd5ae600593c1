import AnimaDrawing
import AnimaImage
import Testing

@testable import AnimaStore

/// The history plot's rasteriser: where series, phase shading and drawing boundaries land.
@Suite struct DrawingHistoryPlotTests {
    func row(_ index: Int, marks: Int, phase: String?, E: Double) -> DrawingHistoryRow {
        var value = snapshot(marks: marks, time: Double(index), E: E)
        value.arcPhase = phase
        value.phase = phase
        return DrawingHistoryRow(id: Int64(index + 1), timestamp: StoreTimestamp.format(Double(index)), snapshot: value)
    }

    @Test func panelMapsValuesToRows() {
        let panel = DrawingHistoryPlot.Panel(top: 10, height: 101, range: 0...1)
        #expect(panel.y(1) == 10)
        #expect(panel.y(0) == 110)
        #expect(panel.y(0.5) == 60)
        #expect(panel.y(7) == 10)
        #expect(panel.y(-3) == 110)
    }

    @Test func drawsShadingSeriesAndBoundaries() {
        let rows = [
            row(0, marks: 10, phase: "opening", E: 1), row(1, marks: 20, phase: "opening", E: 1),
            row(2, marks: 10, phase: "closing", E: 1),
        ]
        let image = DrawingHistoryPlot.render(rows, width: 424, height: 300)
        // x for rows 0, 1, 2 over a 376-px plot starting at 24: 24, 211, 399.
        let top = 24 + 14
        #expect(image[24, top] == DrawingHistoryPlot.eisvSeries[0].color)  // E = 1 on the top edge
        #expect(image[100, top + 40] == DrawingHistoryPlot.phaseShades["opening"])
        #expect(image[380, top + 40] == DrawingHistoryPlot.phaseShades["closing"])
        #expect(image[399, top + 40] == RGB(90, 90, 90))  // marks fell from 20 to 10: a new drawing
        #expect(PNGEncoder.encode(image).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func emptyHistoryStillRenders() {
        let image = DrawingHistoryPlot.render([], width: 300, height: 200)
        #expect(image.width == 300)
        #expect(image.height == 200)
    }
}
