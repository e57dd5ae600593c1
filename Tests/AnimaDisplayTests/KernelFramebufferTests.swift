import AnimaDisplay
import AnimaImage
import Foundation
import Testing

/// The kernel path's facts, from the Linux sources:
/// - drivers/gpu/drm/tiny/panel-mipi-dbi.c: the DRM driver is named "panel-mipi-dbi"; with the default format
///   (r5g6b5, and on device trees without `format`) it calls drm_client_setup_with_fourcc(drm, DRM_FORMAT_RGB565),
///   so the fbdev emulation it creates is 16 bits per pixel, at the panel-timing width × height the overlay gave.
/// - drivers/gpu/drm/drm_fb_helper.c drm_fb_helper_fill_info: line_length is the DRM framebuffer's pitch, width × 2
///   for RGB565 dumb buffers.
/// - include/uapi/drm/drm_fourcc.h: DRM_FORMAT_RGB565 is "[15:0] R:G:B 5:6:5 little endian".
@Suite("Kernel path: the framebuffer's geometry, and writing changed spans")
struct KernelFramebufferTests {
    @Test("FBIOGET_*SCREENINFO on something that is not a framebuffer fails naming the device")
    func ioctlOnAPlainFile() throws {
        let path = temporaryPath("not-an-fb")
        try Data(count: 16).write(to: URL(fileURLWithPath: path))
        do {
            _ = try KernelFramebufferGeometry().geometry(device: path)
            Issue.record("a plain file reported a framebuffer geometry")
        } catch {
            #expect(error.description.hasPrefix("display configuration field 'framebuffer': \(path): FBIOGET_VSCREENINFO/FBIOGET_FSCREENINFO failed ("),
                    "\(error)")
        }
    }

    @Test("the first update writes the whole frame; later ones only the changed spans, little-endian RGB565 at line_length")
    func changedSpansOnly() throws {
        let geometry = FramebufferGeometry(width: 240, height: 240)  // the kernel's pitch: 480 bytes
        #expect(geometry.lineLength == 480)
        let path = FramebufferDeviceTests.file(geometry)
        let display = FramebufferDisplay(device: try FramebufferDevice(path: path, geometry: geometry))
        try display.initialize()
        display.framebuffer.fill(with: RGB(0, 0, 255))
        let first = try display.update()
        #expect(first.fullFrame && first.bytes == 240 * 240 * 2)
        var expected = [UInt8](repeating: 0, count: 240 * 480)
        for index in stride(from: 0, to: expected.count, by: 2) { expected[index] = 0x1F }  // 0x001F, low byte first
        #expect(GlassModelTests.readAll(path) == expected)

        display.framebuffer.set(x: 10, y: 3, to: RGB(255, 0, 0))     // 0xF800
        display.framebuffer.set(x: 200, y: 100, to: RGB(0, 255, 0))  // 0x07E0
        display.framebuffer.set(x: 5, y: 5, to: RGB(0, 0, 255))      // unchanged: not written again
        let second = try display.update()
        #expect(!second.fullFrame && second.windows == 2 && second.bytes == 4)
        expected[3 * 480 + 20] = 0x00; expected[3 * 480 + 21] = 0xF8
        expected[100 * 480 + 400] = 0xE0; expected[100 * 480 + 401] = 0x07
        #expect(GlassModelTests.readAll(path) == expected)
        #expect(try display.update() == UpdateStatistics(), "nothing drawn, nothing written")
    }
}
