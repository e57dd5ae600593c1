import AnimaHAL

/// `BoardHardware` on a Raspberry Pi: libgpiod lines found by chip label, spidev, i2c-dev and sysfs PWM,
/// through the HAL's Linux implementations. On a machine without the devices every open fails with the HAL's
/// message (which node is missing and how to enable it), which `anima flash --test-pattern` passes on.
public final class LinuxBoardHardware: BoardHardware {
    public let delay: any Delay = SystemDelay()
    private let locator: GPIOChipLocator
    private let pwmLocator: PWMChipLocator
    /// Chips opened so far, by the label list that found them; lines keep their chip open anyway.
    private var chips: [[String]: GPIOChip] = [:]

    public init(devDirectory: String = "/dev", sysfsRoot: String = "/sys") {
        locator = GPIOChipLocator(devDirectory: devDirectory)
        pwmLocator = PWMChipLocator(sysfsRoot: sysfsRoot)
    }

    public func spiDevice(path: String, configuration: SPIConfiguration) throws(HALError) -> any SPIDevice {
        try LinuxSPIDevice(path: path, configuration: configuration)
    }

    public func i2cDevice(bus: Int, address: UInt16) throws(HALError) -> any I2CDevice {
        try LinuxI2CDevice(bus: bus, address: address)
    }

    public func gpioOutput(chipLabels: [String], line: Int, activeLow: Bool, consumer: String) throws(HALError) -> any GPIOOutput {
        let chip: GPIOChip
        if let open = chips[chipLabels] {
            chip = open
        } else {
            chip = try locator.open(chipLabels.map(GPIOChipSelector.label))
            chips[chipLabels] = chip
        }
        let output = try chip.output(line: UInt32(line), initial: activeLow)
        return activeLow ? ActiveLowOutput(output) : output
    }

    public func pwmChannel(gpio: Int, chip: Int, channel: Int) throws(HALError) -> any PWMChannel {
        let location = pwmLocator.location(forGPIO: gpio)
        return try LinuxPWMChannel(
            chip: location?.chip ?? chip, channel: location?.channel ?? channel, sysfsRoot: pwmLocator.sysfsRoot)
    }
}

/// An output whose active level is low (an LED or backlight wired to sink current): `set(true)` drives it low.
final class ActiveLowOutput: GPIOOutput {
    private let line: any GPIOOutput
    var name: String { line.name + " (active low)" }

    init(_ line: any GPIOOutput) { self.line = line }

    func set(_ high: Bool) throws(HALError) { try line.set(!high) }
}
