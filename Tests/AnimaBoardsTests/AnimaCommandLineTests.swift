import SHA256Digest
import Foundation
import Testing
@testable import AnimaBoards

/// Runs the built `anima` binary (.build/debug/anima, built by `swift build --build-tests`) as a person would.
@Suite("anima CLI: boards, flash, display test")
struct AnimaCommandLineTests {
    static let binary: String = {
        let root = URL(fileURLWithPath: BoardTestSupport.boardsDirectory).deletingLastPathComponent().path
        return root + "/.build/debug/anima"
    }()

    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static func anima(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: BoardTestSupport.boardsDirectory).deletingLastPathComponent()
        var environment = ProcessInfo.processInfo.environment
        environment["ANIMA_BOARDS_DIR"] = nil
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                   error: String(decoding: errorData, as: UTF8.self))
    }

    @Test("the binary exists (build with `swift build --build-tests`)")
    func binaryExists() {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "missing \(Self.binary)")
    }

    @Test("anima boards lists every shipped board with controller, size and bus")
    func boardsList() throws {
        let run = try Self.anima(["boards", "--boards-dir", BoardTestSupport.boardsDirectory])
        #expect(run.status == 0)
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "NAME                       CONTROLLER  SIZE     BUS")
        #expect(lines.contains("adafruit-braincraft-hat    st7789      240×240  spi /dev/spidev0.0 @ 40 MHz"))
        #expect(lines.contains("generic-ssd1306-i2c        ssd1306     128×64   i2c /dev/i2c-1 0x3C"))
        #expect(lines.count == 1 + BoardTestSupport.shippedBoardNames.count)
    }

    @Test("anima boards --format json and csv give the same boards for scripts; config show too")
    func boardsAndConfigInMachineFormats() throws {
        let json = try Self.anima(["boards", "--boards-dir", BoardTestSupport.boardsDirectory, "--format", "json"])
        #expect(json.status == 0)
        let boards = try JSONDecoder().decode([[String: String]].self, from: Data(json.output.utf8))
        #expect(boards.compactMap { $0["name"] }.sorted() == BoardTestSupport.shippedBoardNames.sorted())
        #expect(boards.contains(["name": "generic-ssd1306-i2c", "controller": "ssd1306", "size": "128×64", "bus": "i2c /dev/i2c-1 0x3C"]))
        let csv = try Self.anima(["boards", "--boards-dir", BoardTestSupport.boardsDirectory, "--format", "csv"])
        #expect(csv.output.hasPrefix("NAME,CONTROLLER,SIZE,BUS\n"))

        let config = try Self.anima(["config", "show", "--fps", "12", "--format", "json"])
        #expect(config.status == 0, "\(config.output)")
        let settings = try JSONDecoder().decode([[String: String]].self, from: Data(config.output.utf8))
        #expect(settings.contains(["setting": "fps", "value": "12.0", "source": "flag --fps"]), "\(config.output)")
    }

    @Test("a broken board file is reported on stderr with file and line; the others are still listed")
    func brokenFileIsReported() throws {
        let directory = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "name: broken\ndescription: x\ndisplay: {controller: st9999, width: 1, height: 1}\nbus: {simulator: {}}\n"
            .write(toFile: directory + "/broken.yaml", atomically: true, encoding: .utf8)
        let run = try Self.anima(["boards", "--boards-dir", directory])
        #expect(run.status == 0)
        #expect(run.error == "skipped: \(directory)/broken.yaml:3: display.controller: unknown controller 'st9999'; known controllers: st7789, st7735r, ili9341, gc9a01, ssd1306.\n")
        #expect(run.output.contains("adafruit-braincraft-hat"))
    }

    @Test("anima boards show prints the pin map and geometry per rotation")
    func boardsShow() throws {
        let run = try Self.anima(["boards", "show", "adafruit-mini-pitft-1.14", "--rotation", "180"])
        #expect(run.status == 0)
        #expect(run.output.contains("    GPIO 25  dc\n"))
        #expect(run.output.contains("    GPIO 22  backlight (active high)\n"))
        #expect(run.output.contains("    180       135×240  (53, 40)    0xC0  ← in use\n"), "\(run.output)")
    }

    @Test("anima flash writes, verifies and prints; a second run is unchanged")
    func flashTwice() throws {
        let root = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try Self.anima(["flash", "--root", root, "--board", "adafruit-braincraft-hat", "--path", "kernel"])
        #expect(first.status == 0, "\(first.error)")
        let firmware = root + "/lib/firmware/adafruit-braincraft-hat-r0.bin"
        #expect(first.output.contains("  written     \(firmware)  53 bytes  sha256 \(SHA256.hex(FlashPlanTests.brainCraftFirmware))"))
        #expect(first.output.contains("verified   \(root)/etc/anima/anima.toml"))
        #expect(first.output.contains("  dtoverlay=mipi-dbi-spi,spi0-0,speed=40000000\n"))
        #expect([UInt8](try #require(FileManager.default.contents(atPath: firmware))) == FlashPlanTests.brainCraftFirmware)

        let second = try Self.anima(["flash", "--root", root, "--board", "adafruit-braincraft-hat", "--path", "kernel"])
        #expect(second.status == 0)
        #expect(second.output.components(separatedBy: "  unchanged   ").count - 1 == 3, "\(second.output)")
        #expect(!second.output.contains("writing"))

        let userspace = try Self.anima(["flash", "--root", root, "--board", "adafruit-braincraft-hat", "--dry-run"])
        #expect(userspace.status == 0, "\(userspace.error)")
        #expect(userspace.output.contains("  dtparam=spi=on\n") && !userspace.output.contains("dtoverlay"), "\(userspace.output)")
    }

    @Test("flash --test-pattern fails cleanly without a panel; bad names and rotations are refused")
    func failures() throws {
        let root = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let pattern = try Self.anima(["flash", "--root", root, "--board", "adafruit-braincraft-hat", "--test-pattern"])
        #expect(pattern.status == 1)
        #expect(pattern.error.hasPrefix("error: test pattern:"), "\(pattern.error)")
        let unknown = try Self.anima(["flash", "--root", root, "--board", "nope"])
        #expect(unknown.status == 1 && unknown.error.hasPrefix("error: no board named 'nope'"))
        let rotation = try Self.anima(["flash", "--root", root, "--board", "simulator", "--rotation", "45"])
        #expect(rotation.status == 64)
    }

    @Test("anima flash --path kernel is refused for a board without kernel in display.paths, and writes nothing")
    func kernelPathRefused() throws {
        let root = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let oled = try Self.anima(["flash", "--root", root, "--board", "generic-ssd1306-i2c", "--path", "kernel"])
        #expect(oled.status == 1)
        #expect(oled.error.hasSuffix("generic-ssd1306-i2c.yaml: display.paths lists userspace only, so generic-ssd1306-i2c cannot be flashed "
            + "for the kernel path. Use --path userspace, or add kernel to display.paths if the panel is a MIPI-DBI controller on SPI.\n"),
            "\(oled.error)")
        #expect(!FileManager.default.fileExists(atPath: root + "/etc"), "nothing installed")
    }

    @Test("anima display test draws the calibration pattern into trace, virtual and simulator transports")
    func displayTest() throws {
        let directory = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let virtual = try Self.anima(["display", "test", "--board", "waveshare-1.28-round", "--transport", "virtual", "--rotation", "270"])
        #expect(virtual.status == 0)
        #expect(virtual.output.contains("virtual panel: the glass equals the framebuffer"))
        let trace = try Self.anima(["display", "test", "--board", "adafruit-pitft-2.8", "--transport", "trace:\(directory)/bus.trace"])
        #expect(trace.status == 0)
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: directory + "/bus.trace")))
        #expect(Array(bytes.prefix(8)) == Array("ANMTRC01".utf8))
        let simulator = try Self.anima(["display", "test", "--board", "simulator", "--transport", "simulator:\(directory)/png"])
        #expect(simulator.status == 0)
        #expect(FileManager.default.fileExists(atPath: directory + "/png/latest.png"))
    }

    @Test("anima display test --path kernel goes as far as the framebuffer's ioctls; the paths' options are not mixed")
    func displayTestKernelPath() throws {
        let directory = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/fb1"
        try Data(count: 240 * 240 * 2).write(to: URL(fileURLWithPath: file))
        // A plain file answers FBIOGET_VSCREENINFO with ENOTTY: the real path runs up to the device and names it.
        let notFramebuffer = try Self.anima(["display", "test", "--board", "adafruit-braincraft-hat", "--path", "kernel", "--framebuffer", file])
        #expect(notFramebuffer.status == 1)
        #expect(notFramebuffer.error.contains(file), "\(notFramebuffer.error)")
        let oled = try Self.anima(["display", "test", "--board", "generic-ssd1306-i2c", "--path", "kernel", "--framebuffer", file])
        #expect(oled.status == 1 && oled.error.contains("userspace only"), "\(oled.error)")
        let noTransport = try Self.anima(["display", "test", "--board", "adafruit-braincraft-hat"])
        #expect(noTransport.status == 64 && noTransport.error.contains("--transport is required"), "\(noTransport.error)")
        let mixed = try Self.anima(["display", "test", "--board", "adafruit-braincraft-hat", "--path", "kernel", "--transport", "virtual"])
        #expect(mixed.status == 64, "\(mixed.error)")
    }
}
