import AnimaImage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Spec §1.14, the default era: "Granular mark-making: dots, strokes, curves, clusters, drags".
/// Direction locks build a commitment that raises intentionality; focus wanders, bounces off a 20 px margin, jumps.
public struct GesturalEra: Era {
    public static let name = EraName.gestural
    public static let summary = "Granular mark-making: dots, strokes, curves, clusters, drags"
    public static let gestureNames = ["dot", "stroke", "curve", "cluster", "drag"]
    enum Gesture: Int { case dot, stroke, curve, cluster, drag }

    public private(set) var gesture = 0
    public var gestureRemaining = 0
    public private(set) var directionLocked = false
    public private(set) var directionLockRemaining = 0
    public private(set) var directionCommitment = 0.0

    static let vibrantColors: [RGB] = [
        RGB(255, 0, 0), RGB(0, 255, 0), RGB(0, 0, 255), RGB(255, 255, 0),
        RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 128, 0), RGB(255, 64, 64),
        RGB(255, 192, 203), RGB(255, 215, 0), RGB(0, 191, 255), RGB(138, 43, 226),
        RGB(75, 0, 130), RGB(0, 128, 128), RGB(139, 69, 19), RGB(34, 139, 34),
        RGB(210, 180, 140), RGB(255, 182, 193), RGB(173, 216, 230), RGB(144, 238, 144),
        RGB(255, 255, 224), RGB(221, 160, 221), RGB(128, 0, 0), RGB(0, 100, 0),
        RGB(25, 25, 112), RGB(128, 0, 128),
    ]

    public init(random: inout SeededRandom) {}

    /// Test hook: a state with the fields that enter intentionality and drift set directly.
    init(gesture: Int = 0, gestureRemaining: Int, commitment: Double, lockRemaining: Int = 0) {
        self.gesture = gesture
        self.gestureRemaining = gestureRemaining
        directionCommitment = commitment
        directionLockRemaining = lockRemaining
        directionLocked = lockRemaining > 0
    }

    /// `min(1, 0.15 + 0.55·commitment + (min(0.3, remaining/20·0.3) if remaining > 0))`.
    public func intentionality() -> Double {
        var value = 0.15 + 0.55 * directionCommitment
        if gestureRemaining > 0 { value += min(0.3, Double(gestureRemaining) / 20.0 * 0.3) }
        return min(1.0, value)
    }

    /// Uniform gesture; run of `randint(15, 30 + int(15·C))`.
    public mutating func chooseGesture(
        random: inout SeededRandom, clarity: Double, stability: Double, presence: Double, coherence: Double
    ) {
        gesture = random.choiceIndex(Self.gestureNames.count)
        gestureRemaining = random.randint(15, 30 + Int(15 * coherence))
    }

    public mutating func placeMark(
        on canvas: inout DrawingCanvas, random: inout SeededRandom,
        focusX: Double, focusY: Double, direction: Double, energy: Double, color: RGB
    ) {
        let x = Int(focusX)
        let y = Int(focusY)
        let scale = 0.5 + energy
        switch Gesture(rawValue: gesture) ?? .dot {
        case .dot:
            guard canvas.contains(x, y) else { return }
            canvas.draw(x, y, color)
            if scale > 1.2 && random.random() < 0.5 {
                for (dx, dy) in [(1, 0), (0, 1), (-1, 0), (0, -1)] where random.random() < scale - 1.0 {
                    canvas.draw(x + dx, y + dy, color)
                }
            }
        case .stroke:
            let length = Int(Double(random.randint(2, 6)) * scale)
            drawLine(on: &canvas, x: x, y: y, angle: direction, length: length, color: color)
        case .curve:
            let length = Int(Double(random.randint(3, 8)) * scale)
            var angle = direction
            var cx = Double(x)
            var cy = Double(y)
            let step = 1.0 + scale * 0.5
            for _ in 0..<max(0, length) {
                angle += random.gauss(0, 0.3)
                cx += cos(angle) * step
                cy += sin(angle) * step
                canvas.draw(Int(cx), Int(cy), color)
            }
        case .cluster:
            let count = Int(Double(random.randint(2, 5)) * scale)
            let spread = Int(2 * scale)
            for _ in 0..<max(0, count) {
                let px = x + random.randint(-spread, spread)
                let py = y + random.randint(-spread, spread)
                canvas.draw(px, py, color)
            }
        case .drag:
            let length = Int(Double(random.randint(8, 15)) * scale)
            let angle = direction + random.gauss(0, 0.1)
            drawLine(on: &canvas, x: x, y: y, angle: angle, length: length, color: color)
        }
    }

    private func drawLine(on canvas: inout DrawingCanvas, x: Int, y: Int, angle: Double, length: Int, color: RGB) {
        let c = cos(angle)
        let s = sin(angle)
        for i in 0..<max(0, length) {
            canvas.draw(Int(Double(x) + c * Double(i)), Int(Double(y) + s * Double(i)), color)
        }
    }

    public mutating func driftFocus(
        random: inout SeededRandom, focusX: Double, focusY: Double, direction: Double,
        stability: Double, presence: Double, coherence: Double, clarity: Double
    ) -> (x: Double, y: Double, direction: Double) {
        var x = focusX
        var y = focusY
        var dir = direction
        if directionLockRemaining > 0 {
            dir += random.gauss(0, 0.03)
            directionLockRemaining -= 1
            directionCommitment = min(1.0, directionCommitment + 0.06)
            if directionLockRemaining <= 0 { directionLocked = false }
        } else {
            directionCommitment *= 0.95
            dir += random.gauss(0, 0.1 + (1.0 - clarity) * 0.2)
            let lockProbability = 0.03 * (0.5 + coherence) * (0.5 + clarity * 0.5)
            if random.random() < lockProbability {
                directionLocked = true
                directionLockRemaining = random.randint(15, 40)
            }
        }
        let step = 3 + random.random() * 5
        x += cos(dir) * step
        y += sin(dir) * step

        let margin = 20.0
        if x < margin {
            dir = random.uniform(-Double.pi / 4, Double.pi / 4)
            x = margin
        } else if x > 240 - margin {
            dir = random.uniform(Double.pi * 3 / 4, Double.pi * 5 / 4)
            x = 240 - margin
        }
        if y < margin {
            dir = random.uniform(Double.pi / 4, Double.pi * 3 / 4)
            y = margin
        } else if y > 240 - margin {
            dir = random.uniform(-Double.pi * 3 / 4, -Double.pi / 4)
            y = 240 - margin
        }

        let jumpProbability = 0.03 * (1.0 - 0.4 * coherence) * (1.0 - 0.4 * clarity)
        if random.random() < jumpProbability {
            x = random.uniform(40, 200)
            y = random.uniform(40, 200)
            dir = random.uniform(0, 2 * Double.pi)
            directionLocked = false
            directionLockRemaining = 0
        }
        return (x, y, dir)
    }

    public mutating func generateColor(
        random: inout SeededRandom, warmth: Double, clarity: Double, stability: Double, presence: Double,
        light: LightRegime
    ) -> (color: RGB, category: HueCategory) {
        if random.random() < 0.15 + presence * 0.15 {
            var color = Self.vibrantColors[random.choiceIndex(Self.vibrantColors.count)]
            if stability < 0.5 && random.random() < 0.3 {
                color = EraColor.scaled(color, by: 0.6 + stability * 0.4)
            }
            switch light {
            case .dark: color = EraColor.scaled(color, by: 0.7)
            case .bright: color = EraColor.scaled(color, by: 1.15)
            case .dim: break
            }
            return (color, .vibrant)
        }
        let (hueShift, satMod, valMod): (Double, Double, Double) =
            switch light {
            case .dark: (30, -0.1, -0.1)
            case .bright: (-15, 0.1, 0.05)
            case .dim: (0, 0, 0)
            }
        var hue = EraColor.pyMod(warmth * 360.0 + random.random() * 180.0, 360)
        hue = EraColor.pyMod(hue + hueShift, 360)
        let saturation = clamp(0.3 + clarity * 0.7 + (random.random() - 0.5) * 0.4 + satMod, 0.1, 1.0)
        let value = clamp(0.4 + stability * 0.6 + (random.random() - 0.5) * 0.3 + valMod, 0.2, 1.0)
        return (EraColor.hsvDegrees(hue, saturation, value), EraColor.category(forHue: hue))
    }
}
