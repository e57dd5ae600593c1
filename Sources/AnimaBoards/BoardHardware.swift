import AnimaHAL

/// Opens the devices a board names. The HAL's Linux implementation (libgpiod, spidev, i2c-dev, sysfs PWM)
/// conforms on a Pi; tests pass fakes. Kept as a protocol here so the boards layer depends only on the HAL's
/// stable contracts (Sources/AnimaHAL/Protocols.swift), not on which implementation a binary links.
public protocol BoardHardware {
    func spiDevice(path: String, configuration: SPIConfiguration) throws(HALError) -> any SPIDevice
    func i2cDevice(bus: Int, address: UInt16) throws(HALError) -> any I2CDevice
    /// An output line, looked up on the first chip in `chipLabels` that exists (Pi 4 label, then Pi 5).
    /// `activeLow` lines are inverted by the implementation, so `set(true)` always means "active".
    func gpioOutput(chipLabels: [String], line: Int, activeLow: Bool, consumer: String) throws(HALError) -> any GPIOOutput
    /// The PWM channel that drives header pin `gpio`: found by its controller where the machine's one is recognised
    /// (the Pi 4's BCM2835 PWM, the Pi 5's RP1), else the board file's `chip` and `channel`.
    func pwmChannel(gpio: Int, chip: Int, channel: Int) throws(HALError) -> any PWMChannel
    var delay: any Delay { get }
    /// Something the person should know that does not stop the display (a missing PWM chip). Default: stderr.
    func warn(_ message: String)
}

#if canImport(Glibc)
import Glibc
#endif

extension BoardHardware {
    public func warn(_ message: String) {
        let line = Array("warning: \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
