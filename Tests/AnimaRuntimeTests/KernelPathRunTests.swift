import AnimaBoards
import AnimaDisplay
import AnimaImage
import Foundation
import Logging
import Testing

@testable import AnimaRuntime

/// `anima run` with display_path = kernel (as `anima flash --path kernel` records it) on a virtual clock: the creature
/// draws into the framebuffer panel-mipi-dbi would create — here a file with the geometry the kernel reports for the
/// BrainCraft overlay (240×240, 16 bpp RGB565 little-endian, line_length 480: panel-mipi-dbi.c sets up its fbdev with
/// DRM_FORMAT_RGB565; drm_fourcc.h defines it little-endian; the pitch is width × 2).
@Suite("anima run on the kernel display path")
struct KernelPathRunTests {
    struct ReportedGeometry: FramebufferGeometrySource {
        let reported: FramebufferGeometry
        func geometry(device: String) throws(DisplayError) -> FramebufferGeometry { reported }
    }

    static let boardsDirectory: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/boards"
    }()

    @Test("the run's last frame is in the framebuffer file, byte for byte the picture --snapshot wrote")
    func runWritesTheFrameIntoTheFramebuffer() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-run-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let framebufferPath = directory + "/fb1", snapshot = directory + "/out.png"
        try Data(count: 240 * 480).write(to: URL(fileURLWithPath: framebufferPath))

        let configuration = try RuntimeConfiguration(file: nil, environment: [:], flags: [
            "board": "adafruit-braincraft-hat", "boards_dir": Self.boardsDirectory, "display_path": "kernel",
            "framebuffer": framebufferPath, "data_dir": directory + "/data", "anima_source": "0.41,0.82,0.89,0.83",
        ])
        var options = RunOptions(configuration: configuration, clockStep: 1, marks: 300, seed: 7, snapshotPath: snapshot)
        options.framebufferGeometry = ReportedGeometry(reported: FramebufferGeometry(width: 240, height: 240, lineLength: 480))
        let runtime = try CreatureRuntime(options: options, shutdown: ShutdownSignal(signals: []), logger: Logger(label: "kernel-path-test"))
        #expect(runtime.run() == 0)

        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: framebufferPath)))
        #expect(bytes.count == 240 * 480, "the file keeps the kernel's size")
        var shown = RGBImage(width: 240, height: 240)
        for y in 0..<240 {
            for x in 0..<240 {
                let offset = y * 480 + x * 2
                shown[x, y] = PixelFormat.rgb565.unpack(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8)
            }
        }
        let written = [UInt8](try Data(contentsOf: URL(fileURLWithPath: snapshot)))
        #expect(PNGEncoder.encode(shown) == written, "the framebuffer file differs from the run's final frame")
        #expect(Set(bytes).count > 2, "the creature drew something")
    }

    @Test("display_path kernel on a board without kernel in display.paths stops at start, naming file, field and fix")
    func kernelPathRefusedForUserspaceOnlyBoard() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kernel-refused-\(UUID().uuidString)").path
        let configuration = try RuntimeConfiguration(file: nil, environment: [:], flags: [
            "board": "generic-ssd1306-i2c", "boards_dir": Self.boardsDirectory, "display_path": "kernel", "data_dir": directory,
        ])
        do {
            _ = try CreatureRuntime(options: RunOptions(configuration: configuration), shutdown: ShutdownSignal(signals: []),
                                    logger: Logger(label: "kernel-path-test"))
            Issue.record("the runtime started")
        } catch {
            #expect(error.isConfiguration)
            #expect(error.description == "\(Self.boardsDirectory)/generic-ssd1306-i2c.yaml: display.paths lists userspace only, but display_path "
                + "is kernel (from flag --display-path); set display_path = \"userspace\" (or --display-path userspace) and flash with --path userspace.")
        }
        #expect(!FileManager.default.fileExists(atPath: directory), "nothing created")
    }
}
