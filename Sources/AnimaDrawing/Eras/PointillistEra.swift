import AnimaImage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Spec §1.15: "Single-pixel dots building density, optical color mixing". Focus works a density zone, then jumps
/// to a new one; colours orbit a slowly drifting anchor hue, its complement and split complements.
public struct PointillistEra: Era {
    public static let name = EraName.pointillist
    public static let summary = "Single-pixel dots building density, optical color mixing"
    public static let gestureNames = ["single", "pair", "trio"]

    public private(set) var gesture = 0
    public var gestureRemaining = 0
    public private(set) var colorAnchorHue: Double
    public private(set) var zoneCenterX: Double
    public private(set) var zoneCenterY: Double
    public private(set) var zoneRadius: Double
    public private(set) var zoneRemaining: Int

    static let neighbours = [(1, 0), (0, 1), (-1, 0), (0, -1)]

    /// anchor U(0,360); zone centre U(50,190)²; radius U(25,60); remaining randint(40,100).
    public init(random: inout SeededRandom) {
        colorAnchorHue = random.uniform(0, 360)
        zoneCenterX = random.uniform(50, 190)
        zoneCenterY = random.uniform(50, 190)
        zoneRadius = random.uniform(25, 60)
        zoneRemaining = random.randint(40, 100)
    }

    /// Test hook for intentionality.
    init(gestureRemaining: Int, zoneRemaining: Int) {
        colorAnchorHue = 0
        zoneCenterX = 120
        zoneCenterY = 120
        zoneRadius = 40
        self.zoneRemaining = zoneRemaining
        self.gestureRemaining = gestureRemaining
    }

    /// `min(1, 0.1 + (0.4 if zone_remaining > 0) + (min(0.2, remaining/30·0.2) if remaining > 0))`.
    public func intentionality() -> Double {
        var value = 0.1
        if zoneRemaining > 0 { value += 0.4 }
        if gestureRemaining > 0 { value += min(0.2, Double(gestureRemaining) / 30.0 * 0.2) }
        return min(1.0, value)
    }

    /// r < 0.6 single, < 0.85 pair, else trio; run of `randint(8, 20 + int(10·C))`.
    public mutating func chooseGesture(
        random: inout SeededRandom, clarity: Double, stability: Double, presence: Double, coherence: Double
    ) {
        let r = random.random()
        gesture = r < 0.6 ? 0 : (r < 0.85 ? 1 : 2)
        gestureRemaining = random.randint(8, 20 + Int(10 * coherence))
    }

    /// single = 1 px; pair = + a random 4-neighbour; trio = pair + a 90°-rotated step from it (an L). Energy unused.
    public mutating func placeMark(
        on canvas: inout DrawingCanvas, random: inout SeededRandom,
        focusX: Double, focusY: Double, direction: Double, energy: Double, color: RGB
    ) {
        let x = Int(focusX)
        let y = Int(focusY)
        canvas.draw(x, y, color)
        guard gesture > 0 else { return }
        let (dx, dy) = Self.neighbours[random.choiceIndex(4)]
        canvas.draw(x + dx, y + dy, color)
        guard gesture > 1 else { return }
        canvas.draw(x + dx - dy, y + dy + dx, color)
    }

    public mutating func driftFocus(
        random: inout SeededRandom, focusX: Double, focusY: Double, direction: Double,
        stability: Double, presence: Double, coherence: Double, clarity: Double
    ) -> (x: Double, y: Double, direction: Double) {
        var x = focusX
        var y = focusY
        var dir = direction
        let sigma = 1.5 + (1.0 - clarity) * 3.0
        if zoneRemaining > 0 {
            let dx = zoneCenterX - x
            let dy = zoneCenterY - y
            let distance = (dx * dx + dy * dy).squareRoot() + 0.01
            if distance > zoneRadius * 0.7 {
                let pull = 0.2 + clarity * 0.2
                x += dx / distance * pull + random.gauss(0, sigma)
                y += dy / distance * pull + random.gauss(0, sigma)
            } else {
                x += random.gauss(0, sigma)
                y += random.gauss(0, sigma)
            }
            dir = atan2(y - zoneCenterY, x - zoneCenterX)
            zoneRemaining -= 1
        } else {
            zoneCenterX = random.uniform(40, 200)
            zoneCenterY = random.uniform(40, 200)
            zoneRadius = random.uniform(15, max(16, 50 - 20 * coherence - 10 * clarity))
            zoneRemaining = random.randint(30, 80 + Int(40 * coherence))
            x = zoneCenterX + random.gauss(0, 5)
            y = zoneCenterY + random.gauss(0, 5)
            dir = random.uniform(0, 2 * Double.pi)
        }
        return (clamp(x, 15, 225), clamp(y, 15, 225), dir)
    }

    public mutating func generateColor(
        random: inout SeededRandom, warmth: Double, clarity: Double, stability: Double, presence: Double,
        light: LightRegime
    ) -> (color: RGB, category: HueCategory) {
        colorAnchorHue = EraColor.pyMod(colorAnchorHue + random.gauss(0, 2.0), 360)
        let anchor = colorAnchorHue
        let r = random.random()
        let hue: Double
        if r < 0.45 {
            hue = EraColor.pyMod(anchor + random.gauss(0, 15), 360)
        } else if r < 0.75 {
            hue = EraColor.pyMod(anchor + 180 + random.gauss(0, 10), 360)
        } else {
            let offset: Double = random.choiceIndex(2) == 0 ? 120 : -120
            hue = EraColor.pyMod(anchor + offset + random.gauss(0, 10), 360)
        }
        let (satMod, valMod): (Double, Double) =
            switch light {
            case .dark: (-0.08, -0.12)
            case .bright: (0.1, 0.08)
            case .dim: (0, 0)
            }
        let saturation = clamp(0.6 + clarity * 0.3 + random.gauss(0, 0.1) + satMod, 0.4, 1.0)
        let value = clamp(0.5 + stability * 0.4 + random.gauss(0, 0.1) + valMod, 0.3, 1.0)
        return (EraColor.hsvDegrees(hue, saturation, value), EraColor.category(forHue: hue))
    }
}
