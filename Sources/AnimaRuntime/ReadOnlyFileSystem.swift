#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A data directory on a read-only file system: what the kernel does to an SD card's ext4 after an I/O error
/// (`errors=remount-ro`). Nothing can be recorded then; a start waits (like a full disk) instead of looping on
/// "unable to open database file", and `anima status` says so (status.json cannot be rewritten either).
public enum ReadOnlyFileSystem {
    /// True when the file system holding `path` (or, for a path not yet made, its nearest existing parent) is
    /// mounted read-only.
    public static func contains(_ path: String) -> Bool {
        var candidate = path.isEmpty ? "." : path
        while true {
            var info = statvfs()
            if statvfs(candidate, &info) == 0 { return info.f_flag & UInt(ST_RDONLY) != 0 }
            guard let slash = candidate.lastIndex(of: "/"), candidate != "/" else { return false }
            candidate = slash == candidate.startIndex ? "/" : String(candidate[..<slash])
        }
    }

    static func message(directory: String) -> String {
        "the data directory \(directory) is on a read-only file system: nothing can be recorded. The kernel remounts an "
            + "SD card read-only after I/O errors — see `dmesg`, check the card (fsck) and reboot, or remount it read-write"
    }

    static let atStart = "anima waits and retries the start every few seconds"
}
