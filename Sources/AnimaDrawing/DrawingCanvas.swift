import AnimaImage

/// The canvas pixels (spec §1.2 `pixels`, `recent_locations`): a dense bitmap with a pixel count instead of the
/// reference's sparse dict, so a mark costs array stores, not hashing. Later marks overwrite earlier ones.
/// Every pixel written during the current mark is recorded as damage for the display pipeline.
public struct DrawingCanvas: Sendable {
    public let width: Int
    public let height: Int
    /// Bit 24 set = pixel present; low 24 bits = 0xRRGGBB.
    private var cells: [UInt32]
    public private(set) var pixelCount: Int = 0
    /// Pixels per quadrant split at (width/2, height/2): 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right.
    public private(set) var quadrantCounts: [Int] = [0, 0, 0, 0]
    /// The last ≤ 20 pixels drawn, oldest first.
    public private(set) var recentLocations: [PixelPoint] = []
    /// Set by any pixel write (the reference resets `is_satisfied` in `draw_pixel`).
    public private(set) var touchedSinceFlag = false
    private(set) var damage = CanvasDamage()

    static let present: UInt32 = 1 << 24
    static let recentCapacity = 20

    public init(width: Int = 240, height: Int = 240) {
        self.width = width
        self.height = height
        cells = [UInt32](repeating: 0, count: width * height)
    }

    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// The colour at (x, y), nil if nothing was drawn there (or out of bounds).
    public func pixel(_ x: Int, _ y: Int) -> RGB? {
        guard contains(x, y) else { return nil }
        let cell = cells[y * width + x]
        guard cell & Self.present != 0 else { return nil }
        return RGB(UInt8((cell >> 16) & 0xFF), UInt8((cell >> 8) & 0xFF), UInt8(cell & 0xFF))
    }

    /// `draw_pixel`: ignores out-of-bounds; sets the pixel; records damage and the recent location.
    public mutating func draw(_ x: Int, _ y: Int, _ color: RGB) {
        guard contains(x, y) else { return }
        let index = y * width + x
        if cells[index] & Self.present == 0 {
            pixelCount += 1
            quadrantCounts[quadrant(x, y)] += 1
        }
        cells[index] = Self.present | UInt32(color.r) << 16 | UInt32(color.g) << 8 | UInt32(color.b)
        damage.add(x: x, y: y, color: color)
        if recentLocations.count == Self.recentCapacity { recentLocations.removeFirst() }
        recentLocations.append(PixelPoint(x: x, y: y))
        touchedSinceFlag = true
    }

    /// Empties pixels and recent locations (the pixel part of `CanvasState.clear()`).
    public mutating func clear() {
        for index in cells.indices { cells[index] = 0 }
        pixelCount = 0
        quadrantCounts = [0, 0, 0, 0]
        recentLocations.removeAll(keepingCapacity: true)
        damage.reset()
    }

    mutating func clearTouchedFlag() { touchedSinceFlag = false }

    /// Hands over the damage gathered since the last call and starts a new record.
    mutating func takeDamage() -> CanvasDamage {
        let taken = damage
        damage.reset()
        return taken
    }

    mutating func restoreRecentLocations(_ points: [PixelPoint]) {
        recentLocations = Array(points.suffix(Self.recentCapacity))
    }

    /// All drawn pixels in row-major order (for persistence and statistics).
    public func forEachPixel(_ body: (Int, Int, RGB) -> Void) {
        for y in 0..<height {
            for x in 0..<width {
                let cell = cells[y * width + x]
                if cell & Self.present != 0 {
                    body(x, y, RGB(UInt8((cell >> 16) & 0xFF), UInt8((cell >> 8) & 0xFF), UInt8(cell & 0xFF)))
                }
            }
        }
    }

    /// The canvas as an image on black, as the reference's PNG save composes it.
    public func image() -> RGBImage {
        var image = RGBImage(width: width, height: height)
        for index in cells.indices where cells[index] & Self.present != 0 {
            let cell = cells[index]
            image.bytes[index * 3] = UInt8((cell >> 16) & 0xFF)
            image.bytes[index * 3 + 1] = UInt8((cell >> 8) & 0xFF)
            image.bytes[index * 3 + 2] = UInt8(cell & 0xFF)
        }
        return image
    }

    private func quadrant(_ x: Int, _ y: Int) -> Int {
        (x < width / 2 ? 0 : 1) + (y < height / 2 ? 0 : 2)
    }
}

public struct PixelPoint: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// The pixels one mark wrote, in write order (a pixel written twice appears twice; the last write wins),
/// and their bounding rectangle, so the display sends only what changed.
public struct CanvasDamage: Sendable, Equatable {
    public struct Write: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var color: RGB
    }

    public private(set) var writes: [Write] = []
    public private(set) var minX = Int.max
    public private(set) var minY = Int.max
    public private(set) var maxX = Int.min
    public private(set) var maxY = Int.min

    public init() {}

    public var isEmpty: Bool { writes.isEmpty }

    /// Inclusive bounds (x0, y0, x1, y1); nil when nothing was written.
    public var bounds: (x0: Int, y0: Int, x1: Int, y1: Int)? {
        isEmpty ? nil : (minX, minY, maxX, maxY)
    }

    /// Adds another mark's writes after these (the display may batch several marks into one update).
    public mutating func append(_ other: CanvasDamage) {
        for write in other.writes { add(x: write.x, y: write.y, color: write.color) }
    }

    mutating func add(x: Int, y: Int, color: RGB) {
        writes.append(Write(x: x, y: y, color: color))
        minX = min(minX, x)
        minY = min(minY, y)
        maxX = max(maxX, x)
        maxY = max(maxY, y)
    }

    mutating func reset() {
        writes.removeAll(keepingCapacity: true)
        minX = .max
        minY = .max
        maxX = .min
        maxY = .min
    }
}
