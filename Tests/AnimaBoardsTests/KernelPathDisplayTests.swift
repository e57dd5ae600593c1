import AnimaDisplay
import Foundation
import Testing
@testable import AnimaBoards

/// The geometry the kernel would report, for a file standing in for /dev/fbN.
struct ReportedGeometry: FramebufferGeometrySource {
    let reported: FramebufferGeometry
    func geometry(device: String) throws(DisplayError) -> FramebufferGeometry { reported }
}

@Suite("Kernel path: a board's framebuffer is opened only when the kernel set it up for that board")
struct KernelPathDisplayTests {
    static func framebufferFile(bytes: Int) throws -> String {
        let path = try BoardTestSupport.temporaryDirectory() + "/fb1"
        try Data(count: bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("the Mini PiTFT 1.14 at rotation 90 needs the 240×135 framebuffer its overlay asks for")
    func geometryMatchesTheRotatedBoard() throws {
        let board = try FlashPlanTests.board("adafruit-mini-pitft-1.14")
        let path = try Self.framebufferFile(bytes: 240 * 135 * 2)
        let display = try BoardDisplay.openFramebuffer(
            board: board, device: path, geometrySource: ReportedGeometry(reported: FramebufferGeometry(width: 240, height: 135)))
        #expect(display.framebuffer.width == 240 && display.framebuffer.height == 135)
    }

    @Test("a framebuffer of another size or depth is refused naming the device, what the board needs and what it is")
    func otherGeometryRefused() throws {
        let board = try FlashPlanTests.board("adafruit-braincraft-hat")
        let path = try Self.framebufferFile(bytes: 320 * 240 * 2)
        for reported in [FramebufferGeometry(width: 320, height: 240), FramebufferGeometry(width: 240, height: 240, bitsPerPixel: 32)] {
            do {
                _ = try BoardDisplay.openFramebuffer(board: board, device: path, geometrySource: ReportedGeometry(reported: reported))
                Issue.record("\(reported) was accepted")
            } catch {
                #expect(error.description == "\(path) is \(reported.width)×\(reported.height) at \(reported.bitsPerPixel) bits per pixel, "
                    + "but adafruit-braincraft-hat at rotation 0 needs 240×240 at 16 (RGB565): the kernel was set up for another board or "
                    + "rotation. Run `sudo anima flash --board adafruit-braincraft-hat --path kernel --rotation 0`, put the lines it prints "
                    + "in /boot/firmware/config.txt and reboot.")
            }
        }
    }

    @Test("display test on the kernel path: the calibration pattern lands in the framebuffer, RGB565 little-endian at the kernel's stride")
    func calibrationIntoTheFramebuffer() throws {
        let board = try FlashPlanTests.board("adafruit-mini-pitft-1.14")
        let geometry = FramebufferGeometry(width: 240, height: 135, lineLength: 512)  // a padded stride
        let path = try Self.framebufferFile(bytes: 512 * 135)
        let display = try BoardDisplay.openFramebuffer(board: board, device: path, geometrySource: ReportedGeometry(reported: geometry))
        let report = try DisplayTestRun.drawCalibration(on: display)
        #expect(report.width == 240 && report.height == 135 && report.bytes == 240 * 135 * 2)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var mismatches = 0
        for y in 0..<135 {
            for x in 0..<240 {
                let word = UInt32(bytes[y * 512 + 2 * x]) | UInt32(bytes[y * 512 + 2 * x + 1]) << 8
                if word != display.framebuffer.word(x: x, y: y) { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
        var expected = Framebuffer(width: 240, height: 135, format: .rgb565)
        try expected.draw(CalibrationPattern.image(width: 240, height: 135))
        #expect(display.framebuffer.pixels == expected.pixels, "the framebuffer holds the calibration pattern")
    }

    @Test("a board without kernel in display.paths has no framebuffer to open")
    func userspaceOnlyBoard() throws {
        let board = try FlashPlanTests.board("generic-ssd1306-i2c")
        #expect(throws: FlashError.self) {
            try BoardDisplay.openFramebuffer(board: board, device: "/dev/null",
                                             geometrySource: ReportedGeometry(reported: FramebufferGeometry(width: 128, height: 64)))
        }
    }
}
