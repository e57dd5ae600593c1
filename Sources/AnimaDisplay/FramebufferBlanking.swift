import CAnimaLinuxIO

/// How a `FramebufferDevice` switches its panel off and on: the FBIOBLANK ioctl on the device, or a stand-in for tests
/// (no framebuffer device exists here). `request` gets the open descriptor and an FB_BLANK_* mode and answers 0 or -errno.
public struct FramebufferBlanking: Sendable {
    /// FB_BLANK_UNBLANK and FB_BLANK_POWERDOWN from linux/fb.h.
    public static let unblank: Int32 = 0
    public static let powerDown: Int32 = 4

    public let request: @Sendable (_ descriptor: Int32, _ mode: Int32) -> Int32

    public init(request: @escaping @Sendable (_ descriptor: Int32, _ mode: Int32) -> Int32) {
        self.request = request
    }

    public static let kernel = FramebufferBlanking { descriptor, mode in anima_fb_blank(descriptor, mode) }
}
