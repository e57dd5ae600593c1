import Foundation

/// Whether the pid status.json names is still an anima process. status.json says `running: true` until a clean
/// shutdown rewrites it, so after a crash, a power cut or `kill -9` it would claim a dead creature runs; and after a
/// reboot the pid may belong to something else. /proc/<pid>/cmdline answers both.
public enum ProcessLiveness {
    /// True when /proc/<pid>/cmdline exists and its program (first argument) is named `anima`.
    /// - Parameter procRoot: "/proc"; tests pass a directory laid out the same way.
    public static func isAnima(pid: Int32, procRoot: String = "/proc") -> Bool {
        guard pid > 0, let data = FileManager.default.contents(atPath: "\(procRoot)/\(pid)/cmdline") else { return false }
        // cmdline is NUL-separated; the first field is argv[0] (a path or a bare name).
        let program = data.prefix(4096).split(separator: 0, omittingEmptySubsequences: false).first.map {
            String(decoding: $0, as: UTF8.self)
        } ?? ""
        return program.split(separator: "/").last == "anima"
    }
}
