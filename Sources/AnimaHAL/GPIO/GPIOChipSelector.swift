#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a board names a GPIO chip: by the label the kernel gives it (stable across kernels) or by device path.
/// Labels are preferred: Pi 5's RP1 chip moved from gpiochip4 to gpiochip0 between kernels, its label did not.
public enum GPIOChipSelector: Sendable, Equatable, Hashable, CustomStringConvertible {
    case label(String)
    case path(String)

    /// Pi 4 and Pi 400.
    public static let raspberryPi4 = GPIOChipSelector.label("pinctrl-bcm2711")
    /// Pi 5 (the RP1 south bridge).
    public static let raspberryPi5 = GPIOChipSelector.label("pinctrl-rp1")
    /// Pi 3, Zero 2 W and earlier.
    public static let raspberryPi3 = GPIOChipSelector.label("pinctrl-bcm2835")
    /// The header GPIO chip of every current Pi, newest first; what a board uses when it names no chip.
    public static let raspberryPiHeader: [GPIOChipSelector] = [raspberryPi5, raspberryPi4, raspberryPi3]

    public var description: String {
        switch self {
        case let .label(label): return label
        case let .path(path): return path
        }
    }
}

/// A GPIO chip as found on this machine.
public struct GPIOChipInfo: Sendable, Equatable, CustomStringConvertible {
    /// Device node, e.g. /dev/gpiochip0.
    public var path: String
    /// Kernel name, e.g. gpiochip0.
    public var name: String
    /// Kernel label, e.g. pinctrl-bcm2711.
    public var label: String
    public var lineCount: UInt32

    public init(path: String, name: String, label: String, lineCount: UInt32) {
        self.path = path
        self.name = name
        self.label = label
        self.lineCount = lineCount
    }

    public var description: String { "\(label) (\(path), \(lineCount) lines)" }
}

/// A gpiochip node that exists but could not be opened, with the reason.
public struct GPIOChipUnavailable: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var errno: Int32

    public init(path: String, errno: Int32) {
        self.path = path
        self.errno = errno
    }

    public var description: String {
        "\(path) (cannot open: \(String(cString: strerror(errno))))"
    }
}
