import AnimaDrawing
import AnimaImage

/// Renders drawing_history as a PNG-ready image: E, I, S, V and C in the top panel, attention (curiosity,
/// engagement, fatigue) in the bottom one, one column step per row (every 10 marks), the background shaded by
/// arc phase and a dark rule wherever the marks count falls (a new drawing began). Pure: rows in, pixels out.
public enum DrawingHistoryPlot {
    public struct Series: Sendable {
        public let label: String
        public let color: RGB
        public let value: @Sendable (DrawingSnapshot) -> Double?
    }

    public static let eisvSeries: [Series] = [
        Series(label: "E", color: RGB(220, 50, 47), value: { $0.E }),
        Series(label: "I", color: RGB(40, 160, 60), value: { $0.I }),
        Series(label: "S", color: RGB(38, 110, 210), value: { $0.S }),
        Series(label: "V", color: RGB(150, 60, 190), value: { $0.V }),
        Series(label: "C", color: RGB(20, 20, 20), value: { $0.C }),
    ]
    public static let attentionSeries: [Series] = [
        Series(label: "CURIOSITY", color: RGB(230, 130, 0), value: { $0.curiosity }),
        Series(label: "ENGAGEMENT", color: RGB(0, 150, 150), value: { $0.engagement }),
        Series(label: "FATIGUE", color: RGB(120, 120, 120), value: { $0.fatigue }),
    ]
    /// Background shades of the reference's four arc phases; other names get a neutral grey.
    public static let phaseShades: [String: RGB] = [
        "opening": RGB(232, 240, 252), "developing": RGB(234, 248, 234), "resolving": RGB(252, 246, 226),
        "closing": RGB(250, 232, 232),
    ]
    static let unknownPhaseShade = RGB(242, 242, 242)
    static let margin = 24
    static let legendHeight = 14

    /// Plot area geometry of one panel: rows map to x, values in `range` map to y (top = high).
    struct Panel {
        let top: Int
        let height: Int
        let range: ClosedRange<Double>

        func y(_ value: Double) -> Int {
            let clamped = min(max(value, range.lowerBound), range.upperBound)
            let fraction = (clamped - range.lowerBound) / (range.upperBound - range.lowerBound)
            return top + height - 1 - Int((fraction * Double(height - 1)).rounded())
        }
    }

    public static func render(_ rows: [DrawingHistoryRow], width: Int = 960, height: Int = 540) -> RGBImage {
        let width = max(width, 200)
        let height = max(height, 160)
        var image = RGBImage(width: width, height: height, fill: RGB(255, 255, 255))
        let plotWidth = width - 2 * margin
        let panelHeight = (height - 3 * margin - 2 * legendHeight) / 2
        let lowestV = rows.map(\.snapshot.V).min() ?? 0
        let top = Panel(top: margin + legendHeight, height: panelHeight, range: min(-0.1, lowestV)...1)
        let bottom = Panel(top: 2 * margin + 2 * legendHeight + panelHeight, height: panelHeight, range: 0...1)
        let xs = rows.indices.map { index in
            margin + (rows.count > 1 ? index * (plotWidth - 1) / (rows.count - 1) : plotWidth / 2)
        }

        for panel in [top, bottom] {
            shadePhases(rows, xs: xs, panel: panel, plotRight: margin + plotWidth, into: &image)
            drawingBoundaries(rows, xs: xs, panel: panel, into: &image)
            frame(panel, left: margin, width: plotWidth, into: &image)
        }
        horizontalRule(y: top.y(0), from: margin, to: margin + plotWidth - 1, color: RGB(170, 170, 170), into: &image)
        for (series, panel) in eisvSeries.map({ ($0, top) }) + attentionSeries.map({ ($0, bottom) }) {
            polyline(rows, xs: xs, series: series, panel: panel, into: &image)
        }
        legend(eisvSeries, y: margin, into: &image)
        legend(attentionSeries, y: bottom.top - legendHeight, into: &image)
        var x = margin
        for phase in ["opening", "developing", "resolving", "closing"] {
            fill(x: x, y: height - margin + 6, width: 10, height: 9, color: phaseShades[phase] ?? unknownPhaseShade, into: &image)
            PlotGlyphs.draw(phase, x: x + 13, y: height - margin + 7, color: RGB(60, 60, 60), into: &image)
            x += 13 + 6 * phase.count + 14
        }
        return image
    }

    static func shadePhases(_ rows: [DrawingHistoryRow], xs: [Int], panel: Panel, plotRight: Int, into image: inout RGBImage) {
        for (index, row) in rows.enumerated() {
            let phase = row.snapshot.arcPhase ?? row.snapshot.phase
            let shade = phase.map { phaseShades[$0] ?? unknownPhaseShade } ?? RGB(255, 255, 255)
            let start = index == 0 ? margin : (xs[index - 1] + xs[index]) / 2
            let end = index == rows.count - 1 ? plotRight : (xs[index] + xs[index + 1]) / 2
            fill(x: start, y: panel.top, width: end - start, height: panel.height, color: shade, into: &image)
        }
    }

    static func drawingBoundaries(_ rows: [DrawingHistoryRow], xs: [Int], panel: Panel, into image: inout RGBImage) {
        for index in rows.indices.dropFirst() where rows[index].snapshot.marks < rows[index - 1].snapshot.marks {
            fill(x: xs[index], y: panel.top, width: 1, height: panel.height, color: RGB(90, 90, 90), into: &image)
        }
    }

    static func polyline(_ rows: [DrawingHistoryRow], xs: [Int], series: Series, panel: Panel, into image: inout RGBImage) {
        var previous: (Int, Int)?
        for (index, row) in rows.enumerated() {
            guard let value = series.value(row.snapshot), value.isFinite else {
                previous = nil
                continue
            }
            let point = (xs[index], panel.y(value))
            line(from: previous ?? point, to: point, color: series.color, into: &image)
            previous = point
        }
    }

    /// Bresenham's line, two pixels thick (the pixel below too) so thin series stay visible.
    static func line(from start: (Int, Int), to end: (Int, Int), color: RGB, into image: inout RGBImage) {
        var (x, y) = start
        let dx = abs(end.0 - x)
        let dy = -abs(end.1 - y)
        let stepX = x < end.0 ? 1 : -1
        let stepY = y < end.1 ? 1 : -1
        var error = dx + dy
        while true {
            for py in [y, y + 1] where image.contains(x: x, y: py) { image[x, py] = color }
            if x == end.0 && y == end.1 { break }
            let doubled = 2 * error
            if doubled >= dy {
                error += dy
                x += stepX
            }
            if doubled <= dx {
                error += dx
                y += stepY
            }
        }
    }

    static func legend(_ series: [Series], y: Int, into image: inout RGBImage) {
        var x = margin
        for item in series {
            fill(x: x, y: y + 2, width: 12, height: 4, color: item.color, into: &image)
            PlotGlyphs.draw(item.label, x: x + 16, y: y, color: RGB(40, 40, 40), into: &image)
            x += 16 + 6 * item.label.count + 14
        }
    }

    static func frame(_ panel: Panel, left: Int, width: Int, into image: inout RGBImage) {
        let color = RGB(110, 110, 110)
        horizontalRule(y: panel.top - 1, from: left - 1, to: left + width, color: color, into: &image)
        horizontalRule(y: panel.top + panel.height, from: left - 1, to: left + width, color: color, into: &image)
        fill(x: left - 1, y: panel.top, width: 1, height: panel.height, color: color, into: &image)
        fill(x: left + width, y: panel.top, width: 1, height: panel.height, color: color, into: &image)
    }

    static func horizontalRule(y: Int, from x0: Int, to x1: Int, color: RGB, into image: inout RGBImage) {
        fill(x: x0, y: y, width: x1 - x0 + 1, height: 1, color: color, into: &image)
    }

    static func fill(x: Int, y: Int, width: Int, height: Int, color: RGB, into image: inout RGBImage) {
        for py in max(0, y)..<max(max(0, y), min(image.height, y + height)) {
            for px in max(0, x)..<max(max(0, x), min(image.width, x + width)) { image[px, py] = color }
        }
    }
}
