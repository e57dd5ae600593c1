/// The kernel path's surface: the panel-mipi-dbi driver initialised the controller (our .bin, MADCTL for the flashed
/// rotation baked in) and owns the bus, backlight and reset; this writes only the changed spans of each update into
/// its framebuffer, found by the same span diff as the userspace path, so the kernel flushes just those rows.
public final class FramebufferDisplay: DisplaySurface {
    public let device: FramebufferDevice
    public var framebuffer: Framebuffer
    public var mergeGap = SpanDiff.defaultMergeGap
    /// What the framebuffer device holds; nil until the first full frame.
    private var shadow: [UInt32]?

    public init(device: FramebufferDevice) {
        self.device = device
        framebuffer = Framebuffer(width: device.geometry.width, height: device.geometry.height, format: .rgb565)
    }

    /// Nothing to send: the kernel ran the init sequence when it bound the panel. Powers it up in case the last run
    /// left it powered down; the next update is a full frame.
    public func initialize() throws(DisplayError) {
        try device.blank(false)
        shadow = nil
    }

    @discardableResult
    public func update() throws(DisplayError) -> UpdateStatistics {
        let full = Window(x: 0, y: 0, width: framebuffer.width, height: framebuffer.height)
        var windows = [full]
        if let shadow {
            guard let damage = framebuffer.damage else { return UpdateStatistics() }
            windows = SpanDiff.windows(
                current: framebuffer.pixels, previous: shadow, width: framebuffer.width, region: damage, mergeGap: mergeGap)
        }
        var statistics = UpdateStatistics()
        statistics.fullFrame = windows == [full]
        for window in windows {
            statistics.bytes += try device.write(window, of: framebuffer)
            statistics.windows += 1
        }
        shadow = framebuffer.pixels
        framebuffer.clearDamage()
        return statistics
    }

    /// The kernel owns the backlight GPIO (the overlay's backlight-gpio); it is on while the display is enabled.
    public func setBacklight(_ level: Double) throws(DisplayError) {}

    /// Powers the panel down through the kernel (backlight off, as on the userspace path); the framebuffer keeps the
    /// picture, which the next `initialize` brings back.
    public func sleep() throws(DisplayError) {
        try device.blank(true)
    }
}
