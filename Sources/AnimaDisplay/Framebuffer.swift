import AnimaImage

/// The picture the display should show, in logical (rotated) coordinates, one pixel word per pixel in the panel's
/// pixel format (see `PixelFormat`), with a damage box: the bounding box of everything written since the last update,
/// so the diff scans only where drawing happened.
public struct Framebuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let format: PixelFormat
    /// Row-major pixel words.
    public private(set) var pixels: [UInt32]
    /// Rows and columns touched since `clearDamage()`, or nil when nothing was drawn.
    public private(set) var damage: Window?

    public init(width: Int, height: Int, format: PixelFormat, fill: RGB = RGB(0, 0, 0)) {
        self.width = max(width, 1)
        self.height = max(height, 1)
        self.format = format
        self.pixels = [UInt32](repeating: format.pack(fill), count: self.width * self.height)
        self.damage = Window(x: 0, y: 0, width: self.width, height: self.height)
    }

    public subscript(x: Int, y: Int) -> RGB {
        format.unpack(pixels[y * width + x])
    }

    public func word(x: Int, y: Int) -> UInt32 { pixels[y * width + x] }

    /// Sets one pixel; points outside the frame are ignored (drawing clips).
    public mutating func set(x: Int, y: Int, to color: RGB) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        pixels[y * width + x] = format.pack(color)
        markDamaged(Window(x: x, y: y, width: 1, height: 1))
    }

    /// Fills a rectangle, clipped to the frame.
    public mutating func fill(_ rect: Window, with color: RGB) {
        let x0 = max(rect.x, 0), y0 = max(rect.y, 0)
        let x1 = min(rect.x + rect.width, width), y1 = min(rect.y + rect.height, height)
        guard x0 < x1, y0 < y1 else { return }
        let word = format.pack(color)
        for y in y0..<y1 {
            let row = y * width
            for x in x0..<x1 { pixels[row + x] = word }
        }
        markDamaged(Window(x: x0, y: y0, width: x1 - x0, height: y1 - y0))
    }

    public mutating func fill(with color: RGB) {
        fill(Window(x: 0, y: 0, width: width, height: height), with: color)
    }

    /// Copies a whole image of the framebuffer's size.
    public mutating func draw(_ image: RGBImage) throws(DisplayError) {
        guard image.width == width, image.height == height else {
            throw .sizeMismatch(expected: "\(width)×\(height)", got: "\(image.width)×\(image.height)")
        }
        image.bytes.withUnsafeBufferPointer { bytes in
            for index in 0..<(width * height) {
                let base = index * 3
                pixels[index] = format.pack(RGB(bytes[base], bytes[base + 1], bytes[base + 2]))
            }
        }
        markDamaged(Window(x: 0, y: 0, width: width, height: height))
    }

    /// The picture as 8-bit RGB, exactly as a correct panel shows it (quantised to the pixel format).
    public func image() -> RGBImage {
        var image = RGBImage(width: width, height: height)
        for index in 0..<(width * height) {
            let color = format.unpack(pixels[index])
            image.bytes[index * 3] = color.r
            image.bytes[index * 3 + 1] = color.g
            image.bytes[index * 3 + 2] = color.b
        }
        return image
    }

    public mutating func markDamaged(_ rect: Window) {
        guard let box = damage else {
            damage = rect
            return
        }
        let x0 = min(box.x, rect.x), y0 = min(box.y, rect.y)
        let x1 = max(box.maxX, rect.maxX), y1 = max(box.maxY, rect.maxY)
        damage = Window(x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1)
    }

    public mutating func clearDamage() { damage = nil }
}
