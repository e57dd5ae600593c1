#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One creature per data directory: an exclusive `flock` on `<dir>/anima.lock`, held for as long as the process (or
/// this value) lives. Two `anima run` on one directory used to both run, interleaving their history (holes, rewinds of
/// mark numbers) and overwriting each other's canvas. The kernel drops the lock when the holder dies, kill -9 included,
/// so a stale file never blocks a start. The holder writes its pid into the file so the refusal can name it.
public final class DataDirectoryLock {
    public static let fileName = "anima.lock"

    public struct Held: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let pid: Int32?
        public var description: String {
            "another anima\(pid.map { " (pid \($0))" } ?? "") is using this data directory: it holds \(path). "
                + "Stop it first (systemctl stop anima, or Ctrl-C in its terminal), or pass another --data-dir"
        }
    }

    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let errno: Int32
        public var description: String { "cannot open \(path) to lock the data directory: \(String(cString: strerror(errno)))" }
    }

    public enum Failure: Error, Sendable, CustomStringConvertible {
        case held(Held)
        case unavailable(Unavailable)
        public var description: String {
            switch self {
            case let .held(held): return held.description
            case let .unavailable(unavailable): return unavailable.description
            }
        }
        /// The errno of a lock file that could not be opened (EROFS, ENOSPC, EACCES), nil when another holder has it.
        public var openErrno: Int32? {
            if case let .unavailable(unavailable) = self { return unavailable.errno }
            return nil
        }
    }

    public let path: String
    private let fd: Int32

    /// Takes the lock or throws at once (never waits).
    public init(directory: String) throws(Failure) {
        path = directory + "/" + Self.fileName
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .unavailable(Unavailable(path: path, errno: errno)) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readPID(fd)
            close(fd)
            throw .held(Held(path: path, pid: holder))
        }
        self.fd = fd
        let text = Array("\(getpid())\n".utf8)
        if ftruncate(fd, 0) == 0 {
            _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let digits = buffer.prefix(count).prefix { $0 >= 0x30 && $0 <= 0x39 }
        return Int32(String(decoding: digits, as: UTF8.self))
    }
}
