import Foundation

/// A line chart rendered to SVG text on the server (no script, no external resources). Points whose x or y is NaN or
/// infinite are dropped before scaling, so one bad value cannot blow up the axes or emit `NaN` into the markup.
struct SVGLineChart: Sendable {
    struct Series: Sendable {
        var name: String
        /// A CSS colour we choose (never user input).
        var colour: String
        /// (x, y): x is usually seconds since 1970.
        var points: [(x: Double, y: Double)]
    }

    var title: String
    var width: Double = 480
    var height: Double = 200
    var series: [Series]
    /// Fixed y range (e.g. 0…1 for anima); nil fits the data.
    var yRange: ClosedRange<Double>? = nil
    /// A sparkline: no axes, labels or legend, thin lines.
    var compact = false

    var margin: (left: Double, right: Double, top: Double, bottom: Double) {
        compact ? (1, 1, 1, 1) : (40, 10, 22, 22)
    }

    /// The finite points of a series.
    static func finite(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        points.filter { $0.x.isFinite && $0.y.isFinite }
    }

    /// The x and y extent of every finite point, widened when degenerate (one point, or a flat line) so scaling never
    /// divides by zero; nil when there is no finite point.
    func extent() -> (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        let all = series.flatMap { Self.finite($0.points) }
        guard let first = all.first else { return nil }
        var (minX, maxX, minY, maxY) = (first.x, first.x, first.y, first.y)
        for point in all {
            minX = min(minX, point.x); maxX = max(maxX, point.x)
            minY = min(minY, point.y); maxY = max(maxY, point.y)
        }
        if let yRange { (minY, maxY) = (min(minY, yRange.lowerBound), max(maxY, yRange.upperBound)) }
        if maxX == minX { (minX, maxX) = (minX - 1, maxX + 1) }
        if maxY == minY { (minY, maxY) = (minY - 0.5, maxY + 0.5) }
        return (minX...maxX, minY...maxY)
    }

    /// Maps a data point to SVG coordinates (y grows downwards in SVG).
    func position(_ point: (x: Double, y: Double), in extent: (x: ClosedRange<Double>, y: ClosedRange<Double>)) -> (x: Double, y: Double) {
        let m = margin
        let plotWidth = width - m.left - m.right
        let plotHeight = height - m.top - m.bottom
        let fx = (point.x - extent.x.lowerBound) / (extent.x.upperBound - extent.x.lowerBound)
        let fy = (point.y - extent.y.lowerBound) / (extent.y.upperBound - extent.y.lowerBound)
        return (m.left + fx * plotWidth, m.top + (1 - fy) * plotHeight)
    }

    func render() -> String {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"\(Self.number(width))\" "
            + "height=\"\(Self.number(height))\" viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\">"
        svg += "<title>\(HTML.escape(title))</title>"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        guard let extent = extent() else {
            svg += "<text x=\"\(Self.number(width / 2))\" y=\"\(Self.number(height / 2))\" text-anchor=\"middle\" "
                + "font-size=\"12\" fill=\"#777\">no data</text></svg>"
            return svg
        }
        if !compact { svg += axes(extent) }
        for (index, line) in series.enumerated() {
            let points = Self.finite(line.points).map { position($0, in: extent) }
            let stroke = compact ? 1.2 : 1.8
            if points.count == 1, let only = points.first {
                svg += "<circle class=\"point\" cx=\"\(Self.number(only.x))\" cy=\"\(Self.number(only.y))\" r=\"3\" fill=\"\(line.colour)\"/>"
            } else if points.count > 1 {
                let coordinates = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
                svg += "<polyline fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"\(stroke)\" points=\"\(coordinates)\"/>"
            }
            if !compact {
                let x = margin.left + Double(index) * 70
                svg += "<text x=\"\(Self.number(x))\" y=\"14\" font-size=\"11\" fill=\"\(line.colour)\">\(HTML.escape(line.name))</text>"
            }
        }
        return svg + "</svg>"
    }

    private func axes(_ extent: (x: ClosedRange<Double>, y: ClosedRange<Double>)) -> String {
        let m = margin
        let bottom = height - m.bottom
        var svg = "<g stroke=\"#bbb\" stroke-width=\"1\"><line x1=\"\(Self.number(m.left))\" y1=\"\(Self.number(m.top))\" "
            + "x2=\"\(Self.number(m.left))\" y2=\"\(Self.number(bottom))\"/><line x1=\"\(Self.number(m.left))\" y1=\"\(Self.number(bottom))\" "
            + "x2=\"\(Self.number(width - m.right))\" y2=\"\(Self.number(bottom))\"/></g>"
        svg += "<g font-size=\"10\" fill=\"#555\">"
        svg += "<text x=\"\(Self.number(m.left - 4))\" y=\"\(Self.number(m.top + 8))\" text-anchor=\"end\">\(Self.label(extent.y.upperBound))</text>"
        svg += "<text x=\"\(Self.number(m.left - 4))\" y=\"\(Self.number(bottom))\" text-anchor=\"end\">\(Self.label(extent.y.lowerBound))</text>"
        svg += "<text x=\"\(Self.number(m.left))\" y=\"\(Self.number(height - 6))\">\(Self.timeLabel(extent.x.lowerBound))</text>"
        svg += "<text x=\"\(Self.number(width - m.right))\" y=\"\(Self.number(height - 6))\" text-anchor=\"end\">\(Self.timeLabel(extent.x.upperBound))</text>"
        return svg + "</g>"
    }

    /// Coordinates with two decimals, no exponent, `-0` printed as `0`. Integer arithmetic, not `String(format:)`:
    /// the fleet page writes ~100,000 coordinates, and Foundation's formatter was a third of its render time.
    static func number(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return "0" }
        let hundredths = Int((value * 100).rounded())
        if hundredths % 100 == 0 { return String(hundredths / 100) }
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return (hundredths < 0 ? "-" : "") + String(magnitude / 100) + (fraction < 10 ? ".0" : ".") + String(fraction)
    }

    static func label(_ value: Double) -> String { String(format: "%.2f", value) }

    /// x values are seconds since 1970: printed as UTC `HH:MM` (the dashboard is UTC throughout).
    static func timeLabel(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.down))
        let day = ((total % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02dZ", day / 3600, (day % 3600) / 60)
    }
}
