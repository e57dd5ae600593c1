/// The rules sysfs PWM enforces, shared by the Linux channel and the fake: a period above zero, a duty cycle
/// within the period, set only once a period exists.
enum PWMDuty {
    static func checkPeriod(_ period: UInt64, channel: String) throws(HALError) {
        guard period > 0 else {
            throw .invalidArgument(device: channel, detail: "PWM period must be above 0 ns (1000000 ns = 1 kHz suits a backlight).")
        }
    }

    /// The duty cycle in nanoseconds for `fraction` of `period`, rounded to the nearest nanosecond.
    static func nanoseconds(_ fraction: Double, period: UInt64, channel: String) throws(HALError) -> UInt64 {
        guard fraction.isFinite, fraction >= 0, fraction <= 1 else {
            throw .invalidArgument(device: channel, detail: "PWM duty cycle must be within 0…1; got \(fraction).")
        }
        return min(period, UInt64((fraction * Double(period)).rounded()))
    }

    static func notEnabled(channel: String) -> HALError {
        .invalidArgument(device: channel, detail: "set a PWM period with enable(periodNanoseconds:) before the duty cycle.")
    }
}
