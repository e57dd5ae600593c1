import AnimaDisplay

/// Ilitek ILI9341: 240×320 RAM and glass (portrait native; a 320×240 landscape HAT is this glass at 90°).
/// Power, timing and gamma values are Ilitek's recommended ones (as in Adafruit's and the kernel's tables).
public struct ILI9341: DisplayController {
    public let name = "ili9341"
    public let family = ControllerFamily.mipiDBI
    public let ramWidth = 240
    public let ramHeight = 320
    public let defaultGeometry = PanelGeometry(width: 240, height: 320)
    public let pixelFormats: [PixelFormat] = [.rgb565, .rgb666]
    public let resetTiming = ResetTiming(pulseMilliseconds: 10, readyMilliseconds: 120)

    public init() {}

    /// The ILI9341 glasses sold on Pi HATs and breakouts have their source lines wired right to left: every vendor
    /// sets MX once more than the standard layout (Linux drivers/gpu/drm/tiny/ili9341.c `yx240qv29_enable`:
    /// 0° MX, 90° MV, 180° MY, 270° MV|MY|MX; Adafruit_ILI9341 rotation 0 = MX|BGR). Without it every rotation is a
    /// mirror image. RAM and glass are the same size, so the window offsets stay zero.
    public let glassColumnsReversed = true

    public func initSequence(for configuration: PanelConfiguration) -> [InitStep] {
        [
            .command(DCS.softwareReset), .wait(150),
            .command(0xEF, [0x03, 0x80, 0x02]),
            .command(0xCF, [0x00, 0xC1, 0x30]),  // power control B
            .command(0xED, [0x64, 0x03, 0x12, 0x81]),  // power-on sequence
            .command(0xE8, [0x85, 0x00, 0x78]),  // driver timing A
            .command(0xCB, [0x39, 0x2C, 0x00, 0x34, 0x02]),  // power control A
            .command(0xF7, [0x20]),  // pump ratio
            .command(0xEA, [0x00, 0x00]),  // driver timing B
            .command(0xC0, [0x23]),  // PWCTR1
            .command(0xC1, [0x10]),  // PWCTR2
            .command(0xC5, [0x3E, 0x28]),  // VMCTR1
            .command(0xC7, [0x86]),  // VMCTR2
            .addressMode,
            .command(0x37, [0x00]),  // vertical scroll start 0
            .pixelFormat,
            .command(0xB1, [0x00, 0x18]),  // frame rate 79 Hz
            .command(0xB6, [0x08, 0x82, 0x27]),  // display function control
            .command(0xF2, [0x00]),  // 3-gamma off
            .command(0x26, [0x01]),  // gamma curve 1
            .command(0xE0, [0x0F, 0x31, 0x2B, 0x0C, 0x0E, 0x08, 0x4E, 0xF1, 0x37, 0x07, 0x10, 0x03, 0x0E, 0x09, 0x00]),
            .command(0xE1, [0x00, 0x0E, 0x14, 0x03, 0x11, 0x07, 0x31, 0xC1, 0x48, 0x08, 0x0F, 0x0C, 0x31, 0x36, 0x0F]),
            .inversion,
            .command(DCS.sleepOut), .wait(150),
            .command(DCS.displayOn), .wait(150),
        ]
    }
}
