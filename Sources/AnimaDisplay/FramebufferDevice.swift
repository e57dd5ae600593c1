import CAnimaLinuxIO

#if canImport(Glibc)
import Glibc
#endif

/// The geometry the kernel reports for a /dev/fb* (FBIOGET_VSCREENINFO xres/yres/bits_per_pixel and
/// FBIOGET_FSCREENINFO line_length). Rows are `lineLength` bytes apart, which may exceed width × 2.
public struct FramebufferGeometry: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var bitsPerPixel: Int
    public var lineLength: Int

    public init(width: Int, height: Int, bitsPerPixel: Int = 16, lineLength: Int? = nil) {
        self.width = width
        self.height = height
        self.bitsPerPixel = bitsPerPixel
        self.lineLength = lineLength ?? width * 2
    }
}

/// The kernel path's output: the panel-mipi-dbi driver owns the bus, we write RGB565 pixels (native little-endian,
/// as the kernel's fbdev emulation stores DRM_FORMAT_RGB565) into its framebuffer, one row span per row of a window.
/// The path may be a real /dev/fbN or a file of lineLength × height bytes (tests). `FramebufferDisplay` decides
/// which windows changed.
public final class FramebufferDevice {
    public let path: String
    public let geometry: FramebufferGeometry
    private let descriptor: Int32
    private let blanking: FramebufferBlanking

    public init(path: String, geometry: FramebufferGeometry, blanking: FramebufferBlanking = .kernel) throws(DisplayError) {
        guard geometry.bitsPerPixel == 16, geometry.width > 0, geometry.height > 0, geometry.lineLength >= geometry.width * 2 else {
            throw .invalidConfiguration(
                field: "framebuffer",
                detail: "\(path) reports \(geometry.width)×\(geometry.height) at \(geometry.bitsPerPixel) bpp, line \(geometry.lineLength) bytes; the kernel path needs 16 bpp (RGB565) and a line of at least width × 2 bytes")
        }
        self.path = path
        self.geometry = geometry
        self.blanking = blanking
        descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .file(path: path, operation: "open framebuffer", errno: errno) }
    }

    deinit { close(descriptor) }

    /// Powers the panel down (`true`) or up again (FBIOBLANK). Under DRM's fbdev emulation FB_BLANK_POWERDOWN turns
    /// the pipe off — panel-mipi-dbi then switches its backlight off — and FB_BLANK_UNBLANK turns it back on, which
    /// re-initialises the controller and flushes the whole framebuffer (kernel drm_fb_helper.c drm_fb_helper_blank,
    /// drm_mipi_dbi.c mipi_dbi_pipe_disable, panel-mipi-dbi.c panel_mipi_dbi_enable). A file standing in for the
    /// device, or a driver without blanking, answers ENOTTY or EINVAL (and qemu-user, which does not know FBIOBLANK,
    /// ENOSYS): there is nothing to switch, so that is no error.
    public func blank(_ off: Bool) throws(DisplayError) {
        let result = blanking.request(descriptor, off ? FramebufferBlanking.powerDown : FramebufferBlanking.unblank)
        guard result < 0, ![ENOTTY, EINVAL, ENOSYS].contains(-result) else { return }
        throw .file(path: path, operation: off ? "power the panel down (FBIOBLANK)" : "power the panel up (FBIOBLANK)", errno: -result)
    }

    /// Writes the framebuffer's damaged rectangle (or all of it with `full`), row by row at the kernel's stride.
    /// Returns the pixel bytes written.
    @discardableResult
    public func write(_ framebuffer: Framebuffer, full: Bool = false) throws(DisplayError) -> Int {
        let region = full ? Window(x: 0, y: 0, width: geometry.width, height: geometry.height) : framebuffer.damage
        guard let region else { return 0 }
        return try write(region, of: framebuffer)
    }

    /// Writes one window of the framebuffer, one `pwrite` per row at the kernel's stride. Returns the bytes written.
    @discardableResult
    public func write(_ region: Window, of framebuffer: Framebuffer) throws(DisplayError) -> Int {
        guard framebuffer.width == geometry.width, framebuffer.height == geometry.height, framebuffer.format == .rgb565 else {
            throw .sizeMismatch(
                expected: "\(geometry.width)×\(geometry.height) rgb565 (\(path))",
                got: "\(framebuffer.width)×\(framebuffer.height) \(framebuffer.format.rawValue)")
        }
        var total = 0
        var row = [UInt8](repeating: 0, count: region.width * 2)
        for y in region.y..<(region.y + region.height) {
            for i in 0..<region.width {
                let word = framebuffer.word(x: region.x + i, y: y)
                row[2 * i] = UInt8(word & 0xFF)
                row[2 * i + 1] = UInt8((word >> 8) & 0xFF)
            }
            let offset = off_t(y * geometry.lineLength + region.x * 2)
            let written = row.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, offset) }
            guard written == row.count else { throw .file(path: path, operation: "write framebuffer row \(y)", errno: errno) }
            total += written
        }
        return total
    }
}
