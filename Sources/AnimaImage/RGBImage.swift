/// An 8-bit-per-channel RGB image in row-major order. A plain value with no I/O.
public struct RGBImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` bytes, R G B per pixel, rows top to bottom.
    public var bytes: [UInt8]

    /// A black image (or filled with `fill`).
    public init(width: Int, height: Int, fill: RGB = RGB(0, 0, 0)) {
        precondition(width > 0 && height > 0, "image dimensions must be positive")
        self.width = width
        self.height = height
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        if fill != RGB(0, 0, 0) {
            for index in stride(from: 0, to: bytes.count, by: 3) {
                bytes[index] = fill.r
                bytes[index + 1] = fill.g
                bytes[index + 2] = fill.b
            }
        }
        self.bytes = bytes
    }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// The pixel at (x, y); callers check bounds with `contains`.
    public subscript(x: Int, y: Int) -> RGB {
        get {
            let index = (y * width + x) * 3
            return RGB(bytes[index], bytes[index + 1], bytes[index + 2])
        }
        set {
            let index = (y * width + x) * 3
            bytes[index] = newValue.r
            bytes[index + 1] = newValue.g
            bytes[index + 2] = newValue.b
        }
    }
}

/// One 24-bit colour.
public struct RGB: Sendable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }
}
