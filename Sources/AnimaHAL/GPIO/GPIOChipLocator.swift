#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds GPIO chips by label or path. Board files name labels (`pinctrl-bcm2711`, `pinctrl-rp1`, …) because chip
/// numbers move between kernels; the locator tries the board's selectors in order and opens the first that exists.
public struct GPIOChipLocator: Sendable {
    /// Where gpiochip nodes live; a test may point this at a directory of its own.
    public var devDirectory: String
    let backend: any GPIOBackend

    public init(devDirectory: String = "/dev") {
        self.init(devDirectory: devDirectory, backend: GPIOBackends.current)
    }

    init(devDirectory: String, backend: any GPIOBackend) {
        self.devDirectory = devDirectory
        self.backend = backend
    }

    /// Every gpiochip node under `devDirectory`: the ones that opened, and the ones that did not (with errno).
    public func scan() -> (chips: [GPIOChipInfo], unavailable: [GPIOChipUnavailable]) {
        var chips: [GPIOChipInfo] = []
        var unavailable: [GPIOChipUnavailable] = []
        for name in PosixFiles.entries(of: devDirectory) where name.hasPrefix("gpiochip") {
            let path = devDirectory + "/" + name
            do {
                chips.append(try backend.openChip(path: path).info)
            } catch {
                unavailable.append(GPIOChipUnavailable(path: path, errno: Self.errno(of: error)))
            }
        }
        return (chips, unavailable)
    }

    /// Opens the first chip matching `selectors`, in order.
    /// - Throws: `.chipNotFound` listing what exists; `.permissionDenied` (group gpio) when a node exists but this
    ///   user may not open it, since then the wanted chip may be among the unreadable ones; `.libraryMissing` when
    ///   neither libgpiod.so.3 nor libgpiod.so.2 is installed.
    public func open(_ selectors: [GPIOChipSelector]) throws(HALError) -> GPIOChip {
        if let missing = backend.unavailable { throw missing }
        var scanned: (chips: [GPIOChipInfo], unavailable: [GPIOChipUnavailable])?
        for selector in selectors {
            switch selector {
            case let .path(path):
                guard PosixFiles.exists(path) else { continue }
                return GPIOChip(try backend.openChip(path: path))
            case let .label(label):
                let found = scanned ?? scan()
                scanned = found
                if let info = found.chips.first(where: { $0.label == label }) {
                    return GPIOChip(try backend.openChip(path: info.path))
                }
            }
        }
        let found = scanned ?? scan()
        if let denied = found.unavailable.first(where: { $0.errno == EACCES || $0.errno == EPERM }) {
            throw .permissionDenied(path: denied.path, group: DeviceAccessAdvice.gpio.group)
        }
        throw .chipNotFound(
            label: selectors.map(\.description).joined(separator: " or "),
            available: found.chips.map(\.description) + found.unavailable.map(\.description))
    }

    /// Opens the chip with this label.
    public func open(label: String) throws(HALError) -> GPIOChip {
        try open([.label(label)])
    }

    /// Opens the chip at this device path.
    public func open(path: String) throws(HALError) -> GPIOChip {
        try open([.path(path)])
    }

    private static func errno(of error: HALError) -> Int32 {
        switch error {
        case .permissionDenied: return EACCES
        case .deviceMissing: return ENOENT
        case let .ioFailed(_, _, code): return code
        default: return EIO
        }
    }
}
