/// How the picture is turned on the glass, clockwise, relative to the glass's native (rotation 0) orientation.
///
/// Convention (used everywhere: MADCTL math, offsets, the virtual panel, the SSD1306 software rotation):
/// at `.deg90` the framebuffer's top edge lies along the glass's right edge — the picture is turned 90° clockwise,
/// so a person holding the device turned 90° counter-clockwise sees it upright.
public enum Rotation: Int, Sendable, CaseIterable, CustomStringConvertible {
    case deg0 = 0
    case deg90 = 90
    case deg180 = 180
    case deg270 = 270

    /// Parses "0", "90", "180", "270".
    public init?(degrees: Int) { self.init(rawValue: degrees) }

    /// True when the logical frame is the glass with width and height exchanged.
    public var swapsAxes: Bool { self == .deg90 || self == .deg270 }

    public var description: String { "\(rawValue)°" }

    /// The glass pixel that shows logical pixel (x, y) of a `logicalWidth`×`logicalHeight` frame on a glass of
    /// `glassWidth`×`glassHeight` (native orientation). `mirrored` flips the picture left-right as viewed.
    /// This is the definition of the convention; the address-mode bits must agree with it (tested).
    public func glassPoint(x: Int, y: Int, glassWidth: Int, glassHeight: Int, mirrored: Bool = false) -> (x: Int, y: Int) {
        let logicalWidth = swapsAxes ? glassHeight : glassWidth
        let lx = mirrored ? logicalWidth - 1 - x : x
        switch self {
        case .deg0: return (lx, y)
        case .deg90: return (glassWidth - 1 - y, lx)
        case .deg180: return (glassWidth - 1 - lx, glassHeight - 1 - y)
        case .deg270: return (y, glassHeight - 1 - lx)
        }
    }
}

/// The order of the sub-pixels on the glass. A BGR glass is driven with MADCTL's BGR bit set.
public enum ColorOrder: String, Sendable, CaseIterable {
    case rgb
    case bgr
}

/// A rectangle of logical framebuffer pixels (inclusive origin, exclusive extent).
public struct Window: Sendable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var pixelCount: Int { width * height }
    public var maxX: Int { x + width - 1 }
    public var maxY: Int { y + height - 1 }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < x + width && py >= y && py < y + height
    }

    public var description: String { "\(width)×\(height)@(\(x),\(y))" }
}
