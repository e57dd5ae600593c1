import AnimaFiles
import AnimaGovernanceClient
import AnimaStore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Recognises a full disk behind a failed write — ENOSPC or EDQUOT, SQLite's SQLITE_FULL, or an I/O error or failed
/// open on a file system with less than `nearlyFull` bytes left — and says "disk full" with the free space of the data
/// directory (statvfs), instead of SQLite's "disk I/O error … check that the directory is writable".
public enum DiskFull {
    /// Below this much free space an I/O error is taken for a full disk (SQLite reports some ENOSPC as SQLITE_IOERR).
    public static let nearlyFull: UInt64 = 1 << 20
    static let sqliteFull: Int32 = 13
    static let sqliteIOError: Int32 = 10

    /// "disk full: … free …" when `error` comes from a full disk under `directory`, else nil.
    /// `then` says what anima does meanwhile.
    static func message(for error: any Error, directory: String, then: String = "anima keeps drawing and retries") -> String? {
        let free = freeBytes(at: directory)
        guard isFull(error, free: free) else { return nil }
        return "disk full: \(free.map(formatted) ?? "no") space free on the file system of \(directory) (\(error)); "
            + "free some space — \(then)"
    }

    static let atStart = "anima waits and retries the start every few seconds"

    /// Why a write under `directory` failed: a read-only file system, a full disk, or the error as it is.
    static func describe(_ error: any Error, directory: String) -> String {
        if ReadOnlyFileSystem.contains(directory) { return "\(ReadOnlyFileSystem.message(directory: directory)) (\(error))" }
        return message(for: error, directory: directory) ?? "\(error)"
    }

    private static func isFull(_ error: any Error, free: UInt64?) -> Bool {
        let nearlyFull = (free ?? .max) < Self.nearlyFull
        switch error {
        case let error as DataDirectoryLock.Failure:
            return error.openErrno == ENOSPC || error.openErrno == EDQUOT || (error.openErrno != nil && nearlyFull)
        case let error as AtomicFile.WriteError:
            return error.errno == ENOSPC || error.errno == EDQUOT || nearlyFull
        case let error as StoreError:
            switch error {
            case let .sqlite(code, _, _): return code == sqliteFull || (code == sqliteIOError && nearlyFull)
            case .open: return nearlyFull
            default: return false
            }
        case let error as GovernanceClientError:
            if case let .store(inner) = error { return isFull(inner, free: free) }
            return false
        default:
            return false
        }
    }

    /// Bytes an unprivileged process may still write on the file system holding `directory`.
    public static func freeBytes(at directory: String) -> UInt64? {
        var info = statvfs()
        guard statvfs(directory, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }

    public static func formatted(_ bytes: UInt64) -> String {
        switch bytes {
        case ..<1024: return "\(bytes) bytes"
        case ..<(1 << 20): return "\(bytes >> 10) KiB"
        case ..<(1 << 30): return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
        default: return String(format: "%.1f GiB", Double(bytes) / Double(1 << 30))
        }
    }
}
