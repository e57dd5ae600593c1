import AnimaHAL
import Foundation
import Testing

/// Stands in for the kernel: the first wait after an export creates the channel directory, as sysfs would.
final class ExportingKernel: Delay, @unchecked Sendable {
    let channelDirectory: String
    private let lock = NSLock()
    private var waitCount = 0

    init(channelDirectory: String) {
        self.channelDirectory = channelDirectory
    }

    var waits: Int { lock.withLock { waitCount } }

    func wait(milliseconds: UInt32) {
        lock.withLock { waitCount += 1 }
        try? FileManager.default.createDirectory(atPath: channelDirectory, withIntermediateDirectories: true)
        for attribute in ["period", "duty_cycle", "enable"] {
            _ = FileManager.default.createFile(atPath: channelDirectory + "/" + attribute, contents: Data())
        }
    }
}

@Suite("Sysfs PWM and the backlight")
struct PWMAndBacklightTests {
    @Test func exportPeriodDutyEnableWrittenExactly() throws {
        let sys = try TemporaryDirectory()
        defer { sys.remove() }
        try sys.file("class/pwm/pwmchip0/export")
        let kernel = ExportingKernel(channelDirectory: sys.path + "/class/pwm/pwmchip0/pwm1")
        let channel = try LinuxPWMChannel(chip: 0, channel: 1, sysfsRoot: sys.path, delay: kernel)
        #expect(try sys.read("class/pwm/pwmchip0/export") == "1\n")
        #expect(kernel.waits == 1)
        #expect(channel.name == "pwmchip0/pwm1")

        try channel.enable(periodNanoseconds: 1_000_000)
        #expect(try sys.read("class/pwm/pwmchip0/pwm1/period") == "1000000\n")
        #expect(try sys.read("class/pwm/pwmchip0/pwm1/duty_cycle") == "0\n")
        #expect(try sys.read("class/pwm/pwmchip0/pwm1/enable") == "1\n")

        try channel.setDutyCycle(0.25)
        #expect(try sys.read("class/pwm/pwmchip0/pwm1/duty_cycle") == "250000\n")
        try channel.disable()
        #expect(try sys.read("class/pwm/pwmchip0/pwm1/enable") == "0\n")
    }

    @Test func alreadyExportedChannelIsNotExportedAgain() throws {
        let sys = try TemporaryDirectory()
        defer { sys.remove() }
        try sys.file("class/pwm/pwmchip2/export")
        for attribute in ["period", "duty_cycle", "enable"] { try sys.file("class/pwm/pwmchip2/pwm0/" + attribute) }
        let delay = RecordingDelay()
        _ = try LinuxPWMChannel(chip: 2, channel: 0, sysfsRoot: sys.path, delay: delay)
        #expect(try sys.read("class/pwm/pwmchip2/export") == "")
        #expect(delay.waits.isEmpty)
    }

    @Test func missingChipAndChannelThatNeverAppears() throws {
        let sys = try TemporaryDirectory()
        defer { sys.remove() }
        #expect(halError { try LinuxPWMChannel(chip: 0, channel: 0, sysfsRoot: sys.path, delay: RecordingDelay()) }
            == .deviceMissing(path: sys.path + "/class/pwm/pwmchip0", hint: DeviceAccessAdvice.pwm.missingHint))
        try sys.file("class/pwm/pwmchip0/export")
        let delay = RecordingDelay()
        let error = halError {
            try LinuxPWMChannel(chip: 0, channel: 0, sysfsRoot: sys.path, delay: delay, exportTimeoutMilliseconds: 50)
        }
        guard case let .deviceMissing(path, _) = error else {
            Issue.record("expected deviceMissing, got \(String(describing: error))")
            return
        }
        #expect(path == sys.path + "/class/pwm/pwmchip0/pwm0")
        #expect(delay.waits == [10, 10, 10, 10, 10])
    }

    @Test func dutyCycleOutOfRangeOrBeforeEnableIsRefused() throws {
        let sys = try TemporaryDirectory()
        defer { sys.remove() }
        for attribute in ["period", "duty_cycle", "enable"] { try sys.file("class/pwm/pwmchip0/pwm0/" + attribute) }
        let channel = try LinuxPWMChannel(chip: 0, channel: 0, sysfsRoot: sys.path, delay: RecordingDelay())
        #expect(halError { try channel.setDutyCycle(0.5) } == .invalidArgument(device: "pwmchip0/pwm0", detail: "set a PWM period with enable(periodNanoseconds:) before the duty cycle."))
        try channel.enable(periodNanoseconds: 1000)
        #expect(halError { try channel.setDutyCycle(1.5) } == .invalidArgument(device: "pwmchip0/pwm0", detail: "PWM duty cycle must be within 0…1; got 1.5."))
        #expect(halError { try channel.setDutyCycle(.nan) } != nil)
        #expect(halError { try channel.enable(periodNanoseconds: 0) } != nil)
        #expect(try sys.read("class/pwm/pwmchip0/pwm0/duty_cycle") == "0\n")
    }

    @Test func gpioBacklightSwitches() throws {
        let line = FakeGPIOOutput(name: "pinctrl-bcm2711:26")
        let backlight = Backlight(gpio: line)
        #expect(!backlight.isDimmable)
        try backlight.on()
        try backlight.setBrightness(0.4)
        #expect(backlight.brightness == 1)
        try backlight.off()
        try backlight.setBrightness(0)
        #expect(line.values == [true, true, false, false])
        #expect(halError { try backlight.setBrightness(2) } == .invalidArgument(device: "backlight GPIO pinctrl-bcm2711:26", detail: "backlight brightness must be within 0…1; got 2.0."))

        let activeLow = FakeGPIOOutput(name: "x:1")
        try Backlight(gpio: activeLow, activeHigh: false).on()
        #expect(activeLow.values == [false])
    }

    @Test func pwmBacklightDims() throws {
        let channel = FakePWMChannel()
        let backlight = Backlight(pwm: channel, periodNanoseconds: 2_000_000)
        #expect(backlight.isDimmable)
        try backlight.setBrightness(0.5)
        #expect(channel.isEnabled && channel.periodNanoseconds == 2_000_000)
        try backlight.on()
        try backlight.off()
        #expect(channel.dutyHistory == [0.5, 1, 0])
        #expect(!channel.isEnabled)
        #expect(backlight.brightness == 0)
        #expect(halError { try backlight.setBrightness(.nan) } != nil)
    }

    @Test func pwmBacklightOverSysfs() throws {
        let sys = try TemporaryDirectory()
        defer { sys.remove() }
        for attribute in ["period", "duty_cycle", "enable"] { try sys.file("class/pwm/pwmchip0/pwm1/" + attribute) }
        let backlight = Backlight(pwm: try LinuxPWMChannel(chip: 0, channel: 1, sysfsRoot: sys.path, delay: RecordingDelay()))
        try backlight.setBrightness(0.3)
        #expect(try sys.read("class/pwm/pwmchip0/pwm1/period") == "1000000\n")
        #expect(try sys.read("class/pwm/pwmchip0/pwm1/duty_cycle") == "300000\n")
        #expect(try sys.read("class/pwm/pwmchip0/pwm1/enable") == "1\n")
        try backlight.off()
        #expect(try sys.read("class/pwm/pwmchip0/pwm1/duty_cycle") == "0\n")
        #expect(try sys.read("class/pwm/pwmchip0/pwm1/enable") == "0\n")
    }
}
