import AnimaImage

/// An emulated MIPI-DBI controller and its glass: interprets the command stream a driver sends (CASET, RASET, RAMWR,
/// MADCTL with MY/MX/MV/BGR, COLMOD 16/18 bit, INVON/INVOFF, SWRESET, SLPIN/SLPOUT, DISPON/DISPOFF) into controller
/// RAM, and shows the part of RAM the glass covers. Written from the datasheet semantics, not from the driver code,
/// so a replayed trace proves the driver right.
///
/// The glass has physical facts a driver must compensate: its sub-pixel order (a BGR glass shows R and B swapped
/// unless MADCTL's BGR bit is set) and whether it is inverted by nature (IPS glasses need INVON to show true colours).
public final class VirtualPanel: DisplayTransport {
    public let ramWidth: Int
    public let ramHeight: Int
    /// The glass in RAM coordinates at native orientation.
    public let glass: PanelGeometry
    public let glassColorOrder: ColorOrder
    public let glassInverted: Bool

    /// RAM as 24-bit colours (0xRRGGBB, as the controller stores them after decoding the wire format).
    public private(set) var ram: [UInt32]
    public private(set) var madctl: UInt8 = 0
    public private(set) var bitsPerPixel = 18
    public private(set) var inversionOn = false
    public private(set) var sleeping = true
    public private(set) var displayOn = false
    public private(set) var framesEnded = 0

    private var command: UInt8?
    private var parameters: [UInt8] = []
    private var columns = 0...0
    private var rows = 0...0
    /// Write pointer inside the window while RAMWR data streams in.
    private var cursor: (c: Int, r: Int)?
    private var pending: [UInt8] = []

    /// The glass shows RAM columns right to left (see `DisplayController.glassColumnsReversed`).
    public let glassColumnsReversed: Bool

    public init(
        ramWidth: Int, ramHeight: Int, glass: PanelGeometry, glassColorOrder: ColorOrder = .rgb, glassInverted: Bool = false,
        glassColumnsReversed: Bool = false
    ) {
        self.glassColumnsReversed = glassColumnsReversed
        self.ramWidth = ramWidth
        self.ramHeight = ramHeight
        self.glass = glass
        self.glassColorOrder = glassColorOrder
        self.glassInverted = glassInverted
        self.ram = [UInt32](repeating: 0, count: ramWidth * ramHeight)
        columns = 0...(ramWidth - 1)
        rows = 0...(ramHeight - 1)
    }

    /// A virtual panel with the glass a configuration describes (its colour order and inversion are taken as facts
    /// of the glass, which the driver must then compensate).
    public convenience init(configuration: PanelConfiguration) {
        self.init(
            ramWidth: configuration.controller.ramWidth, ramHeight: configuration.controller.ramHeight,
            glass: configuration.geometry, glassColorOrder: configuration.colorOrder, glassInverted: configuration.inverted,
            glassColumnsReversed: configuration.controller.glassColumnsReversed)
    }

    // MARK: DisplayTransport

    public func command(_ bytes: [UInt8]) throws(DisplayError) {
        for code in bytes { begin(code) }
    }

    public func data(_ bytes: [UInt8]) throws(DisplayError) {
        guard let command else { return }
        if command == DCS.memoryWrite {
            writePixels(bytes)
            return
        }
        parameters += bytes
        switch command {
        case DCS.columnAddressSet where parameters.count >= 4:
            columns = Self.range(parameters)
        case DCS.rowAddressSet where parameters.count >= 4:
            rows = Self.range(parameters)
        case DCS.memoryAccessControl where !parameters.isEmpty:
            madctl = parameters[0]
        case DCS.pixelFormat where !parameters.isEmpty:
            // The low nibble selects the MCU interface format: 5 = 16 bit, 6 = 18 bit.
            switch parameters[0] & 0x07 {
            case 5: bitsPerPixel = 16
            case 6: bitsPerPixel = 18
            default: break
            }
        default:
            break
        }
    }

    public func wait(milliseconds: UInt32) throws(DisplayError) {}
    public func setLine(_ role: DisplayLine, to value: Int) throws(DisplayError) {
        if role == .reset && value == 0 { reset() }
    }
    public func endFrame(_ number: UInt32) throws(DisplayError) { framesEnded += 1 }

    // MARK: What the glass shows

    /// The glass in its native orientation (black while the display is off or asleep).
    public func glassImage() -> RGBImage {
        var image = RGBImage(width: glass.width, height: glass.height)
        guard displayOn && !sleeping else { return image }
        let swapRB = (madctl & MADCTL.bgr.rawValue != 0) != (glassColorOrder == .bgr)
        let invert = inversionOn != glassInverted
        for y in 0..<glass.height {
            for x in 0..<glass.width {
                let column = glassColumnsReversed ? glass.width - 1 - x : x
                var value = ram[(y + glass.offsetY) * ramWidth + column + glass.offsetX]
                if swapRB { value = (value & 0x00FF00) | (value >> 16) | ((value & 0xFF) << 16) }
                if invert { value = ~value & 0xFFFFFF }
                image[x, y] = RGB(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
            }
        }
        return image
    }

    /// What a person sees holding the device so that a picture at `rotation` is upright.
    public func viewedImage(rotation: Rotation, mirrored: Bool = false) -> RGBImage {
        ViewerTransform.view(glassImage(), rotation: rotation, mirrored: mirrored)
    }

    // MARK: Command interpretation

    private func begin(_ code: UInt8) {
        command = code
        parameters = []
        cursor = nil
        pending = []
        switch code {
        case DCS.softwareReset: reset()
        case DCS.sleepIn: sleeping = true
        case DCS.sleepOut: sleeping = false
        case DCS.inversionOn: inversionOn = true
        case DCS.inversionOff: inversionOn = false
        case DCS.displayOn: displayOn = true
        case DCS.displayOff: displayOn = false
        case DCS.memoryWrite: cursor = (columns.lowerBound, rows.lowerBound)
        default: break
        }
    }

    /// Power-on / reset defaults: MADCTL 0, 18 bit, inversion off, asleep, display off, window = whole RAM.
    private func reset() {
        madctl = 0
        bitsPerPixel = 18
        inversionOn = false
        sleeping = true
        displayOn = false
        columns = 0...(ramWidth - 1)
        rows = 0...(ramHeight - 1)
    }

    private func writePixels(_ bytes: [UInt8]) {
        let size = bitsPerPixel == 16 ? 2 : 3
        pending += bytes
        var index = 0
        while pending.count - index >= size {
            let value: UInt32
            if size == 2 {
                let word = UInt32(pending[index]) << 8 | UInt32(pending[index + 1])
                value = UInt32(PixelFormat.expand5(word >> 11)) << 16 | UInt32(PixelFormat.expand6(word >> 5)) << 8
                    | UInt32(PixelFormat.expand5(word))
            } else {
                value = UInt32(PixelFormat.expand6(UInt32(pending[index] >> 2))) << 16
                    | UInt32(PixelFormat.expand6(UInt32(pending[index + 1] >> 2))) << 8
                    | UInt32(PixelFormat.expand6(UInt32(pending[index + 2] >> 2)))
            }
            store(value)
            index += size
        }
        pending.removeFirst(index)
    }

    /// Stores at the write pointer through the MADCTL mapping, then advances column-first inside the window.
    private func store(_ value: UInt32) {
        guard let (c, r) = cursor else { return }
        let swap = madctl & MADCTL.mv.rawValue != 0
        let (u, v) = swap ? (r, c) : (c, r)
        let x = madctl & MADCTL.mx.rawValue != 0 ? ramWidth - 1 - u : u
        let y = madctl & MADCTL.my.rawValue != 0 ? ramHeight - 1 - v : v
        if x >= 0, y >= 0, x < ramWidth, y < ramHeight { ram[y * ramWidth + x] = value }
        if c < columns.upperBound {
            cursor = (c + 1, r)
        } else if r < rows.upperBound {
            cursor = (columns.lowerBound, r + 1)
        } else {
            cursor = (columns.lowerBound, rows.lowerBound)
        }
    }

    private static func range(_ p: [UInt8]) -> ClosedRange<Int> {
        let start = Int(p[0]) << 8 | Int(p[1])
        let end = Int(p[2]) << 8 | Int(p[3])
        return start...max(start, end)
    }
}

/// Turns a glass image into what a viewer sees for a rotation (the inverse of `Rotation.glassPoint`).
public enum ViewerTransform {
    public static func view(_ glass: RGBImage, rotation: Rotation, mirrored: Bool) -> RGBImage {
        let width = rotation.swapsAxes ? glass.height : glass.width
        let height = rotation.swapsAxes ? glass.width : glass.height
        var image = RGBImage(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                let point = rotation.glassPoint(x: x, y: y, glassWidth: glass.width, glassHeight: glass.height, mirrored: mirrored)
                image[x, y] = glass[point.x, point.y]
            }
        }
        return image
    }
}
