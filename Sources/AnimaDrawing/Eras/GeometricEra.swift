import AnimaImage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Spec §1.17, the first art period (Jan 13 – Feb 7 2026, 637 drawings): every mark stamps a whole shape
/// (`GeometricShapes`), one shape per gesture run; focus jumps between shapes.
public struct GeometricEra: Era {
    public static let name = EraName.geometric
    public static let summary = "Complete geometric forms — circles, spirals, arcs, patterns (Jan 2026)"
    public static let gestureNames = [
        "circle", "gradient_circle", "spiral", "line", "curve", "arc", "wave", "rings",
        "starburst", "pattern", "rectangle", "triangle", "organic", "layered", "scatter", "drip",
    ]

    public private(set) var gesture = 0
    public var gestureRemaining = 0

    public init(random: inout SeededRandom) {}

    init(gestureRemaining: Int) { self.gestureRemaining = gestureRemaining }

    /// `min(1, 0.1 + (0.5 if gesture_remaining > 0))`: 0.6 before the decrement, 0.1 after.
    public func intentionality() -> Double {
        min(1.0, 0.1 + (gestureRemaining > 0 ? 0.5 : 0))
    }

    /// The `random.choices` weights: circle 3, gradient_circle 1.5; clarity > 0.5 favours spiral 2, curve, rings,
    /// layered 1.5; stability > 0.5 pattern, rectangle, triangle 1.5; stability < 0.4 organic 2, drip 1.5.
    public static func gestureWeights(clarity: Double, stability: Double) -> [Double] {
        var weights = [Double](repeating: 1.0, count: gestureNames.count)
        weights[0] = 3.0
        weights[1] = 1.5
        if clarity > 0.5 {
            weights[2] = 2.0
            weights[4] = 1.5
            weights[7] = 1.5
            weights[13] = 1.5
        }
        if stability > 0.5 {
            weights[9] = 1.5
            weights[10] = 1.5
            weights[11] = 1.5
        }
        if stability < 0.4 {
            weights[12] = 2.0
            weights[15] = 1.5
        }
        return weights
    }

    public mutating func chooseGesture(
        random: inout SeededRandom, clarity: Double, stability: Double, presence: Double, coherence: Double
    ) {
        gesture = random.weightedIndex(Self.gestureWeights(clarity: clarity, stability: stability))
        gestureRemaining = 1
    }

    public mutating func placeMark(
        on canvas: inout DrawingCanvas, random: inout SeededRandom,
        focusX: Double, focusY: Double, direction: Double, energy: Double, color: RGB
    ) {
        // Swap the canvas in and out rather than copy it: a copy would duplicate the whole bitmap per mark.
        var shapes = GeometricShapes(canvas: DrawingCanvas(width: 0, height: 0), random: random)
        swap(&shapes.canvas, &canvas)
        shapes.stamp(gesture, cx: Int(focusX), cy: Int(focusY), direction: direction, energy: energy, color: color)
        swap(&shapes.canvas, &canvas)
        random = shapes.random
    }

    /// spread = 15 + (1 − clarity)·40; clarity > 0.6 → small jumps from here, else around the centre; new direction.
    public mutating func driftFocus(
        random: inout SeededRandom, focusX: Double, focusY: Double, direction: Double,
        stability: Double, presence: Double, coherence: Double, clarity: Double
    ) -> (x: Double, y: Double, direction: Double) {
        let spread = 15 + (1.0 - clarity) * 40
        var x = focusX
        var y = focusY
        if clarity > 0.6 {
            x += random.gauss(0, spread)
            y += random.gauss(0, spread)
        } else {
            x = random.gauss(120, spread)
            y = random.gauss(120, spread)
        }
        let dir = random.uniform(0, 2 * Double.pi)
        return (clamp(x, 25, 215), clamp(y, 25, 215), dir)
    }

    public mutating func generateColor(
        random: inout SeededRandom, warmth: Double, clarity: Double, stability: Double, presence: Double,
        light: LightRegime
    ) -> (color: RGB, category: HueCategory) {
        var hue =
            warmth > 0.5
            ? random.uniform(0, 60) + (warmth - 0.5) * 40
            : random.uniform(180, 300) - (0.5 - warmth) * 40
        let (hueShift, satMod, valMod): (Double, Double, Double) =
            switch light {
            case .dark: (20, -0.08, -0.08)
            case .bright: (-10, 0.1, 0.05)
            case .dim: (0, 0, 0)
            }
        hue = EraColor.pyMod(hue + hueShift, 360)
        let saturation = clamp(0.3 + clarity * 0.6 + random.gauss(0, 0.1) + satMod, 0.2, 1.0)
        let value = clamp(0.4 + stability * 0.5 + random.gauss(0, 0.1) + valMod, 0.3, 1.0)
        return (EraColor.hsvDegrees(hue, saturation, value), EraColor.category(forHue: hue))
    }
}
