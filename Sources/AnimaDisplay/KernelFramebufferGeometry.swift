import CAnimaLinuxIO

#if canImport(Glibc)
import Glibc
#endif

/// A /dev/fb*'s geometry as the kernel reports it: FBIOGET_VSCREENINFO (xres, yres, bits_per_pixel) and
/// FBIOGET_FSCREENINFO (line_length), through the C shim because the request numbers and structs come from
/// <linux/fb.h>.
public struct KernelFramebufferGeometry: FramebufferGeometrySource {
    public init() {}

    public func geometry(device: String) throws(DisplayError) -> FramebufferGeometry {
        let descriptor = open(device, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .file(path: device, operation: "open framebuffer", errno: errno) }
        defer { close(descriptor) }
        var reported = anima_fb_geometry()
        let result = anima_fb_get_geometry(descriptor, &reported)
        guard result == 0 else {
            throw .invalidConfiguration(
                field: "framebuffer",
                detail: "\(device): FBIOGET_VSCREENINFO/FBIOGET_FSCREENINFO failed (\(String(cString: strerror(-result)))); "
                    + "is it a framebuffer device? `ls /sys/class/graphics` lists them")
        }
        return FramebufferGeometry(
            width: Int(reported.xres), height: Int(reported.yres), bitsPerPixel: Int(reported.bits_per_pixel),
            lineLength: Int(reported.line_length))
    }
}
