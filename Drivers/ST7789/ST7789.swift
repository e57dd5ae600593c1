import AnimaDisplay

/// Sitronix ST7789(V/VW): 240×320 RAM, most often sold as a 240×240 IPS glass (which needs INVON).
/// Sequence: the minimal working init from the datasheet and every reference driver (spec §2).
public struct ST7789: DisplayController {
    public let name = "st7789"
    public let family = ControllerFamily.mipiDBI
    public let ramWidth = 240
    public let ramHeight = 320
    public let defaultGeometry = PanelGeometry(width: 240, height: 240)
    public let pixelFormats: [PixelFormat] = [.rgb565, .rgb666]
    /// Reset low ≥ 10 µs; the controller needs up to 120 ms before it takes commands.
    public let resetTiming = ResetTiming(pulseMilliseconds: 10, readyMilliseconds: 120)

    public init() {}

    public func initSequence(for configuration: PanelConfiguration) -> [InitStep] {
        [
            .command(DCS.softwareReset), .wait(150),
            .command(DCS.sleepOut), .wait(10),
            .pixelFormat, .wait(10),
            .addressMode,
            .inversion, .wait(10),
            .command(DCS.normalDisplayOn), .wait(10),
            .command(DCS.displayOn), .wait(500),
        ]
    }
}
