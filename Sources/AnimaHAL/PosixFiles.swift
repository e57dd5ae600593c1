#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the HAL needs on /dev and /sys, with errno kept so callers can say what went wrong.
/// Plain POSIX rather than Foundation: sysfs attributes must be written in one `write(2)` without creating files.
enum PosixFiles {
    /// Names in `directory` (no "." or ".."), sorted; empty when the directory cannot be read.
    static func entries(of directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted(by: naturalOrder)
    }

    /// Whether anything exists at `path`.
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Whether this process may write `path` (udev fixes sysfs permissions a moment after export).
    static func isWritable(_ path: String) -> Bool {
        access(path, W_OK) == 0
    }

    /// The whole (small) file as text, or the errno that stopped it.
    static func readText(_ path: String, limit: Int = 4096) -> Result<String, PosixErrno> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(PosixErrno(errno)) }
        defer { close(fd) }
        let limit = max(1, limit)
        var buffer = [UInt8](repeating: 0, count: limit)
        var filled = 0
        while filled < limit {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, limit - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(PosixErrno(errno))
            }
            if count == 0 { break }
            filled += count
        }
        return .success(String(decoding: buffer[0..<filled], as: UTF8.self))
    }

    /// Writes `text` to an existing file in one `write(2)`, as sysfs attributes require. Never creates the file.
    static func writeAttribute(_ path: String, _ text: String) -> Result<Void, PosixErrno> {
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { return .failure(PosixErrno(errno)) }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        while true {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written == bytes.count { return .success(()) }
            if written < 0 && errno == EINTR { continue }
            // sysfs takes an attribute in one write; a short write means the kernel refused the rest.
            return .failure(PosixErrno(written < 0 ? errno : EIO))
        }
    }

    /// A sysfs value without its surrounding whitespace and trailing newline.
    static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        var slice = Substring(text)
        while let first = slice.first, isSpace(first) { slice.removeFirst() }
        while let last = slice.last, isSpace(last) { slice.removeLast() }
        return String(slice)
    }

    /// "gpiochip2" before "gpiochip10": compares the trailing numbers as numbers.
    static func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
        let (lhsStem, lhsNumber) = splitTrailingNumber(lhs)
        let (rhsStem, rhsNumber) = splitTrailingNumber(rhs)
        if lhsStem != rhsStem { return lhsStem < rhsStem }
        if lhsNumber != rhsNumber { return (lhsNumber ?? -1) < (rhsNumber ?? -1) }
        return lhs < rhs
    }

    private static func splitTrailingNumber(_ name: String) -> (String, Int?) {
        let digits = name.reversed().prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 9 else { return (name, nil) }
        return (String(name.dropLast(digits.count)), Int(String(digits.reversed())))
    }
}

/// An errno value carried through `Result`.
struct PosixErrno: Error, Equatable {
    var code: Int32
    init(_ code: Int32) { self.code = code }
}
