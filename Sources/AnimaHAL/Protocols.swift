// The hardware contracts. Each has a Linux implementation (libgpiod, spidev, i2c-dev, sysfs PWM) and an
// in-memory fake with the same behaviour, so everything above the HAL is tested without a Pi.
// Devices are owned by one thread (the display pipeline's); they are not meant to be shared.

/// A GPIO line requested as an output (D/C, reset, backlight, LED clock/data).
public protocol GPIOOutput: AnyObject {
    /// The chip and offset, for messages (e.g. "pinctrl-bcm2711:25").
    var name: String { get }
    func set(_ high: Bool) throws(HALError)
}

/// A GPIO line requested as an input (buttons, joystick).
public protocol GPIOInput: AnyObject {
    var name: String { get }
    func read() throws(HALError) -> Bool
}

/// A change of level on an input line, timestamped by the kernel (CLOCK_MONOTONIC, so clock steps cannot reorder it).
public struct GPIOEdgeEvent: Sendable, Equatable {
    public enum Edge: Sendable, Equatable {
        case rising
        case falling
    }
    public var edge: Edge
    public var timestampNanoseconds: UInt64

    public init(edge: Edge, timestampNanoseconds: UInt64) {
        self.edge = edge
        self.timestampNanoseconds = timestampNanoseconds
    }
}

/// An input line requested for edge events on both edges (buttons, joystick): the kernel queues each change, so a
/// press shorter than a poll interval is not missed. Debouncing is the caller's (see the input module).
public protocol GPIOEdgeInput: AnyObject {
    var name: String { get }
    /// The current level.
    func read() throws(HALError) -> Bool
    /// Waits at most `timeoutMilliseconds` (0 = do not wait) for events and returns every pending one, oldest
    /// first; empty when none arrived in time.
    func waitForEvents(timeoutMilliseconds: Int) throws(HALError) -> [GPIOEdgeEvent]
}

/// SPI settings asked of the kernel; the kernel may round the speed down.
public struct SPIConfiguration: Sendable, Equatable {
    public var mode: UInt8
    public var bitsPerWord: UInt8
    public var speedHz: UInt32
    /// Optional slower clock for commands and parameters (pixels use `speedHz`).
    public var commandSpeedHz: UInt32?

    public init(mode: UInt8 = 0, bitsPerWord: UInt8 = 8, speedHz: UInt32, commandSpeedHz: UInt32? = nil) {
        self.mode = mode
        self.bitsPerWord = bitsPerWord
        self.speedHz = speedHz
        self.commandSpeedHz = commandSpeedHz
    }
}

/// An SPI device (spidev): writes are chunked to what one ioctl may carry, in order.
public protocol SPIDevice: AnyObject {
    var path: String { get }
    var requested: SPIConfiguration { get }
    /// The speed the driver reported back after configuration.
    var effectiveSpeedHz: UInt32 { get }
    /// Sends the bytes; `speedHz` nil means the pixel speed.
    func write(_ bytes: [UInt8], speedHz: UInt32?) throws(HALError)
}

/// An I2C device at one address (i2c-dev, I2C_RDWR). Every message carries at least one byte: i2c-bcm2835 (Pi 3, Zero
/// 2 W) times out on a zero-length one, so a read with nothing to write first is `read(count:)`, never `writeRead([], …)`.
public protocol I2CDevice: AnyObject {
    var bus: Int { get }
    var address: UInt16 { get }
    func write(_ bytes: [UInt8]) throws(HALError)
    /// A write, a repeated start, then a read of `readCount` bytes (a register read).
    func writeRead(_ bytes: [UInt8], readCount: Int) throws(HALError) -> [UInt8]
    /// One read message of `count` bytes (a sensor that answers a command already sent, e.g. the AHT20).
    func read(count: Int) throws(HALError) -> [UInt8]
}

/// A PWM channel (sysfs PWM), duty cycle in [0, 1].
public protocol PWMChannel: AnyObject {
    var name: String { get }
    func enable(periodNanoseconds: UInt64) throws(HALError)
    func setDutyCycle(_ fraction: Double) throws(HALError)
    func disable() throws(HALError)
}

/// Waiting, injected so tests and traces do not sleep.
public protocol Delay: Sendable {
    func wait(milliseconds: UInt32)
}
