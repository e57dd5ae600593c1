import Foundation

/// The room `anima adopt` needs in the data directory, checked before anything is written there: a private copy of
/// the source database (its file and its WAL), and — when the creature is new to the target — the new anima.db, which
/// holds the same rows less `system_metrics` but longer timestamps (UTC with a `Z`) and one more index. Measured with
/// `du` of the data directory polled every 50 ms while adopting the fixture grown by 200,000 state_history rows (a
/// 44.7 MB source): peak 92.2 MB there (2.06×), the new anima.db 47.5 MB (1.06×); before, 3.2× split between the
/// target and $TMPDIR. The new database is counted at 1.2× the source, a margin for other mixes of rows.
struct AdoptionSpace {
    /// Slack for SQLite's journal, the indexes' growth and the canvas and drawings copied afterwards.
    static let margin: UInt64 = 8 << 20

    let sourceBytes: UInt64
    let needed: UInt64

    init(sourcePath: String, newDatabase: Bool) {
        let files = [sourcePath, sourcePath + "-wal"]
        sourceBytes = files.reduce(0) { $0 + Self.size(of: $1) }
        needed = sourceBytes + (newDatabase ? sourceBytes / 5 * 6 : 0) + Self.margin
    }

    /// Throws when the file system of `directory` (or of its nearest existing parent, when it is still to be made)
    /// has less than `needed` free for an unprivileged writer.
    func check(directory: String) throws(AdoptionError) {
        var probe = directory
        while !FileManager.default.fileExists(atPath: probe), probe != "/" {
            probe = (probe as NSString).deletingLastPathComponent
            if probe.isEmpty { probe = "/" }
        }
        guard let free = Self.freeBytes(at: probe), free < needed else { return }
        throw .notEnoughSpace(directory: directory, needed: needed, free: free, sourceBytes: sourceBytes)
    }

    static func size(of path: String) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.uint64Value ?? 0
    }

    /// statvfs's f_bavail × f_frsize: what a process without root's reserve may still write.
    static func freeBytes(at path: String) -> UInt64? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }

    /// Bytes for people, in the units `anima status` uses for free space (binary: KiB, MiB, GiB).
    static func shown(_ bytes: UInt64) -> String {
        switch bytes {
        case ..<1024: return "\(bytes) bytes"
        case ..<(1 << 20): return "\(bytes >> 10) KiB"
        case ..<(1 << 30): return String(format: "%.1f MiB", Double(bytes) / Double(1 << 20))
        default: return String(format: "%.1f GiB", Double(bytes) / Double(1 << 30))
        }
    }
}
