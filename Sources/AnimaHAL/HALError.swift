#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every failure of the hardware layer, each naming the device, chip, line or pin involved and what to do.
public enum HALError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No GPIO chip with this label or path exists.
    case chipNotFound(label: String, available: [String])
    /// The line is requested by another process (`holder` is its consumer name, if the kernel tells).
    case lineBusy(chip: String, line: UInt32, holder: String?)
    /// The line offset does not exist on the chip.
    case lineOutOfRange(chip: String, line: UInt32, lines: UInt32)
    /// The device node exists but this user may not open it.
    case permissionDenied(path: String, group: String)
    /// The device node does not exist (interface disabled, overlay missing, no such hardware).
    case deviceMissing(path: String, hint: String)
    /// A system call on an open device failed.
    case ioFailed(device: String, operation: String, errno: Int32)
    /// A caller passed a value the device cannot take.
    case invalidArgument(device: String, detail: String)
    /// A shared library loaded at run time (libgpiod) is absent or not the expected API; `install` says which package.
    case libraryMissing(library: String, detail: String, install: String)

    public var description: String {
        switch self {
        case let .chipNotFound(label, available):
            let list = available.isEmpty ? "none (is this a Raspberry Pi? `gpiodetect` lists chips)" : available.joined(separator: ", ")
            return "GPIO chip '\(label)' not found; available chips: \(list). Set the board's chip label or path."
        case let .lineBusy(chip, line, holder):
            let who = holder.map { "held by '\($0)'" } ?? "held by another process"
            return "GPIO line \(line) on \(chip) is busy (\(who)). Stop that process or free the pin in /boot/firmware/config.txt; `gpioinfo` shows the holder."
        case let .lineOutOfRange(chip, line, lines):
            return "GPIO line \(line) does not exist on \(chip) (it has \(lines) lines, 0–\(lines == 0 ? 0 : lines - 1)). Check the pin number in the board file."
        case let .permissionDenied(path, group):
            return "permission denied opening \(path): add the user to the '\(group)' group (`sudo usermod -aG \(group) $USER`, then log in again)."
        case let .deviceMissing(path, hint):
            return "\(path) does not exist: \(hint)"
        case let .ioFailed(device, operation, errno):
            let base = "\(operation) on \(device) failed: \(String(cString: strerror(errno))) (errno \(errno))."
            guard errno == EMSGSIZE else { return base }
            return base + " One spidev ioctl moves at most bufsiz bytes in total (/sys/module/spidev/parameters/bufsiz, default 4096); raise it with `spidev.bufsiz=65536` on the kernel command line (/boot/firmware/cmdline.txt) or send smaller messages."
        case let .invalidArgument(device, detail):
            return "\(device): \(detail)"
        case let .libraryMissing(library, detail, install):
            return "\(library) could not be loaded (\(detail)). \(install)"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
