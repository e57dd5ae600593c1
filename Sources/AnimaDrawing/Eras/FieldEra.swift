import AnimaImage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Spec §1.16: "Flow-aligned marks following invisible vector fields". A two-frequency trig field per drawing;
/// focus follows flow lines, then jumps nearby or far; a near-monochrome palette around a drifting base hue.
public struct FieldEra: Era {
    public static let name = EraName.field
    public static let summary = "Flow-aligned marks following invisible vector fields"
    public static let gestureNames = ["flow_dot", "flow_dash", "flow_strand"]
    enum Gesture: Int { case dot, dash, strand }

    public private(set) var gesture = 0
    public var gestureRemaining = 0
    public private(set) var fieldSeedA: Double
    public private(set) var fieldSeedB: Double
    public private(set) var baseHue: Double
    public private(set) var flowSteps = 0
    public private(set) var flowMax: Int

    /// seeds U(0,2π); base hue U(0,360); flow_steps 0; flow_max randint(30,80).
    public init(random: inout SeededRandom) {
        fieldSeedA = random.uniform(0, 2 * Double.pi)
        fieldSeedB = random.uniform(0, 2 * Double.pi)
        baseHue = random.uniform(0, 360)
        flowMax = random.randint(30, 80)
    }

    /// Test hook for intentionality and the field.
    init(gestureRemaining: Int, flowSteps: Int, flowMax: Int, seedA: Double = 0, seedB: Double = 0) {
        fieldSeedA = seedA
        fieldSeedB = seedB
        baseHue = 0
        self.flowSteps = flowSteps
        self.flowMax = flowMax
        self.gestureRemaining = gestureRemaining
    }

    /// θ(x,y) = (sin(x/30 + a)·cos(y/40 + b) + 0.5·sin(x/60 − b)·cos(y/25 + a))·π.
    public func fieldAngle(_ x: Double, _ y: Double) -> Double {
        let a = fieldSeedA
        let b = fieldSeedB
        return (sin(x / 30.0 + a) * cos(y / 40.0 + b) + 0.5 * sin(x / 60.0 - b) * cos(y / 25.0 + a)) * Double.pi
    }

    /// `min(1, 0.1 + (0.4·min(1, steps/max(max,1)) if steps > 0 and max > 0) + (min(0.2, remaining/25·0.2) if remaining > 0))`.
    public func intentionality() -> Double {
        var value = 0.1
        if flowSteps > 0 && flowMax > 0 {
            value += 0.4 * min(1.0, Double(flowSteps) / Double(max(flowMax, 1)))
        }
        if gestureRemaining > 0 { value += min(0.2, Double(gestureRemaining) / 25.0 * 0.2) }
        return min(1.0, value)
    }

    /// r < 0.25 flow_dot, < 0.65 flow_dash, else flow_strand; run of `randint(10, 25 + int(15·C))`.
    public mutating func chooseGesture(
        random: inout SeededRandom, clarity: Double, stability: Double, presence: Double, coherence: Double
    ) {
        let r = random.random()
        gesture = r < 0.25 ? 0 : (r < 0.65 ? 1 : 2)
        gestureRemaining = random.randint(10, 25 + Int(15 * coherence))
    }

    public mutating func placeMark(
        on canvas: inout DrawingCanvas, random: inout SeededRandom,
        focusX: Double, focusY: Double, direction: Double, energy: Double, color: RGB
    ) {
        let x = Int(focusX)
        let y = Int(focusY)
        let flow = fieldAngle(focusX, focusY)
        switch Gesture(rawValue: gesture) ?? .dot {
        case .dot:
            canvas.draw(x, y, color)
            if energy > 0.5 && random.random() < 0.3 {
                let perpendicular = flow + Double.pi / 2
                canvas.draw(Int(Double(x) + cos(perpendicular)), Int(Double(y) + sin(perpendicular)), color)
            }
        case .dash:
            let length = random.randint(3, 6)
            for i in 0..<length {
                canvas.draw(Int(Double(x) + cos(flow) * Double(i)), Int(Double(y) + sin(flow) * Double(i)), color)
            }
        case .strand:
            let length = random.randint(8, 15)
            var cx = Double(x)
            var cy = Double(y)
            for _ in 0..<length {
                let local = fieldAngle(cx, cy) + random.gauss(0, 0.15)
                cx += cos(local) * 1.2
                cy += sin(local) * 1.2
                canvas.draw(Int(cx), Int(cy), color)
            }
        }
    }

    public mutating func driftFocus(
        random: inout SeededRandom, focusX: Double, focusY: Double, direction: Double,
        stability: Double, presence: Double, coherence: Double, clarity: Double
    ) -> (x: Double, y: Double, direction: Double) {
        var x = focusX
        var y = focusY
        var dir = direction
        flowSteps += 1
        if flowSteps < flowMax {
            let flow = fieldAngle(x, y)
            let step = 2.5 + random.random() * 3.0
            dir += 0.7 * atan2(sin(flow - dir), cos(flow - dir))
            x += cos(dir) * step
            y += sin(dir) * step
            let sigma = 0.5 + (1.0 - clarity) * 2.0
            let perpendicular = dir + Double.pi / 2
            x += cos(perpendicular) * random.gauss(0, sigma)
            y += sin(perpendicular) * random.gauss(0, sigma)
        } else {
            if random.random() < 0.6 {
                let perpendicular = dir + Double.pi / 2
                let offset = random.gauss(0, 30)
                x += cos(perpendicular) * offset
                y += sin(perpendicular) * offset
            } else {
                x = random.uniform(30, 210)
                y = random.uniform(30, 210)
            }
            flowSteps = 0
            flowMax = random.randint(25, 70 + Int(30 * coherence) + Int(20 * clarity))
            dir = fieldAngle(x, y)
        }
        let margin = 15.0
        if x < margin {
            x = margin
            dir = fieldAngle(x, y)
        } else if x > 240 - margin {
            x = 240 - margin
            dir = fieldAngle(x, y)
        }
        if y < margin {
            y = margin
            dir = fieldAngle(x, y)
        } else if y > 240 - margin {
            y = 240 - margin
            dir = fieldAngle(x, y)
        }
        return (x, y, dir)
    }

    public mutating func generateColor(
        random: inout SeededRandom, warmth: Double, clarity: Double, stability: Double, presence: Double,
        light: LightRegime
    ) -> (color: RGB, category: HueCategory) {
        baseHue = EraColor.pyMod(baseHue + random.gauss(0, 0.5), 360)
        var hue = EraColor.pyMod(baseHue + random.gauss(0, 5), 360)
        if random.random() < 0.08 {
            hue = EraColor.pyMod(baseHue + 180 + random.gauss(0, 15), 360)
        }
        let (satMod, valMod): (Double, Double) =
            switch light {
            case .dark: (-0.05, -0.1)
            case .bright: (0.08, 0.1)
            case .dim: (0, 0)
            }
        let saturation = clamp(0.4 + clarity * 0.3 + random.gauss(0, 0.1) + satMod, 0.2, 0.9)
        let value = clamp(0.3 + stability * 0.4 + random.gauss(0, 0.2) + valMod, 0.15, 1.0)
        return (EraColor.hsvDegrees(hue, saturation, value), EraColor.category(forHue: hue))
    }
}
