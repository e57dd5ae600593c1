/// A display backlight, whichever way the board wires it: a GPIO line (on/off only) or a PWM channel (dimmable).
/// Callers say on, off, or a brightness and need not know which. Owned by one thread.
public final class Backlight {
    /// How the backlight is driven.
    public enum Control {
        /// A GPIO line; `activeHigh` false for boards whose transistor switches on at low.
        case gpio(any GPIOOutput, activeHigh: Bool)
        /// A PWM channel at this period (1 ms = 1 kHz is flicker-free on every panel here).
        case pwm(any PWMChannel, periodNanoseconds: UInt64)
    }

    public let control: Control
    /// The last brightness set (0 when off). A GPIO backlight only takes 0 or 1.
    public private(set) var brightness: Double = 0
    private var pwmEnabled = false

    public init(_ control: Control) {
        self.control = control
    }

    public convenience init(gpio: any GPIOOutput, activeHigh: Bool = true) {
        self.init(.gpio(gpio, activeHigh: activeHigh))
    }

    public convenience init(pwm: any PWMChannel, periodNanoseconds: UInt64 = 1_000_000) {
        self.init(.pwm(pwm, periodNanoseconds: periodNanoseconds))
    }

    /// Whether this backlight can dim.
    public var isDimmable: Bool {
        if case .pwm = control { return true }
        return false
    }

    /// The line or channel, for messages.
    public var deviceName: String {
        switch control {
        case let .gpio(line, _): return "backlight GPIO \(line.name)"
        case let .pwm(channel, _): return "backlight PWM \(channel.name)"
        }
    }

    /// Full brightness.
    public func on() throws(HALError) {
        try setBrightness(1)
    }

    /// Dark; a PWM channel is also disabled so it draws nothing.
    public func off() throws(HALError) {
        switch control {
        case let .gpio(line, activeHigh):
            try line.set(!activeHigh)
        case let .pwm(channel, _):
            if pwmEnabled {
                try channel.setDutyCycle(0)
                try channel.disable()
                pwmEnabled = false
            }
        }
        brightness = 0
    }

    /// Sets brightness in 0…1. A GPIO backlight is on for anything above 0.
    /// - Throws: `.invalidArgument` outside 0…1 (or not a number), naming the line or channel.
    public func setBrightness(_ level: Double) throws(HALError) {
        guard level.isFinite, level >= 0, level <= 1 else {
            throw .invalidArgument(device: deviceName, detail: "backlight brightness must be within 0…1; got \(level).")
        }
        switch control {
        case let .gpio(line, activeHigh):
            try line.set(level > 0 ? activeHigh : !activeHigh)
            brightness = level > 0 ? 1 : 0
        case let .pwm(channel, period):
            guard level > 0 else {
                try off()
                return
            }
            if !pwmEnabled {
                try channel.enable(periodNanoseconds: period)
                pwmEnabled = true
            }
            try channel.setDutyCycle(level)
            brightness = level
        }
    }
}
