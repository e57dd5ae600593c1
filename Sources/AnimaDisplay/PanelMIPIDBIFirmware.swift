/// Export of a DBI panel at one rotation to the Linux kernel's panel-mipi-dbi firmware (spec §4), so the kernel's
/// data-driven driver can run the same init our userspace driver sends, plus the overlay parameters that go with it.
///
/// File: 15-byte magic ("MIPI DBI" + 7 zero bytes), version 1, then `cmd, n, p1…pn` per command; a delay is
/// `0x00, 1, ms` with ms ≤ 255, repeated for longer waits. MADCTL for the rotation is baked in (the kernel has no
/// rotation property for this driver). The kernel loads `/lib/firmware/<compatible>.bin`.
public enum PanelMIPIDBIFirmware {
    public static let magic: [UInt8] = Array("MIPI DBI".utf8) + [UInt8](repeating: 0, count: 7)
    public static let version: UInt8 = 1
    /// The kernel's limit on the compatible string used as the firmware file name.
    public static let maximumNameLength = 35

    public static func encode(_ configuration: PanelConfiguration) throws(DisplayError) -> [UInt8] {
        try configuration.validate()
        guard !configuration.controller.isMonochrome else {
            throw .invalidConfiguration(
                field: "controller",
                detail: "\(configuration.controller.name) is not a MIPI DBI controller; panel-mipi-dbi firmware is for DBI panels only")
        }
        // The kernel driver (drivers/gpu/drm/tiny/panel-mipi-dbi.c, mipi_dbi_dev_init with the default format)
        // sends RGB565 pixels whatever the panel could take, so COLMOD must say 16 bits: an rgb666 board's
        // `3A 66` would make the controller read every pixel as 18 bits and show garbage.
        var exported = configuration
        if exported.controller.pixelFormats.contains(.rgb565) { exported.pixelFormat = .rgb565 }
        var bytes = magic + [version]
        for step in exported.resolvedInitSequence() {
            switch step {
            case let .command(code, parameters):
                guard parameters.count <= 255 else {
                    throw .invalidConfiguration(field: "init", detail: "command 0x\(hex(code)) has \(parameters.count) parameters; the firmware format allows 255")
                }
                bytes += [code, UInt8(parameters.count)] + parameters
            case var .wait(milliseconds):
                while milliseconds > 0 {
                    let chunk = min(milliseconds, 255)
                    bytes += [0x00, 1, UInt8(chunk)]
                    milliseconds -= chunk
                }
            }
        }
        return bytes
    }

    /// The device-tree overlay parameters (Raspberry Pi `mipi-dbi-spi` overlay) for this panel and board wiring.
    public static func overlay(
        for configuration: PanelConfiguration, compatible: String, spi: String = "spi0-0",
        dcGPIO: Int, resetGPIO: Int? = nil, backlightGPIO: Int? = nil, writeOnly: Bool = false
    ) throws(DisplayError) -> PanelOverlayParameters {
        let allowed = compatible.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "," }
        guard !compatible.isEmpty, compatible.count <= maximumNameLength, allowed else {
            throw .invalidConfiguration(
                field: "compatible",
                detail: "'\(compatible)' must be 1–\(maximumNameLength) characters of a–z, 0–9, '-' or ',' (it names /lib/firmware/<compatible>.bin)")
        }
        let offset = configuration.windowOffset
        return PanelOverlayParameters(
            compatible: compatible, spi: spi, speedHz: configuration.busSpeedHz ?? 32_000_000,
            width: configuration.logicalWidth, height: configuration.logicalHeight, xOffset: offset.x, yOffset: offset.y,
            dcGPIO: dcGPIO, resetGPIO: resetGPIO, backlightGPIO: backlightGPIO, writeOnly: writeOnly)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

/// What the overlay needs besides the firmware: bus, clock, the rotated size and offsets, and the pins (BCM).
public struct PanelOverlayParameters: Sendable, Equatable {
    public var compatible: String
    /// `spi0-0` = SPI0 with CE0.
    public var spi: String
    public var speedHz: UInt32
    public var width: Int
    public var height: Int
    public var xOffset: Int
    public var yOffset: Int
    public var dcGPIO: Int
    public var resetGPIO: Int?
    public var backlightGPIO: Int?
    /// The panel cannot be read (its D/C sits on the MISO pin): the overlay's `write-only` parameter.
    public var writeOnly: Bool = false

    /// The firmware file the kernel looks for.
    public var firmwareFileName: String { compatible + ".bin" }

    /// Lines for /boot/firmware/config.txt.
    public var configLines: [String] {
        var pins = "dtparam=dc-gpio=\(dcGPIO)"
        if let resetGPIO { pins += ",reset-gpio=\(resetGPIO)" }
        if let backlightGPIO { pins += ",backlight-gpio=\(backlightGPIO)" }
        return [
            "dtoverlay=mipi-dbi-spi,\(spi),speed=\(speedHz)",
            "dtparam=compatible=\(compatible)\\0panel-mipi-dbi-spi",
            "dtparam=width=\(width),height=\(height)",
            "dtparam=x-offset=\(xOffset),y-offset=\(yOffset)",
            pins,
        ] + (writeOnly ? ["dtparam=write-only"] : [])
    }
}
