import AnimaDisplay

/// What `anima flash` installs for a board at a rotation: the board file copy, the display configuration the
/// runtime reads, and — for MIPI-DBI panels on SPI — the kernel's panel-mipi-dbi firmware plus the config.txt
/// lines that load it. Pure: computing a plan touches no files, so it is tested byte for byte.
public struct FlashPlan: Sendable, Equatable {
    public var board: String
    public var rotation: BoardRotation
    public var artifacts: [InstallArtifact]
    /// Lines to add to /boot/firmware/config.txt (empty when there is nothing for the kernel to load).
    public var overlayLines: [String]
    /// Things the person should know (no firmware for SSD1306, nothing to flash for the simulator).
    public var notes: [String]

    public static let configurationPath = "etc/anima/display.toml"
    public static let boardsPath = "etc/anima/boards"
    public static let firmwarePath = "lib/firmware"

    public static func make(board: BoardDefinition, rotation: BoardRotation? = nil) throws(FlashError) -> FlashPlan {
        let rotation = rotation ?? board.display.rotation
        let configuration = try board.panelConfiguration(rotation: rotation)
        var artifacts = [InstallArtifact(
            relativePath: "\(boardsPath)/\(board.name).yaml", bytes: Array(board.sourceText.utf8), purpose: "board file")]
        var overlayLines: [String] = []
        var notes: [String] = []
        var firmwareName: String?

        switch board.bus {
        case let .spi(spi) where !configuration.controller.isMonochrome:
            let compatible = try compatibleName(board: board, rotation: rotation)
            let firmware: [UInt8]
            let overlay: PanelOverlayParameters
            do {
                firmware = try PanelMIPIDBIFirmware.encode(configuration)
                let (bus, chipSelect) = spi.busAndChipSelect ?? (0, 0)
                overlay = try PanelMIPIDBIFirmware.overlay(
                    for: configuration, compatible: compatible, spi: "spi\(bus)-\(chipSelect)",
                    dcGPIO: board.pins.dc ?? 0, resetGPIO: board.pins.reset, backlightGPIO: board.pins.backlight?.gpio)
            } catch {
                throw .display("\(board.origin): \(error)")
            }
            firmwareName = overlay.firmwareFileName
            artifacts.append(InstallArtifact(
                relativePath: "\(firmwarePath)/\(overlay.firmwareFileName)", bytes: firmware,
                purpose: "panel-mipi-dbi firmware (\(configuration.controller.name), rotation \(rotation.rawValue))"))
            overlayLines = overlay.configLines
        case .spi, .i2c:
            notes.append("\(configuration.controller.name) is not a MIPI-DBI panel: panel-mipi-dbi firmware does not apply, so no .bin is written. "
                + "Anima drives it from user space; enable its bus in /boot/firmware/config.txt (dtparam=\(board.busParameter)=on).")
        case .simulator:
            notes.append("\(board.name) has no hardware: nothing for the kernel to load; `anima run --board \(board.name)` draws PNG files.")
        }

        artifacts.insert(InstallArtifact(
            relativePath: configurationPath,
            bytes: Array(displayConfiguration(board: board, rotation: rotation, firmwareName: firmwareName).utf8),
            purpose: "display configuration"), at: 0)
        return FlashPlan(board: board.name, rotation: rotation, artifacts: artifacts, overlayLines: overlayLines, notes: notes)
    }

    /// The kernel compatible string (and firmware file name): the board and rotation, since MADCTL, offsets, colour
    /// order and inversion are all baked into the file. At most 35 characters of a–z, 0–9 and '-'.
    public static func compatibleName(board: BoardDefinition, rotation: BoardRotation) throws(FlashError) -> String {
        let base = String(board.name.map { $0 == "." ? "-" : $0 })
        let name = "\(base)-r\(rotation.rawValue)"
        guard name.count <= PanelMIPIDBIFirmware.maximumNameLength else {
            throw .board(.conflict(
                file: board.origin, line: 1, field: "name",
                detail: "'\(name)' is longer than the kernel's \(PanelMIPIDBIFirmware.maximumNameLength)-character firmware name limit; shorten the board name."))
        }
        return name
    }

    /// `etc/anima/display.toml`: which board and rotation the runtime drives. Deterministic (no timestamps), so a
    /// second flash with the same choice finds the file unchanged.
    static func displayConfiguration(board: BoardDefinition, rotation: BoardRotation, firmwareName: String?) -> String {
        var text = """
            # Written by `anima flash --board \(board.name) --rotation \(rotation.rawValue)`; `anima run` reads it.
            # Change it by running flash again rather than by hand, so the firmware below matches.
            [display]
            board = "\(board.name)"
            rotation = \(rotation.rawValue)
            board_file = "/\(boardsPath)/\(board.name).yaml"

            """
        if let firmwareName { text += "firmware = \"/\(firmwarePath)/\(firmwareName)\"\n" }
        return text
    }
}

extension BoardDefinition {
    /// The config.txt parameter that enables this board's bus.
    var busParameter: String {
        switch bus {
        case .spi: return "spi"
        case .i2c: return "i2c_arm"
        case .simulator: return "none"
        }
    }
}
