/// A sysfs PWM channel: /sys/class/pwm/pwmchipN/pwmM with `period`, `duty_cycle` and `enable` attributes
/// (nanoseconds, written as decimal text). Exported on first use. The sysfs root is a parameter so a test can
/// stand a directory tree in for /sys.
public final class LinuxPWMChannel: PWMChannel {
    public let name: String
    public let chipDirectory: String
    public let channelDirectory: String
    public private(set) var periodNanoseconds: UInt64?

    /// Opens (exporting if needed) channel `channel` of pwmchip`chip`.
    /// - Parameters:
    ///   - delay: used while waiting for the kernel (and udev's permissions) after export.
    ///   - exportTimeoutMilliseconds: how long the channel directory may take to appear.
    /// - Throws: `.deviceMissing` when the chip does not exist (overlay not loaded) or the channel never appears,
    ///   `.permissionDenied` (group gpio on Raspberry Pi OS).
    public init(
        chip: Int, channel: Int, sysfsRoot: String = "/sys", delay: any Delay = SystemDelay(),
        exportTimeoutMilliseconds: UInt32 = 1000
    ) throws(HALError) {
        let chipDirectory = "\(sysfsRoot)/class/pwm/pwmchip\(chip)"
        let channelDirectory = "\(chipDirectory)/pwm\(channel)"
        self.name = "pwmchip\(chip)/pwm\(channel)"
        self.chipDirectory = chipDirectory
        self.channelDirectory = channelDirectory
        guard PosixFiles.exists(chipDirectory) else {
            throw .deviceMissing(path: chipDirectory, hint: DeviceAccessAdvice.pwm.missingHint)
        }
        if !PosixFiles.exists(channelDirectory) {
            try Self.writeAttribute("\(chipDirectory)/export", "\(channel)\n")
            let step: UInt32 = 10
            var waited: UInt32 = 0
            while !PosixFiles.isWritable("\(channelDirectory)/enable") {
                guard waited < exportTimeoutMilliseconds else {
                    throw .deviceMissing(
                        path: channelDirectory,
                        hint: "exported channel \(channel) but it did not appear within \(exportTimeoutMilliseconds) ms; \(DeviceAccessAdvice.pwm.missingHint)")
                }
                delay.wait(milliseconds: step)
                waited += step
            }
        }
    }

    /// Sets the period and turns the output on. The duty cycle goes to 0 first: the kernel refuses a period shorter
    /// than the current duty cycle.
    public func enable(periodNanoseconds: UInt64) throws(HALError) {
        try PWMDuty.checkPeriod(periodNanoseconds, channel: name)
        try Self.writeAttribute("\(channelDirectory)/duty_cycle", "0\n")
        try Self.writeAttribute("\(channelDirectory)/period", "\(periodNanoseconds)\n")
        try Self.writeAttribute("\(channelDirectory)/enable", "1\n")
        self.periodNanoseconds = periodNanoseconds
    }

    public func setDutyCycle(_ fraction: Double) throws(HALError) {
        guard let period = periodNanoseconds else { throw PWMDuty.notEnabled(channel: name) }
        let duty = try PWMDuty.nanoseconds(fraction, period: period, channel: name)
        try Self.writeAttribute("\(channelDirectory)/duty_cycle", "\(duty)\n")
    }

    public func disable() throws(HALError) {
        try Self.writeAttribute("\(channelDirectory)/enable", "0\n")
    }

    private static func writeAttribute(_ path: String, _ text: String) throws(HALError) {
        if case let .failure(failure) = PosixFiles.writeAttribute(path, text) {
            throw HALError.fromErrno(
                failure.code, path: path, operation: "write \(PosixFiles.trimmed(text))", advice: .pwm)
        }
    }
}
