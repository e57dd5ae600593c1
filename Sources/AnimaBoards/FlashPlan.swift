import AnimaDisplay
import AnimaFiles

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

    public static let configurationPath = "etc/anima/anima.toml"
    public static let boardsPath = "etc/anima/boards"
    public static let firmwarePath = "lib/firmware"

    /// - Parameter existingConfiguration: the anima.toml already installed, if any: its other settings (governance,
    ///   data directory, …) are kept; only the board, display path, rotation and boards directory change.
    public static func make(
        board: BoardDefinition, path: DisplayPath, rotation: BoardRotation? = nil, existingConfiguration: ConfigFile? = nil
    ) throws(FlashError) -> FlashPlan {
        guard board.display.paths.contains(path) else {
            throw .display("\(board.listedPathsOnly), "
                + "so \(board.name) cannot be flashed for the \(path.rawValue) path. Use --path \(board.display.paths.first?.rawValue ?? "userspace")"
                + (path == .kernel ? ", or add kernel to display.paths if the panel is a MIPI-DBI controller on SPI." : "."))
        }
        let rotation = rotation ?? board.display.rotation
        let configuration = try board.panelConfiguration(rotation: rotation)
        var artifacts = [InstallArtifact(
            relativePath: "\(boardsPath)/\(board.name).yaml", bytes: Array(board.sourceText.utf8), purpose: "board file")]
        var overlayLines: [String] = []
        var notes: [String] = []
        var firmwareName: String?

        switch (path, board.bus) {
        case (_, .simulator):
            notes.append("\(board.name) has no hardware: nothing for the kernel to load; `anima run --board \(board.name)` draws PNG files.")
        case (.userspace, _):
            // Only the bus: the mipi-dbi-spi overlay would bind spi0.N and the D/C GPIO and break `anima run`.
            overlayLines = ["dtparam=\(board.busParameter)=on"]
        case (.kernel, .i2c):
            // The board rules refuse kernel in display.paths off SPI; a definition built in code is refused here.
            throw .display("\(board.origin): panel-mipi-dbi drives MIPI-DBI panels on SPI only; flash \(board.name) with --path userspace.")
        case let (.kernel, .spi(spi)):
            guard !configuration.controller.isMonochrome else {
                throw .display("\(board.origin): \(configuration.controller.name) is not a MIPI-DBI panel, so panel-mipi-dbi cannot drive it; flash with --path userspace.")
            }
            let compatible = try compatibleName(board: board, rotation: rotation)
            let firmware: [UInt8]
            let overlay: PanelOverlayParameters
            do {
                firmware = try PanelMIPIDBIFirmware.encode(configuration)
                let (bus, chipSelect) = spi.busAndChipSelect ?? (0, 0)
                overlay = try PanelMIPIDBIFirmware.overlay(
                    for: configuration, compatible: compatible, spi: "spi\(bus)-\(chipSelect)",
                    dcGPIO: board.pins.dc ?? 0, resetGPIO: board.pins.reset, backlightGPIO: board.pins.backlight?.gpio,
                    // D/C on GPIO 9 is SPI0's MISO pin (Display HAT Mini): the kernel must not read the bus.
                    writeOnly: board.pins.dc == 9)
            } catch {
                throw .display("\(board.origin): \(error)")
            }
            firmwareName = overlay.firmwareFileName
            artifacts.append(InstallArtifact(
                relativePath: "\(firmwarePath)/\(overlay.firmwareFileName)", bytes: firmware,
                purpose: "panel-mipi-dbi firmware (\(configuration.controller.name), rotation \(rotation.rawValue))"))
            overlayLines = overlay.configLines
        }

        artifacts.insert(InstallArtifact(
            relativePath: configurationPath,
            bytes: Array(runtimeConfiguration(
                board: board, path: path, rotation: rotation, firmwareName: firmwareName, existing: existingConfiguration).utf8),
            purpose: "runtime configuration"), at: 0)
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

    /// `etc/anima/anima.toml`: the board, rotation and display path `anima run` drives, merged into the settings
    /// already there. Deterministic (no timestamps, sorted keys), so a second flash with the same choice finds the
    /// file unchanged.
    static func runtimeConfiguration(
        board: BoardDefinition, path: DisplayPath, rotation: BoardRotation, firmwareName: String?, existing: ConfigFile?
    ) -> String {
        var values = (existing?.values ?? [:]).mapValues(\.value)
        values["board"] = .string(board.name)
        values["display_path"] = .string(path.rawValue)
        values["rotation"] = .integer(rotation.rawValue)
        values["boards_dir"] = .string("/\(boardsPath)")
        var header = "Written by `anima flash --board \(board.name) --path \(path.rawValue) --rotation \(rotation.rawValue)`; `anima run` reads it.\n"
            + "Run flash again to change the board or rotation, so the kernel firmware matches; other settings are kept."
        if let firmwareName { header += "\nPanel firmware: /\(firmwarePath)/\(firmwareName)" }
        return ConfigFile.render(values.map { (key: $0.key, value: $0.value) }, header: header)
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
