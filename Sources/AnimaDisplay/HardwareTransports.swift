import AnimaHAL

/// The backlight a board wires: an on/off GPIO line or a PWM channel.
public enum DisplayBacklight {
    case gpio(any GPIOOutput)
    /// A PWM channel at the board's frequency (period in ns); `activeLow` panels light when the output is low, so
    /// the duty cycle is inverted (sysfs polarity is not settable on every Pi PWM driver, the duty always is).
    case pwm(any PWMChannel, periodNanoseconds: UInt64 = 1_000_000, activeLow: Bool = false)
}

/// MIPI DBI type C (4-wire SPI): D/C low for a command byte, high for its parameters and pixels. Also drives an
/// SSD1306 wired to SPI, which uses D/C the same way. D/C is only toggled when it changes. Parameters go at the
/// command speed if the SPI configuration names one; RAMWR pixel data at the full pixel speed.
public final class SPIDisplayTransport: DisplayTransport {
    public let spi: any SPIDevice
    public let dataCommand: any GPIOOutput
    public let resetLine: (any GPIOOutput)?
    public let backlight: DisplayBacklight?
    public let delay: any Delay

    private var dataCommandHigh: Bool?
    private var lastCommand: UInt8?
    private var pwmEnabled = false

    public init(
        spi: any SPIDevice, dataCommand: any GPIOOutput, reset: (any GPIOOutput)? = nil,
        backlight: DisplayBacklight? = nil, delay: any Delay
    ) {
        self.spi = spi
        self.dataCommand = dataCommand
        self.resetLine = reset
        self.backlight = backlight
        self.delay = delay
    }

    public func command(_ bytes: [UInt8]) throws(DisplayError) {
        try setDataCommand(false)
        try hardware { () throws(HALError) in try spi.write(bytes, speedHz: spi.requested.commandSpeedHz) }
        lastCommand = bytes.last
    }

    public func data(_ bytes: [UInt8]) throws(DisplayError) {
        try setDataCommand(true)
        let speed = lastCommand == DCS.memoryWrite ? nil : spi.requested.commandSpeedHz
        try hardware { () throws(HALError) in try spi.write(bytes, speedHz: speed) }
    }

    public func wait(milliseconds: UInt32) throws(DisplayError) { delay.wait(milliseconds: milliseconds) }

    public func setLine(_ role: DisplayLine, to value: Int) throws(DisplayError) {
        try applyLine(role, value, reset: resetLine, backlight: backlight, pwmEnabled: &pwmEnabled)
    }

    public func endFrame(_ number: UInt32) throws(DisplayError) {}

    private func setDataCommand(_ high: Bool) throws(DisplayError) {
        guard dataCommandHigh != high else { return }
        try hardware { () throws(HALError) in try dataCommand.set(high) }
        dataCommandHigh = high
    }
}

/// SSD1306 over I2C: each write is one I2C_RDWR message, control byte 0x00 before commands, 0x40 before data.
public final class I2CDisplayTransport: DisplayTransport {
    public let device: any I2CDevice
    public let resetLine: (any GPIOOutput)?
    public let delay: any Delay
    private var pwmEnabled = false

    public static let commandControlByte: UInt8 = 0x00
    public static let dataControlByte: UInt8 = 0x40

    public init(device: any I2CDevice, reset: (any GPIOOutput)? = nil, delay: any Delay) {
        self.device = device
        self.resetLine = reset
        self.delay = delay
    }

    public func command(_ bytes: [UInt8]) throws(DisplayError) {
        try hardware { () throws(HALError) in try device.write([Self.commandControlByte] + bytes) }
    }

    public func data(_ bytes: [UInt8]) throws(DisplayError) {
        try hardware { () throws(HALError) in try device.write([Self.dataControlByte] + bytes) }
    }

    public func wait(milliseconds: UInt32) throws(DisplayError) { delay.wait(milliseconds: milliseconds) }

    public func setLine(_ role: DisplayLine, to value: Int) throws(DisplayError) {
        try applyLine(role, value, reset: resetLine, backlight: nil, pwmEnabled: &pwmEnabled)
    }

    public func endFrame(_ number: UInt32) throws(DisplayError) {}
}

/// Runs a HAL call, wrapping its error for the display layer.
func hardware(_ body: () throws(HALError) -> Void) throws(DisplayError) {
    do { try body() } catch { throw .hardware(error) }
}

/// Shared control-line handling: lines a board does not wire are ignored (a board without a reset pin still gets
/// the same init sequence). A GPIO backlight treats any PWM level above 0 as on; a PWM one maps on/off to 100%/0%.
func applyLine(
    _ role: DisplayLine, _ value: Int, reset: (any GPIOOutput)?, backlight: DisplayBacklight?, pwmEnabled: inout Bool
) throws(DisplayError) {
    switch role {
    case .reset:
        if let reset { try hardware { () throws(HALError) in try reset.set(value != 0) } }
    case .backlight, .backlightPWM:
        guard let backlight else { return }
        let fraction = role == .backlight ? (value != 0 ? 1.0 : 0.0) : Double(min(max(value, 0), 255)) / 255
        switch backlight {
        case let .gpio(line):
            try hardware { () throws(HALError) in try line.set(fraction > 0) }
        case let .pwm(channel, period, activeLow):
            if !pwmEnabled {
                try hardware { () throws(HALError) in try channel.enable(periodNanoseconds: period) }
                pwmEnabled = true
            }
            let duty = activeLow ? 1 - fraction : fraction
            try hardware { () throws(HALError) in try channel.setDutyCycle(duty) }
        }
    }
}
