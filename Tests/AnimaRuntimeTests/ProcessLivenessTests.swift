import Foundation
import Testing

@testable import AnimaRuntime

/// Issue 12 item 10: `anima status` must not say "running yes" for a dead pid or a pid reused by another program.
@Suite struct ProcessLivenessTests {
    /// A fake /proc: <root>/<pid>/cmdline with the given bytes.
    static func procRoot(_ entries: [Int32: [UInt8]]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("anima-proc-\(UUID().uuidString)").path
        for (pid, cmdline) in entries {
            try FileManager.default.createDirectory(atPath: "\(root)/\(pid)", withIntermediateDirectories: true)
            try Data(cmdline).write(to: URL(fileURLWithPath: "\(root)/\(pid)/cmdline"))
        }
        return root
    }

    @Test func onlyALiveAnimaCounts() throws {
        let root = try Self.procRoot([
            100: Array("/usr/local/bin/anima\0run\0--config\0/etc/anima/anima.yaml\0".utf8),
            101: Array("anima\0status\0".utf8),
            200: Array("/usr/sbin/sshd\0-D\0".utf8),
            201: Array("/usr/bin/python3\0/home/pi/anima\0".utf8),
            202: Array("/opt/animator\0".utf8),
            300: [],
            301: [0xFF, 0xFE, 0x00, 0x61],
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(ProcessLiveness.isAnima(pid: 100, procRoot: root))
        #expect(ProcessLiveness.isAnima(pid: 101, procRoot: root))
        #expect(!ProcessLiveness.isAnima(pid: 200, procRoot: root), "a reused pid")
        #expect(!ProcessLiveness.isAnima(pid: 201, procRoot: root), "anima only as an argument")
        #expect(!ProcessLiveness.isAnima(pid: 202, procRoot: root))
        #expect(!ProcessLiveness.isAnima(pid: 300, procRoot: root), "a zombie has an empty cmdline")
        #expect(!ProcessLiveness.isAnima(pid: 301, procRoot: root), "garbage bytes")
        #expect(!ProcessLiveness.isAnima(pid: 999, procRoot: root), "a dead pid")
        #expect(!ProcessLiveness.isAnima(pid: 0, procRoot: root) && !ProcessLiveness.isAnima(pid: -1, procRoot: root))
    }

    @Test func theRealProcIsRead() {
        // This test process is not anima (it is the test runner), and pid 1 is init/systemd or a container shell.
        #expect(!ProcessLiveness.isAnima(pid: getpid()))
        #expect(!ProcessLiveness.isAnima(pid: Int32.max))
    }
}
