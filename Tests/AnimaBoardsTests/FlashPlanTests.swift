import SHA256Digest
import Foundation
import Testing
@testable import AnimaBoards

@Suite("anima flash: plan and install")
struct FlashPlanTests {
    static func board(_ name: String) throws -> BoardDefinition {
        try BoardTestSupport.loader.load(path: BoardTestSupport.boardsDirectory + "/\(name).yaml")
    }

    /// The BrainCraft ST7789 at rotation 0 in the kernel's panel-mipi-dbi format, written out by hand from the
    /// format (spec §4) and the ST7789 sequence (spec §2): magic, version, then cmd·n·params, delays as 00·01·ms.
    /// (One part per line: a single `+` chain of literals takes Swift 6.2's type checker too long.)
    static let brainCraftFirmware: [UInt8] = [
        Array("MIPI DBI".utf8), [0, 0, 0, 0, 0, 0, 0], [0x01],
        [0x01, 0x00], [0x00, 0x01, 150],              // SWRESET, wait 150 ms
        [0x11, 0x00], [0x00, 0x01, 10],               // SLPOUT, wait 10 ms
        [0x3A, 0x01, 0x55], [0x00, 0x01, 10],         // COLMOD 16 bpp, wait 10 ms
        [0x36, 0x01, 0x00],                           // MADCTL rotation 0, RGB
        [0x21, 0x00], [0x00, 0x01, 10],               // INVON (IPS glass), wait 10 ms
        [0x13, 0x00], [0x00, 0x01, 10],               // NORON, wait 10 ms
        [0x29, 0x00], [0x00, 0x01, 255, 0x00, 0x01, 245],  // DISPON, wait 500 ms in 255-ms steps
    ].flatMap { (part: [UInt8]) in part }

    @Test("the BrainCraft ST7789 rotation 0 .bin is byte-exact, and the plan lists the three files")
    func brainCraftPlan() throws {
        let plan = try FlashPlan.make(board: Self.board("adafruit-braincraft-hat"), path: .kernel, rotation: .deg0)
        #expect(plan.artifacts.map(\.relativePath) == [
            "etc/anima/anima.toml", "etc/anima/boards/adafruit-braincraft-hat.yaml", "lib/firmware/adafruit-braincraft-hat-r0.bin",
        ])
        #expect(plan.artifacts[2].bytes == Self.brainCraftFirmware)
        #expect(plan.artifacts[1].bytes == Array(try BoardTestSupport.text(of: "adafruit-braincraft-hat").utf8))
        #expect(String(decoding: plan.artifacts[0].bytes, as: UTF8.self) == """
            # Written by `anima flash --board adafruit-braincraft-hat --rotation 0`; `anima run` reads it.
            # Run flash again to change the board or rotation, so the kernel firmware matches; other settings are kept.
            # Panel firmware: /lib/firmware/adafruit-braincraft-hat-r0.bin
            board = "adafruit-braincraft-hat"
            boards_dir = "/etc/anima/boards"
            rotation = 0

            """)
        #expect(plan.overlayLines == [
            "dtoverlay=mipi-dbi-spi,spi0-0,speed=40000000",
            "dtparam=compatible=adafruit-braincraft-hat-r0\\0panel-mipi-dbi-spi",
            "dtparam=width=240,height=240",
            "dtparam=x-offset=0,y-offset=0",
            "dtparam=dc-gpio=25,backlight-gpio=26",
        ])
    }

    @Test("rotation is baked in: MADCTL per rotation, and the 80-row offset follows MY and moves to x under MV")
    func rotated() throws {
        let plan = try FlashPlan.make(board: Self.board("adafruit-braincraft-hat"), path: .kernel, rotation: .deg180)
        let firmware = plan.artifacts[2].bytes
        #expect(firmware[32..<35] == [0x36, 0x01, 0xC0])
        #expect(plan.overlayLines[3] == "dtparam=x-offset=0,y-offset=80")
        let quarter = try FlashPlan.make(board: Self.board("adafruit-braincraft-hat"), path: .kernel, rotation: .deg90)
        #expect(quarter.artifacts[2].bytes[32..<35] == [0x36, 0x01, 0x60])
        #expect(quarter.overlayLines[3] == "dtparam=x-offset=0,y-offset=0")
        let threeQuarters = try FlashPlan.make(board: Self.board("adafruit-braincraft-hat"), path: .kernel, rotation: .deg270)
        #expect(threeQuarters.artifacts[2].bytes[32..<35] == [0x36, 0x01, 0xA0])
        #expect(threeQuarters.overlayLines[3] == "dtparam=x-offset=80,y-offset=0")
    }

    @Test("the userspace path only enables the bus: never the mipi-dbi-spi overlay, never a .bin")
    func userspaceNeverBindsTheKernelDriver() throws {
        for name in BoardTestSupport.shippedBoardNames where name != "simulator" {
            let plan = try FlashPlan.make(board: Self.board(name), path: .userspace)
            #expect(!plan.overlayLines.contains { $0.contains("mipi-dbi") || $0.contains("dc-gpio") }, "\(name): \(plan.overlayLines)")
            #expect(plan.overlayLines == [name.contains("ssd1306") ? "dtparam=i2c_arm=on" : "dtparam=spi=on"], "\(name)")
            #expect(!plan.artifacts.contains { $0.relativePath.hasPrefix("lib/firmware") }, "\(name)")
        }
        let hatMini = try FlashPlan.make(board: Self.board("pimoroni-display-hat-mini"), path: .kernel)
        #expect(hatMini.overlayLines.last == "dtparam=write-only", "D/C on GPIO 9 = MISO")
        let brainCraft = try FlashPlan.make(board: Self.board("adafruit-braincraft-hat"), path: .kernel)
        #expect(!brainCraft.overlayLines.contains("dtparam=write-only"))
    }

    @Test("SSD1306 and the simulator get no .bin and say why; names with dots become valid compatibles")
    func noFirmware() throws {
        let oled = try FlashPlan.make(board: Self.board("generic-ssd1306-i2c"), path: .kernel)
        #expect(oled.artifacts.map(\.relativePath) == ["etc/anima/anima.toml", "etc/anima/boards/generic-ssd1306-i2c.yaml"])
        #expect(oled.overlayLines.isEmpty)
        #expect(oled.notes.first?.hasPrefix("ssd1306 is not a MIPI-DBI panel: panel-mipi-dbi firmware does not apply") == true)
        let simulator = try FlashPlan.make(board: Self.board("simulator"), path: .kernel)
        #expect(simulator.artifacts.count == 2 && simulator.notes.count == 1)
        let mini = try FlashPlan.make(board: Self.board("adafruit-mini-pitft-1.14"), path: .kernel)
        #expect(mini.artifacts[2].relativePath == "lib/firmware/adafruit-mini-pitft-1-14-r90.bin")
        #expect(mini.overlayLines.contains("dtparam=width=240,height=135"))
    }

    @Test("install writes, verifies, and a second run changes nothing; --dry-run writes nothing")
    func idempotentInstall() throws {
        let root = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plan = try FlashPlan.make(board: Self.board("adafruit-braincraft-hat"), path: .kernel)

        let dry = try ArtifactInstaller.install(plan.artifacts, root: root, dryRun: true) { _ in }
        #expect(dry.map(\.outcome) == [.wouldWrite, .wouldWrite, .wouldWrite])
        #expect(!FileManager.default.fileExists(atPath: root + "/etc"))

        var progress: [String] = []
        let first = try ArtifactInstaller.install(plan.artifacts, root: root, dryRun: false) { progress.append($0) }
        #expect(first.map(\.outcome) == [.written, .written, .written])
        #expect(progress.filter { $0.hasPrefix("verified") }.count == 3)
        let firmware = try #require(FileManager.default.contents(atPath: root + "/lib/firmware/adafruit-braincraft-hat-r0.bin"))
        #expect([UInt8](firmware) == Self.brainCraftFirmware)
        #expect(first[2].sha256 == SHA256.hex(Self.brainCraftFirmware) && first[2].size == 53)

        let second = try ArtifactInstaller.install(plan.artifacts, root: root, dryRun: false) { _ in }
        #expect(second.map(\.outcome) == [.unchanged, .unchanged, .unchanged])
        #expect(second.map(\.sha256) == first.map(\.sha256))

        let turned = try FlashPlan.make(board: Self.board("adafruit-braincraft-hat"), path: .kernel, rotation: .deg90)
        let third = try ArtifactInstaller.install(turned.artifacts, root: root, dryRun: false) { _ in }
        #expect(third.map(\.outcome) == [.written, .unchanged, .written])
    }

    @Test("an unwritable root fails with the directory named")
    func unwritableRoot() throws {
        let root = try BoardTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "a file".write(toFile: root + "/etc", atomically: true, encoding: .utf8)
        let plan = try FlashPlan.make(board: Self.board("simulator"), path: .kernel)
        #expect(throws: FlashError.self) { try ArtifactInstaller.install(plan.artifacts, root: root, dryRun: false) { _ in } }
        do {
            _ = try ArtifactInstaller.install(plan.artifacts, root: root, dryRun: false) { _ in }
        } catch {
            #expect(error.description.hasPrefix("cannot create directory \(root)/etc/anima"), "\(error)")
        }
    }
}
