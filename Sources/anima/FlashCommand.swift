import AnimaBoards
import AnimaFiles
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
            return try ConfigFile(path: path, text: String(decoding: data, as: UTF8.self))
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
                let display = try BoardDisplay.open(board: definition, rotation: plan.rotation, transport: "hardware", hardware: LinuxBoardHardware())
                try DisplayTestRun.drawCalibration(on: display)
                print("test pattern: drawn")
            } catch {
                throw fail("test pattern: \(error)")
            }
        }
    }
}

extension String {
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
