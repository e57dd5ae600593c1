import AnimaDisplay

/// Sitronix ST7735R: 132×162 RAM, sold as 128×160 (and 128×128, 80×160) TN glasses.
/// Frame rate, power and gamma values are the datasheet's recommended ones (as in Adafruit's "Rcmd" tables).
public struct ST7735R: DisplayController {
    public let name = "st7735r"
    public let family = ControllerFamily.mipiDBI
    public let ramWidth = 132
    public let ramHeight = 162
    public let defaultGeometry = PanelGeometry(width: 128, height: 160)
    public let pixelFormats: [PixelFormat] = [.rgb565, .rgb666]
    public let resetTiming = ResetTiming(pulseMilliseconds: 10, readyMilliseconds: 120)

    public init() {}

    /// Quirk: the ST7735R reads only the low three bits of COLMOD (0x05 = 16 bit, 0x06 = 18 bit).
    public func pixelFormatParameter(for format: PixelFormat) -> UInt8 {
        format == .rgb666 ? 0x06 : 0x05
    }

    public func initSequence(for configuration: PanelConfiguration) -> [InitStep] {
        [
            .command(DCS.softwareReset), .wait(150),
            .command(DCS.sleepOut), .wait(255),
            .command(0xB1, [0x01, 0x2C, 0x2D]),  // FRMCTR1: frame rate, normal mode
            .command(0xB2, [0x01, 0x2C, 0x2D]),  // FRMCTR2: idle mode
            .command(0xB3, [0x01, 0x2C, 0x2D, 0x01, 0x2C, 0x2D]),  // FRMCTR3: partial mode
            .command(0xB4, [0x07]),  // INVCTR: no dot inversion
            .command(0xC0, [0xA2, 0x02, 0x84]),  // PWCTR1
            .command(0xC1, [0xC5]),  // PWCTR2
            .command(0xC2, [0x0A, 0x00]),  // PWCTR3
            .command(0xC3, [0x8A, 0x2A]),  // PWCTR4
            .command(0xC4, [0x8A, 0xEE]),  // PWCTR5
            .command(0xC5, [0x0E]),  // VMCTR1
            .inversion,
            .addressMode,
            .pixelFormat,
            .command(0xE0, [0x02, 0x1C, 0x07, 0x12, 0x37, 0x32, 0x29, 0x2D, 0x29, 0x25, 0x2B, 0x39, 0x00, 0x01, 0x03, 0x10]),
            .command(0xE1, [0x03, 0x1D, 0x07, 0x06, 0x2E, 0x2C, 0x29, 0x2D, 0x2E, 0x2E, 0x37, 0x3F, 0x00, 0x00, 0x02, 0x10]),
            .command(DCS.normalDisplayOn), .wait(10),
            .command(DCS.displayOn), .wait(100),
        ]
    }
}
