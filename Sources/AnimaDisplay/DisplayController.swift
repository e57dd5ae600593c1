/// What a display controller is: everything that differs between chips, as data. Everything shared (MADCTL math,
/// offsets, pixel encoding, windows, damage) lives in AnimaDisplay and is written once.
///
/// A controller knows nothing about boards: pins, bus and geometry come from a `PanelConfiguration`.
public protocol DisplayController: Sendable {
    /// Lower-case identifier used by board and panel files, e.g. "st7789".
    var name: String { get }
    /// How the controller is addressed.
    var family: ControllerFamily { get }
    /// Size of the controller's frame memory in its native orientation (ST7789: 240×320).
    var ramWidth: Int { get }
    var ramHeight: Int { get }
    /// The glass most often sold with this controller; a configuration may override it.
    var defaultGeometry: PanelGeometry { get }
    /// Pixel formats the controller accepts; the first is the default.
    var pixelFormats: [PixelFormat] { get }
    var resetTiming: ResetTiming { get }
    /// Initialisation after the hardware reset, for this configuration. DBI controllers place `.pixelFormat`,
    /// `.addressMode` and `.inversion` where their datasheet wants them; the pipeline fills in the bytes.
    func initSequence(for configuration: PanelConfiguration) -> [InitStep]
    var sleepSequence: [InitStep] { get }
    var wakeSequence: [InitStep] { get }
    /// MADCTL quirk hook: the byte for an address mode and colour order. The default is the standard bit layout.
    func madctl(for mode: AddressMode, colorOrder: ColorOrder) -> UInt8
    /// COLMOD quirk hook: the parameter for a pixel format (ST7735R wants 0x05 rather than 0x55).
    func pixelFormatParameter(for format: PixelFormat) -> UInt8
    /// True when the glass sold with this controller shows RAM columns right to left (ILI9341 modules): the driver
    /// then sets MX once more than the standard layout at every rotation, and the virtual panel shows RAM that way.
    var glassColumnsReversed: Bool { get }
}

extension DisplayController {
    public func madctl(for mode: AddressMode, colorOrder: ColorOrder) -> UInt8 {
        mode.madctl(colorOrder: colorOrder) ^ (glassColumnsReversed ? MADCTL.mx.rawValue : 0)
    }

    public var glassColumnsReversed: Bool { false }

    public func pixelFormatParameter(for format: PixelFormat) -> UInt8 {
        format.colmod ?? 0
    }

    public var isMonochrome: Bool { family == .monochromePages }

    public var sleepSequence: [InitStep] { DBISequences.sleep }
    public var wakeSequence: [InitStep] { DBISequences.wake }
}

/// The sleep and wake every DBI datasheet agrees on: DISPOFF, SLPIN (5 ms) / SLPOUT (120 ms before anything else), DISPON.
public enum DBISequences {
    public static let sleep: [InitStep] = [.command(DCS.displayOff), .command(DCS.sleepIn), .wait(5)]
    public static let wake: [InitStep] = [.command(DCS.sleepOut), .wait(120), .command(DCS.displayOn), .wait(10)]
}

/// How a controller is driven.
public enum ControllerFamily: String, Sendable {
    /// MIPI DBI type C over SPI with a D/C line: DCS commands, CASET/RASET/RAMWR, colour pixels.
    case mipiDBI = "mipi-dbi"
    /// SSD1306-style monochrome OLED: a command stream, 8-row pages of 1-bit pixels.
    case monochromePages = "monochrome-pages"
}

/// A glass's size and its position in controller RAM, both in the native (rotation 0) orientation.
public struct PanelGeometry: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var offsetX: Int
    public var offsetY: Int

    public init(width: Int, height: Int, offsetX: Int = 0, offsetY: Int = 0) {
        self.width = width
        self.height = height
        self.offsetX = offsetX
        self.offsetY = offsetY
    }
}

/// Hardware reset pulse: hold reset low `pulse` ms, then wait `ready` ms before the first command.
public struct ResetTiming: Sendable, Hashable {
    public var pulseMilliseconds: UInt32
    public var readyMilliseconds: UInt32

    public init(pulseMilliseconds: UInt32, readyMilliseconds: UInt32) {
        self.pulseMilliseconds = pulseMilliseconds
        self.readyMilliseconds = readyMilliseconds
    }
}

/// One step of an init, sleep or wake sequence.
public enum InitStep: Sendable, Hashable {
    /// A command byte and its parameters (SSD1306: the command and its arguments, all on the command stream).
    case command(UInt8, [UInt8])
    case wait(milliseconds: UInt32)
    /// COLMOD with the configured pixel format.
    case pixelFormat
    /// MADCTL for the configured rotation, mirroring and colour order.
    case addressMode
    /// INVON or INVOFF as configured.
    case inversion

    public static func command(_ code: UInt8) -> InitStep { .command(code, []) }
    public static func wait(_ milliseconds: UInt32) -> InitStep { .wait(milliseconds: milliseconds) }
}
