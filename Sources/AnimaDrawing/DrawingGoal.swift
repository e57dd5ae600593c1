/// What the next drawing leans toward, made at each clear from the last anima seen (spec §1.4).
/// Only `warmthBias` changes colour; `initialQuadrant` places the first focus (Decision 5); `coverageTarget` is
/// informational, as in the reference.
public struct DrawingGoal: Sendable, Equatable {
    public var warmthBias: Double
    public var coverageTarget: String
    public var initialQuadrant: Int?

    public init(warmth: Double, clarity: Double, hour: Int) {
        warmthBias = (warmth - 0.5) * 0.3
        coverageTarget = clarity > 0.7 ? "sparse" : (clarity < 0.3 ? "dense" : "balanced")
        if (6..<12).contains(hour) {
            initialQuadrant = 0
        } else if (12..<18).contains(hour) {
            initialQuadrant = 1
        } else {
            initialQuadrant = nil
        }
    }

    /// "warm tones" / "cool tones" (when |bias| > 0.1), then the coverage target, comma-joined.
    public var description: String {
        var parts: [String] = []
        if warmthBias > 0.1 { parts.append("warm tones") } else if warmthBias < -0.1 { parts.append("cool tones") }
        parts.append(coverageTarget)
        return parts.joined(separator: ", ")
    }

    /// The first focus for quadrant q: ((q % 2)·120 + 60, (q / 2)·120 + 60).
    public var initialFocus: (x: Double, y: Double)? {
        guard let q = initialQuadrant else { return nil }
        return (Double((q % 2) * 120 + 60), Double((q / 2) * 120 + 60))
    }
}
