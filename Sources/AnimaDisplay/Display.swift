/// The display pipeline: a configuration, a transport and the framebuffer the caller draws into.
///
/// `initialize()` resets the controller and sends its init sequence with this configuration's MADCTL, COLMOD and
/// inversion; each `update()` sends only what changed since the last one (the first sends the whole frame).
/// Not thread-safe: one owner (the run loop) draws and updates.
public final class Display {
    public let configuration: PanelConfiguration
    public let transport: any DisplayTransport
    /// Whether the board wires the controller's reset pin (a GPIO pulse precedes the init sequence).
    public let hardwareReset: Bool
    /// Unchanged gaps up to this many pixels are re-sent rather than re-addressed.
    public var mergeGap = SpanDiff.defaultMergeGap
    /// What the caller draws into, at the logical (rotated) size. Replacing it with one of another size or format
    /// makes `update()` throw `sizeMismatch` rather than send garbage.
    public var framebuffer: Framebuffer
    public private(set) var lastUpdate = UpdateStatistics()
    public private(set) var frameNumber: UInt32 = 0

    /// What the panel holds: pixel words (DBI) or page bytes (SSD1306); nil until the first full frame.
    private var shadow: [UInt32]?
    private var windowWriter = DBIWindowWriter()

    public init(configuration: PanelConfiguration, transport: any DisplayTransport, hardwareReset: Bool = false) throws(DisplayError) {
        try configuration.validate()
        self.configuration = configuration
        self.transport = transport
        self.hardwareReset = hardwareReset
        self.framebuffer = Framebuffer(
            width: configuration.logicalWidth, height: configuration.logicalHeight, format: configuration.pixelFormat)
    }

    /// Reset pulse (if wired), the init sequence, then the backlight on.
    public func initialize() throws(DisplayError) {
        if hardwareReset {
            let timing = configuration.controller.resetTiming
            try transport.setLine(.reset, to: 0)
            try transport.wait(milliseconds: timing.pulseMilliseconds)
            try transport.setLine(.reset, to: 1)
            try transport.wait(milliseconds: timing.readyMilliseconds)
        }
        try send(configuration.resolvedInitSequence())
        try transport.setLine(.backlight, to: 1)
        forgetPanelState()
    }

    /// Sends the controller's sleep sequence and switches the backlight off.
    public func sleep() throws(DisplayError) {
        try transport.setLine(.backlight, to: 0)
        try send(configuration.resolve(configuration.controller.sleepSequence))
    }

    /// Wakes the controller; the next update re-sends the whole frame (some glasses lose RAM in sleep).
    public func wake() throws(DisplayError) {
        try send(configuration.resolve(configuration.controller.wakeSequence))
        try transport.setLine(.backlight, to: 1)
        forgetPanelState()
    }

    /// Brightness in [0, 1]: 0 and 1 switch the backlight line; values between drive its PWM (0…255).
    public func setBacklight(_ level: Double) throws(DisplayError) {
        let clamped = min(max(level, 0), 1)
        if clamped == 0 || clamped == 1 {
            try transport.setLine(.backlight, to: Int(clamped))
        } else {
            try transport.setLine(.backlightPWM, to: Int((clamped * 255).rounded()))
        }
    }

    /// Sends what changed since the last update and returns what it cost. Nothing drawn → nothing sent.
    @discardableResult
    public func update() throws(DisplayError) -> UpdateStatistics {
        guard framebuffer.width == configuration.logicalWidth, framebuffer.height == configuration.logicalHeight,
              framebuffer.format == configuration.pixelFormat else {
            throw .sizeMismatch(
                expected: "\(configuration.logicalWidth)×\(configuration.logicalHeight) \(configuration.pixelFormat.rawValue)",
                got: "\(framebuffer.width)×\(framebuffer.height) \(framebuffer.format.rawValue)")
        }
        var statistics = UpdateStatistics()
        if configuration.controller.isMonochrome {
            try updatePages(&statistics)
        } else {
            try updatePixels(&statistics)
        }
        framebuffer.clearDamage()
        if statistics.bytes > 0 {
            frameNumber &+= 1
            try transport.endFrame(frameNumber)
        }
        lastUpdate = statistics
        return statistics
    }

    private func updatePixels(_ statistics: inout UpdateStatistics) throws(DisplayError) {
        let full = Window(x: 0, y: 0, width: framebuffer.width, height: framebuffer.height)
        let offset = configuration.windowOffset
        var windows: [Window]
        if let shadow {
            guard let damage = framebuffer.damage else { return }
            windows = SpanDiff.windows(
                current: framebuffer.pixels, previous: shadow, width: framebuffer.width, region: damage, mergeGap: mergeGap)
            let format = framebuffer.format
            let cost = windows.reduce(0) { $0 + DBIWindowWriter.cost(of: $1, format: format) }
            if cost >= DBIWindowWriter.cost(of: full, format: format) { windows = [full] }
        } else {
            windows = [full]
        }
        statistics.fullFrame = windows == [full]
        for window in windows {
            try windowWriter.write(window, of: framebuffer, offset: offset, to: transport, statistics: &statistics)
        }
        shadow = framebuffer.pixels
    }

    private func updatePages(_ statistics: inout UpdateStatistics) throws(DisplayError) {
        let pageCount = configuration.height / 8
        let full = Window(x: 0, y: 0, width: configuration.width, height: pageCount)
        if shadow != nil && framebuffer.damage == nil { return }
        let pages = PageWindowWriter.pages(of: framebuffer, configuration: configuration)
        var windows: [Window]
        if let shadow {
            windows = SpanDiff.windows(current: pages, previous: shadow, width: configuration.width, region: full, mergeGap: mergeGap)
            let cost = windows.reduce(0) { $0 + PageWindowWriter.cost(of: $1) }
            if cost >= PageWindowWriter.cost(of: full) { windows = [full] }
        } else {
            windows = [full]
        }
        statistics.fullFrame = windows == [full]
        for window in windows {
            try PageWindowWriter.write(window, pages: pages, configuration: configuration, to: transport, statistics: &statistics)
        }
        shadow = pages
    }

    private func send(_ steps: [ResolvedStep]) throws(DisplayError) {
        let monochrome = configuration.controller.isMonochrome
        for step in steps {
            switch step {
            case let .command(code, parameters):
                if monochrome {
                    try transport.command([code] + parameters)
                } else {
                    try transport.command([code])
                    if !parameters.isEmpty { try transport.data(parameters) }
                }
            case let .wait(milliseconds):
                try transport.wait(milliseconds: milliseconds)
            }
        }
    }

    /// After init or wake the controller's window and RAM are unknown: address again and send a full frame.
    private func forgetPanelState() {
        shadow = nil
        windowWriter = DBIWindowWriter()
        framebuffer.markDamaged(Window(x: 0, y: 0, width: framebuffer.width, height: framebuffer.height))
    }
}
