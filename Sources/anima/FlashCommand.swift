import AnimaBoards
import AnimaFiles
import AnimaHAL
import ArgumentParser
import Foundation

extension DisplayPath: ExpressibleByArgument {}

/// `anima flash`: install a board's display configuration and kernel firmware, verified, idempotently.
struct FlashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flash",
        abstract: "Install a board's display configuration and panel-mipi-dbi firmware.",
        discussion: """
            Validates the board, then writes atomically under --root (default /): etc/anima/anima.toml (board, \
            rotation and display path, which `anima run` follows), etc/anima/boards/NAME.yaml (a copy of the board \
            file) and, for --path kernel, lib/firmware/<compatible>.bin. Reads every file back and checks its SHA-256, \
            then prints the lines to add to /boot/firmware/config.txt for that path only. A board supports the paths \
            its display.paths lists; others are refused. Running it again with the same choice changes nothing.
            """)

    @Option(help: "The board (see `anima boards`).")
    var board: String

    @Option(help: "Rotation in degrees clockwise: 0, 90, 180 or 270 (default: the board's).")
    var rotation: BoardRotation?

    @Option(help: "userspace (default: spidev + libgpiod, config.txt only enables the bus) or kernel (panel-mipi-dbi overlay and .bin; spidev is then gone).")
    var path: DisplayPath = .userspace

    @Option(help: "Install under this directory instead of /.")
    var root: String = "/"

    @Flag(help: "Show what would be written; write nothing.")
    var dryRun = false

    @Flag(help: "Afterwards, draw the calibration pattern (border, corner marks, RGB bars) on the real panel.")
    var testPattern = false

    @OptionGroup var options: BoardOptions

    /// The anima.toml already under --root, so flashing keeps its other settings.
    private func existingConfiguration() throws -> ConfigFile? {
        let path = (root.hasSuffix("/") ? root : root + "/") + FlashPlan.configurationPath
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try ConfigFile(path: path, bytes: [UInt8](data))
        } catch {
            throw fail("\(error.description) — fix or remove it, then flash again")
        }
    }

    func run() throws {
        let definition = try options.board(named: board)
        print("board     \(definition.name) (\(definition.origin)) — valid")
        print("path      \(path.rawValue)")
        let plan: FlashPlan
        let results: [InstallResult]
        let existing = try existingConfiguration()
        do {
            plan = try FlashPlan.make(board: definition, path: path, rotation: rotation, existingConfiguration: existing)
            print("rotation  \(plan.rotation.rawValue)°")
            results = try ArtifactInstaller.install(plan.artifacts, root: root, dryRun: dryRun) { print("  " + $0) }
        } catch {
            throw fail(error.description)
        }
        print(dryRun ? "plan (dry run, nothing written):" : "installed:")
        for result in results {
            print("  \(result.outcome.rawValue.padded(to: 11)) \(result.path)  \(result.size) bytes  sha256 \(result.sha256)  (\(result.purpose))")
        }
        if !plan.overlayLines.isEmpty {
            print("add to /boot/firmware/config.txt, then reboot:")
            for line in plan.overlayLines { print("  " + line) }
        }
        for note in plan.notes { print("note: " + note) }
        if testPattern {
            guard !dryRun else {
                print("test pattern: skipped (dry run)")
                return
            }
            do {
                try drawTestPattern(definition, rotation: plan.rotation)
            } catch {
                throw fail("test pattern: \(error)")
            }
        }
    }
}

extension FlashCommand {
    /// On the kernel path once the kernel has bound the panel (a re-flash after the reboot), spidev is gone: the
    /// pattern goes into the panel's framebuffer. Before that reboot the bus is still anima's: through the driver.
    private func drawTestPattern(_ definition: BoardDefinition, rotation: BoardRotation) throws {
        if path == .kernel {
            if let device = try? FramebufferLocator().panelFramebuffer() {
                try DisplayTestRun.drawCalibration(on: try BoardDisplay.openFramebuffer(board: definition, rotation: rotation, device: device))
                print("test pattern: drawn into \(device) (kernel path)")
                return
            }
            print("test pattern: the kernel has not bound the panel yet (the config.txt lines above take effect after the "
                + "reboot), so it is drawn through spidev now; after the reboot: anima display test --board \(definition.name) --path kernel")
        }
        let display = try BoardDisplay.open(board: definition, rotation: rotation, transport: "hardware", hardware: LinuxBoardHardware())
        try DisplayTestRun.drawCalibration(on: display)
        print("test pattern: drawn")
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
