#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a crash or power loss leaves either the old file or the new one, never a torn one:
/// write `path.tmp`, fsync it, rename over `path`, fsync the directory.
public enum AtomicFile {
    /// What a write must survive.
    public enum Durability: Sendable {
        /// A power cut leaves the old file or the new one (fsync of the file and of its directory).
        case powerLoss
        /// Readers and a crashed process see the old file or the new one, never a torn one; a power cut may lose the
        /// write (no fsync). For derived state rewritten every few seconds (status.json), where an fsync each time
        /// would wear an SD card for nothing.
        case readersOnly
    }

    public struct WriteError: Error, Equatable, Sendable, CustomStringConvertible {
        public let path: String
        public let operation: String
        public let errno: Int32

        public init(path: String, operation: String, errno: Int32) {
            self.path = path
            self.operation = operation
            self.errno = errno
        }

        public var description: String {
            "cannot write \(path): \(operation) failed: \(String(cString: strerror(errno))). Check that the directory exists and is writable."
        }
    }

    public static func write(
        _ bytes: [UInt8], to path: String, permissions: mode_t = 0o644, durability: Durability = .powerLoss
    ) throws(WriteError) {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw WriteError(path: path, operation: "open \(temporary)", errno: errno) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(temporary)
                throw WriteError(path: path, operation: "write", errno: code)
            }
            offset += written
        }
        if durability == .powerLoss, fsync(fd) != 0 {
            let code = errno
            close(fd)
            unlink(temporary)
            throw WriteError(path: path, operation: "fsync", errno: code)
        }
        close(fd)
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw WriteError(path: path, operation: "rename", errno: code)
        }
        if durability == .powerLoss { syncDirectory(of: path) }
    }

    public static func write(_ text: String, to path: String, permissions: mode_t = 0o644) throws(WriteError) {
        try write(Array(text.utf8), to: path, permissions: permissions)
    }

    /// Makes the rename durable; best effort (some filesystems refuse fsync on directories).
    private static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
