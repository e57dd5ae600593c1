import AnimaImage

/// How a pixel travels on the wire, and the "pixel word" the framebuffer stores for it.
///
/// The framebuffer stores one `UInt32` word per pixel already quantised to the panel's precision, so the diff compares
/// integers and the encoder only splits words into bytes; `unpack` expands a word back to 8-bit RGB by bit replication,
/// the same rule the virtual panel uses, so a round trip compares images exactly.
public enum PixelFormat: String, Sendable, CaseIterable {
    /// 16 bits, R5 G6 B5, sent big-endian (high byte first). COLMOD 0x55.
    case rgb565
    /// 18 bits in 3 bytes, each colour in the top 6 bits of its byte. COLMOD 0x66.
    case rgb666
    /// 1 bit per pixel (SSD1306), on when the luminance is at least half.
    case mono1

    /// Bytes per pixel on the wire (mono packs 8 pixels per byte; its encoder handles that).
    public var bytesPerPixel: Int {
        switch self {
        case .rgb565: return 2
        case .rgb666: return 3
        case .mono1: return 1
        }
    }

    /// The standard DCS COLMOD parameter (controllers may override, see `DisplayController.pixelFormatParameter`).
    public var colmod: UInt8? {
        switch self {
        case .rgb565: return 0x55
        case .rgb666: return 0x66
        case .mono1: return nil
        }
    }

    public func pack(_ color: RGB) -> UInt32 {
        switch self {
        case .rgb565:
            return UInt32(color.r >> 3) << 11 | UInt32(color.g >> 2) << 5 | UInt32(color.b >> 3)
        case .rgb666:
            return UInt32(color.r >> 2) << 12 | UInt32(color.g >> 2) << 6 | UInt32(color.b >> 2)
        case .mono1:
            // Rec. 601 luma in integers: 299 R + 587 G + 114 B, threshold at half of 255 000.
            let luma = 299 * Int(color.r) + 587 * Int(color.g) + 114 * Int(color.b)
            return luma >= 127_500 ? 1 : 0
        }
    }

    public func unpack(_ word: UInt32) -> RGB {
        switch self {
        case .rgb565:
            return RGB(Self.expand5(word >> 11), Self.expand6(word >> 5), Self.expand5(word))
        case .rgb666:
            return RGB(Self.expand6(word >> 12), Self.expand6(word >> 6), Self.expand6(word))
        case .mono1:
            return word & 1 == 1 ? RGB(255, 255, 255) : RGB(0, 0, 0)
        }
    }

    /// Appends one pixel's wire bytes (RGB565 big-endian; RGB666 as R, G, B with the value in the top 6 bits).
    @inline(__always)
    public func append(_ word: UInt32, to bytes: inout [UInt8]) {
        switch self {
        case .rgb565:
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word))
        case .rgb666:
            bytes.append(UInt8(truncatingIfNeeded: (word >> 12) << 2))
            bytes.append(UInt8(truncatingIfNeeded: (word >> 6) << 2))
            bytes.append(UInt8(truncatingIfNeeded: word << 2))
        case .mono1:
            bytes.append(UInt8(truncatingIfNeeded: word & 1))
        }
    }

    /// 5-bit to 8-bit by bit replication (0 → 0, 31 → 255).
    public static func expand5(_ value: UInt32) -> UInt8 {
        let v = UInt8(truncatingIfNeeded: value & 0x1F)
        return v << 3 | v >> 2
    }

    /// 6-bit to 8-bit by bit replication (0 → 0, 63 → 255).
    public static func expand6(_ value: UInt32) -> UInt8 {
        let v = UInt8(truncatingIfNeeded: value & 0x3F)
        return v << 2 | v >> 4
    }
}
