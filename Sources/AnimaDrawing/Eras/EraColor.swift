import AnimaImage

/// Colour helpers shared by the eras: Python's `colorsys.hsv_to_rgb` and `int(c·255)`, float `%` with Python's sign
/// rule, and the hue category rule every era uses.
public enum EraColor {
    /// `colorsys.hsv_to_rgb(h, s, v)` then `int(c·255)` per channel; h in [0, 1).
    public static func hsv(_ h: Double, _ s: Double, _ v: Double) -> RGB {
        let (r, g, b): (Double, Double, Double)
        if s == 0 {
            (r, g, b) = (v, v, v)
        } else {
            let i = Int(h * 6.0)
            let f = h * 6.0 - Double(i)
            let p = v * (1.0 - s)
            let q = v * (1.0 - s * f)
            let t = v * (1.0 - s * (1.0 - f))
            switch ((i % 6) + 6) % 6 {
            case 0: (r, g, b) = (v, t, p)
            case 1: (r, g, b) = (q, v, p)
            case 2: (r, g, b) = (p, v, t)
            case 3: (r, g, b) = (p, q, v)
            case 4: (r, g, b) = (t, p, v)
            default: (r, g, b) = (v, p, q)
            }
        }
        return RGB(channel(r), channel(g), channel(b))
    }

    /// A hue in degrees [0, 360) with saturation and value, as the eras call it.
    public static func hsvDegrees(_ hue: Double, _ s: Double, _ v: Double) -> RGB {
        hsv(hue / 360.0, s, v)
    }

    /// `int(c·255)` clamped to a byte.
    public static func channel(_ c: Double) -> UInt8 {
        UInt8(clamping: Int(c * 255))
    }

    /// Python's float `a % m` for m > 0: the result has the sign of m.
    public static func pyMod(_ a: Double, _ m: Double) -> Double {
        let r = a.truncatingRemainder(dividingBy: m)
        return r < 0 ? r + m : r
    }

    /// hue < 60 or > 300 warm; < 180 cool; else neutral.
    public static func category(forHue hue: Double) -> HueCategory {
        if hue < 60 || hue > 300 { return .warm }
        if hue < 180 { return .cool }
        return .neutral
    }

    /// Scales each channel by `factor` with `int()` truncation, capped at 255.
    public static func scaled(_ color: RGB, by factor: Double) -> RGB {
        RGB(
            UInt8(clamping: min(255, Int(Double(color.r) * factor))),
            UInt8(clamping: min(255, Int(Double(color.g) * factor))),
            UInt8(clamping: min(255, Int(Double(color.b) * factor))))
    }
}

public enum HueCategory: String, Sendable {
    case warm, cool, neutral, vibrant
}
