import AnimaDisplay

/// Solomon Systech SSD1306: 128×64 monochrome OLED controller, 8-row pages, on I2C (control bytes 0x00/0x40) or
/// SPI (D/C). Not DBI: every command and its arguments travel on the command stream. Horizontal addressing mode,
/// so a column/page window fills page by page. Rotation is done in software (`Display` packs pages in the glass's
/// native orientation); A1/C8 are the remap settings under which common modules read upright.
public struct SSD1306: DisplayController {
    public let name = "ssd1306"
    public let family = ControllerFamily.monochromePages
    public let ramWidth = 128
    public let ramHeight = 64
    public let defaultGeometry = PanelGeometry(width: 128, height: 64)
    public let pixelFormats: [PixelFormat] = [.mono1]
    public let resetTiming = ResetTiming(pulseMilliseconds: 1, readyMilliseconds: 10)
    public let sleepSequence: [InitStep] = [.command(SSD1306Command.displayOff)]
    public let wakeSequence: [InitStep] = [.command(SSD1306Command.displayOn)]

    public init() {}

    /// Multiplex ratio and COM pin layout follow the glass height (64: 0x3F / 0x12; 32: 0x1F / 0x02).
    public func initSequence(for configuration: PanelConfiguration) -> [InitStep] {
        let height = configuration.height
        return [
            .command(SSD1306Command.displayOff),
            .command(0x2E),  // deactivate scroll: a scroll left running by another program garbles every frame
            .command(SSD1306Command.clockDivide, [0x80]),
            .command(SSD1306Command.multiplexRatio, [UInt8(truncatingIfNeeded: height - 1)]),
            .command(SSD1306Command.displayOffset, [0x00]),
            .command(0x40),  // display start line 0
            .command(SSD1306Command.chargePump, [0x14]),
            .command(SSD1306Command.memoryMode, [0x00]),  // horizontal addressing
            .command(SSD1306Command.segmentRemapOn),
            .command(SSD1306Command.comScanDecrement),
            .command(SSD1306Command.comPins, [height > 32 ? 0x12 : 0x02]),
            .command(SSD1306Command.contrast, [0xCF]),
            .command(SSD1306Command.precharge, [0xF1]),
            .command(SSD1306Command.vcomDetect, [0x40]),
            .command(SSD1306Command.resumeFromRAM),
            .command(configuration.inverted ? SSD1306Command.invertDisplay : SSD1306Command.normalDisplay),
            .command(SSD1306Command.displayOn),
        ]
    }
}
