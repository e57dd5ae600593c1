import AnimaStore
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 12 item 7: started on a full disk, `anima run` failed ("disk I/O error … check the directory is writable"),
/// exited, and systemd started it again every 5 s for as long as the disk stayed full. Now it says "disk full" with the
/// free space once, stays up waiting (a real full file system: a 16 MiB tmpfs filled to the last byte), `anima status`
/// says the disk is full, it starts drawing once space is freed, and a signal while it waits is a clean stop. Mounting needs root (as `make test` runs in CI).
@Suite(.enabled(if: geteuid() == 0, "mounting a tmpfs needs root"))
struct FullDiskStartTests {
    static let anima = ["--anima", "0.41,0.82,0.89,0.83"]

    static func shell(_ command: String) throws -> ProcessRunner.Result {
        try ProcessRunner.run("/bin/sh", ["-c", command])
    }

    @Test func aFullDiskAtStartIsWaitedOutInsteadOfRestarting() throws {
        let mountPoint = ProcessRunner.temporaryDirectory("full-disk")
        let logs = ProcessRunner.temporaryDirectory("full-disk-logs")
        #expect(try Self.shell("mount -t tmpfs -o size=16m tmpfs '\(mountPoint)'").status == 0)
        defer { _ = try? Self.shell("umount -l '\(mountPoint)'") }
        let data = mountPoint + "/data"
        let first = try ProcessRunner.run(
            BuiltProduct.path("anima"), ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--marks", "3"] + Self.anima)
        #expect(first.status == 0, "\(first.output.suffix(2000))")

        // Fill the file system to its last byte (dd ends with ENOSPC).
        _ = try Self.shell("dd if=/dev/zero of='\(mountPoint)/filler' bs=64k 2>/dev/null")
        #expect(try Self.shell("df -P '\(mountPoint)' | awk 'NR == 2 { exit $4 != 0 }'").status == 0, "the tmpfs should be full")

        let log = logs + "/waiting.log"
        let waiting = try ProcessRunner.start("anima", ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1"] + Self.anima, log: log)
        defer { if waiting.isRunning { waiting.terminate() } }
        let text = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        #expect(ProcessRunner.wait(seconds: 20) { text().contains("cannot start: disk full: 0 bytes") }, "\(text())")
        // Two retries (every 5 s) later it is still up, still not drawing, and said it once.
        Thread.sleep(forTimeInterval: 11)
        #expect(waiting.isRunning, "\(text())")
        #expect(!text().contains("awake:"), "\(text())")
        #expect(text().components(separatedBy: "disk full").count - 1 == 1, "\(text())")
        // status.json cannot be rewritten now; `anima status` reads the free space itself and says why.
        let status = try ProcessRunner.run(BuiltProduct.path("anima"), ["status", "--data-dir", data])
        #expect(status.output.contains("disk  ") && status.output.contains("FULL: 0 bytes free"), "\(status.output)")
        let json = try ProcessRunner.run(BuiltProduct.path("anima"), ["status", "--data-dir", data, "--format", "json"])
        #expect(json.output.contains("\"disk_free_bytes\" : 0"), "\(json.output)")

        try FileManager.default.removeItem(atPath: mountPoint + "/filler")
        // "started once …" follows the start's own "awake:" line; wait for both (CI once read the log between them).
        #expect(ProcessRunner.wait(seconds: 20) { text().contains("awake:") && text().contains("started once disk space was freed") }, "\(text())")
        waiting.terminate()
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0, "\(text())")
        #expect(text().contains("stopping: signal SIGTERM"), "\(text())")

        // A signal while waiting is a clean stop, not a kill by systemd's stop timeout.
        _ = try Self.shell("dd if=/dev/zero of='\(mountPoint)/filler' bs=64k 2>/dev/null")
        let stopLog = logs + "/stopped.log"
        let stopped = try ProcessRunner.start("anima", ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1"] + Self.anima, log: stopLog)
        defer { if stopped.isRunning { stopped.terminate() } }
        let stopText = { (try? String(contentsOfFile: stopLog, encoding: .utf8)) ?? "" }
        #expect(ProcessRunner.wait(seconds: 20) { stopText().contains("cannot start: disk full") }, "\(stopText())")
        stopped.terminate()
        #expect(ProcessRunner.wait(seconds: 5) { !stopped.isRunning }, "\(stopText())")
        #expect(stopped.terminationStatus == 0)
        #expect(stopText().contains("stopped while waiting for disk space"), "\(stopText())")
    }

    /// Issue 19 item 1: a run cut off by a full disk (SIGTERM or SIGKILL while the disk is full) left anima.db shorter
    /// than its header said, the rest in its WAL; the next start refused it as "damaged … truncated" (exit 78, which
    /// systemd never retries) although SQLite reads it whole. Now the next start, once space is freed, goes on.
    @Test(arguments: [SIGTERM, SIGKILL])
    func aRunCutOffByAFullDiskStartsAgainOnceSpaceIsFreed(signal: Int32) throws {
        let mountPoint = ProcessRunner.temporaryDirectory("full-disk-run")
        let logs = ProcessRunner.temporaryDirectory("full-disk-run-logs")
        #expect(try Self.shell("mount -t tmpfs -o size=16m tmpfs '\(mountPoint)'").status == 0)
        defer { _ = try? Self.shell("umount -l '\(mountPoint)'") }
        let data = mountPoint + "/data"
        let product = BuiltProduct.path("anima")
        let first = try ProcessRunner.run(product, ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--marks", "40"] + Self.anima)
        #expect(first.status == 0, "\(first.output.suffix(2000))")

        let log = logs + "/running.log"
        let running = try ProcessRunner.start("anima", ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1"] + Self.anima, log: log)
        defer { if running.isRunning { running.terminate() } }
        let text = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        #expect(ProcessRunner.wait(seconds: 20) { text().contains("awake:") }, "\(text())")
        Thread.sleep(forTimeInterval: 2)
        _ = try Self.shell("dd if=/dev/zero of='\(mountPoint)/filler' bs=4k 2>/dev/null")
        #expect(ProcessRunner.wait(seconds: 20) { text().contains("disk full") }, "\(text())")
        kill(running.processIdentifier, signal)
        running.waitUntilExit()

        try FileManager.default.removeItem(atPath: mountPoint + "/filler")
        let next = try ProcessRunner.run(product, ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--marks", "3"] + Self.anima)
        #expect(next.status == 0, "\(next.output.suffix(3000))")
        #expect(next.output.contains("awake:"), "\(next.output.suffix(3000))")
        let store = try AnimaStore(path: data + "/anima.db")
        #expect(try store.database.integrityCheck() == "ok")
        store.close()
    }
}
