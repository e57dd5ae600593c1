import AnimaDrawing
import AnimaImage
import Foundation

/// What the status screen shows: the creature's name, era, EISV, the last verdict and the outbox depth.
struct StatusScreenContent: Equatable {
    var name: String
    var era: String
    var E: Double, I: Double, S: Double, V: Double
    var verdict: String
    var outboxDepth: Int

    var lines: [String] {
        func f(_ value: Double) -> String { value.isFinite ? String(format: "%.2f", value) : "-" }
        return [
            "NAME \(name)", "ERA \(era)", "E \(f(E))  I \(f(I))", "S \(f(S))  V \(f(V))", "VERDICT \(verdict)",
            "OUTBOX \(outboxDepth < 0 ? "?" : String(outboxDepth))",
        ]
    }
}

/// Renders the status screen into a canvas the size of the drawing canvas (black background, amber text), with the
/// font scaled to the panel (2× on a 240-pixel panel); lines too long for the panel are cut, never wrapped over.
enum StatusScreen {
    static let colour = RGB(255, 176, 64)

    static func render(_ content: StatusScreenContent, width: Int, height: Int) -> DrawingCanvas {
        var canvas = DrawingCanvas(width: width, height: height)
        let scale = max(1, min(width, height) / 120)
        let columns = max(1, (width - 4) / (StatusFont.advance * scale))
        for (index, line) in content.lines.enumerated() {
            let y = 4 + index * StatusFont.lineHeight * scale * 3 / 2
            guard y + 7 * scale <= height else { break }
            StatusFont.draw(String(line.prefix(columns)), x: 4, y: y, scale: scale, color: colour, into: &canvas)
        }
        return canvas
    }
}
