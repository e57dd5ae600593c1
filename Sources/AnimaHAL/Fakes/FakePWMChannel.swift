/// A PWM channel that keeps the state sysfs would hold and refuses what sysfs would refuse.
public final class FakePWMChannel: PWMChannel {
    public let name: String
    public private(set) var periodNanoseconds: UInt64?
    public private(set) var dutyCycle: Double = 0
    public private(set) var isEnabled = false
    /// Every duty cycle set, in order.
    public private(set) var dutyHistory: [Double] = []
    public let log: HardwareEventLog?

    public init(name: String = "fake-pwm0", log: HardwareEventLog? = nil) {
        self.name = name
        self.log = log
    }

    public func enable(periodNanoseconds: UInt64) throws(HALError) {
        try PWMDuty.checkPeriod(periodNanoseconds, channel: name)
        self.periodNanoseconds = periodNanoseconds
        isEnabled = true
    }

    public func setDutyCycle(_ fraction: Double) throws(HALError) {
        guard let period = periodNanoseconds else { throw PWMDuty.notEnabled(channel: name) }
        _ = try PWMDuty.nanoseconds(fraction, period: period, channel: name)
        dutyCycle = fraction
        dutyHistory.append(fraction)
        log?.append(.pwm(channel: name, dutyCycle: fraction))
    }

    public func disable() throws(HALError) {
        isEnabled = false
    }
}
