/// What hardware this machine exposes, for `anima doctor`-style output: read-only, never requests a line.
public struct HardwareReport: Sendable, Equatable, CustomStringConvertible {
    public var gpioChips: [GPIOChipInfo]
    /// gpiochip nodes that exist but could not be opened (usually permissions).
    public var unavailableGPIOChips: [GPIOChipUnavailable]
    /// /dev/spidevB.C nodes.
    public var spiDevices: [String]
    /// /dev/i2c-N nodes.
    public var i2cDevices: [String]
    /// /sys/class/pwm/pwmchipN directories.
    public var pwmChips: [String]
    /// spidev's per-ioctl limit; nil when unreadable (4096 is then assumed).
    public var spidevBufsiz: Int?

    public init(
        gpioChips: [GPIOChipInfo], unavailableGPIOChips: [GPIOChipUnavailable], spiDevices: [String],
        i2cDevices: [String], pwmChips: [String], spidevBufsiz: Int?
    ) {
        self.gpioChips = gpioChips
        self.unavailableGPIOChips = unavailableGPIOChips
        self.spiDevices = spiDevices
        self.i2cDevices = i2cDevices
        self.pwmChips = pwmChips
        self.spidevBufsiz = spidevBufsiz
    }

    /// One line per fact, with the fix when something is missing.
    public var lines: [String] {
        var lines: [String] = []
        if gpioChips.isEmpty && unavailableGPIOChips.isEmpty {
            lines.append("GPIO chips: none (no GPIO character devices; not a Raspberry Pi?)")
        } else {
            lines.append("GPIO chips: " + (gpioChips.map(\.description) + unavailableGPIOChips.map(\.description)).joined(separator: "; "))
        }
        lines.append(
            "SPI devices: "
                + (spiDevices.isEmpty ? "none (enable with `dtparam=spi=on` in /boot/firmware/config.txt)" : spiDevices.joined(separator: ", ")))
        if let bufsiz = spidevBufsiz {
            let advice = bufsiz < 65536 ? " (raise with `spidev.bufsiz=65536` on the kernel command line)" : ""
            lines.append("spidev bufsiz: \(bufsiz) bytes per ioctl\(advice)")
        } else {
            lines.append("spidev bufsiz: unknown (spidev not loaded); \(SpidevBufferSize.kernelDefault) assumed")
        }
        lines.append(
            "I2C buses: "
                + (i2cDevices.isEmpty ? "none (enable with `dtparam=i2c_arm=on` in /boot/firmware/config.txt)" : i2cDevices.joined(separator: ", ")))
        lines.append(
            "PWM chips: " + (pwmChips.isEmpty ? "none (load a PWM overlay, e.g. `dtoverlay=pwm,pin=18,func=2`)" : pwmChips.joined(separator: ", ")))
        return lines
    }

    public var description: String { lines.joined(separator: "\n") }
}

/// Looks at /dev and /sys (both injectable, so a test can hand it a fake tree).
public struct HardwareProbe: Sendable {
    public var devDirectory: String
    public var sysfsRoot: String

    public init(devDirectory: String = "/dev", sysfsRoot: String = "/sys") {
        self.devDirectory = devDirectory
        self.sysfsRoot = sysfsRoot
    }

    public func probe() -> HardwareReport {
        let devEntries = PosixFiles.entries(of: devDirectory)
        let gpio = GPIOChipLocator(devDirectory: devDirectory).scan()
        return HardwareReport(
            gpioChips: gpio.chips,
            unavailableGPIOChips: gpio.unavailable,
            spiDevices: devEntries.filter { $0.hasPrefix("spidev") }.map { devDirectory + "/" + $0 },
            i2cDevices: devEntries.filter { $0.hasPrefix("i2c-") }.map { devDirectory + "/" + $0 },
            pwmChips: PosixFiles.entries(of: sysfsRoot + "/class/pwm").filter { $0.hasPrefix("pwmchip") },
            spidevBufsiz: SpidevBufferSize.read(from: sysfsRoot + "/module/spidev/parameters/bufsiz"))
    }
}
