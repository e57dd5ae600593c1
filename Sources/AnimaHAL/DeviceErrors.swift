#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How each bus turns a failed `open(2)` into advice: which group grants access and what enables the interface.
/// One table so GPIO, SPI, I2C and PWM say the same things the same way.
public struct DeviceAccessAdvice: Sendable, Equatable {
    /// The Unix group that owns the node on Raspberry Pi OS (`gpio`, `spi`, `i2c`).
    public var group: String
    /// What to do when the node does not exist.
    public var missingHint: String

    public init(group: String, missingHint: String) {
        self.group = group
        self.missingHint = missingHint
    }

    public static let gpio = DeviceAccessAdvice(
        group: "gpio",
        missingHint: "no GPIO character device; this is not a Raspberry Pi or the kernel lacks GPIO support (`gpiodetect` lists chips).")
    public static let spi = DeviceAccessAdvice(
        group: "spi",
        missingHint: "SPI is disabled; add `dtparam=spi=on` to /boot/firmware/config.txt (or run `raspi-config nonint do_spi 0`) and reboot. Check the board's chip select (CE0 = spidev0.0, CE1 = spidev0.1).")
    public static let i2c = DeviceAccessAdvice(
        group: "i2c",
        missingHint: "I2C is disabled; add `dtparam=i2c_arm=on` to /boot/firmware/config.txt (or run `raspi-config nonint do_i2c 0`) and reboot. The header's bus is /dev/i2c-1.")
    public static let pwm = DeviceAccessAdvice(
        group: "gpio",
        missingHint: "no such PWM chip or channel; enable one with `dtoverlay=pwm,pin=18,func=2` (or `pwm-2chan`) in /boot/firmware/config.txt and reboot; `ls /sys/class/pwm` lists chips.")
}

extension HALError {
    /// The error for a system call on `path` that failed with `code`: missing node, permission, or a plain I/O failure.
    public static func fromErrno(_ code: Int32, path: String, operation: String, advice: DeviceAccessAdvice) -> HALError {
        switch code {
        case ENOENT, ENODEV, ENXIO:
            return .deviceMissing(path: path, hint: advice.missingHint)
        case EACCES, EPERM:
            return .permissionDenied(path: path, group: advice.group)
        default:
            return .ioFailed(device: path, operation: operation, errno: code)
        }
    }
}
