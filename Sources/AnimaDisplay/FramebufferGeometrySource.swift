/// Where the kernel path learns a framebuffer's geometry. On a Pi, `KernelFramebufferGeometry` asks the device with
/// the FBIOGET ioctls; tests report the geometry the kernel would for a file-backed framebuffer.
public protocol FramebufferGeometrySource: Sendable {
    func geometry(device: String) throws(DisplayError) -> FramebufferGeometry
}
