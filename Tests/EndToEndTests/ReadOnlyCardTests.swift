import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 19 item 8: an SD card the kernel remounted read-only. A start used to loop on "unable to open database file"
/// (systemd restarting it every 5 s), and while running `anima status` said "running yes, 0 failures" from a
/// status.json that could no longer be rewritten. A real tmpfs remounted read-only stands in for the card (root only).
@Suite(.enabled(if: geteuid() == 0, "mounting a tmpfs needs root"))
struct ReadOnlyCardTests {
    static let anima = ["--anima", "0.41,0.82,0.89,0.83"]

    static func shell(_ command: String) throws -> ProcessRunner.Result {
        try ProcessRunner.run("/bin/sh", ["-c", command])
    }

    @Test func aReadOnlyCardIsSaidAndWaitedOutAtStartAndShownWhileRunning() throws {
        // The card: a tmpfs, seen through a bind mount that can be swapped for a read-only one under a running
        // creature (remounting a file system read-only while a process writes to it fails with EBUSY; the kernel's
        // own remount after an I/O error does not ask). The creature's open files keep the old, writable mount; every
        // new open, and `anima status`, meets the read-only one — as on a card the kernel remounted.
        let backing = ProcessRunner.temporaryDirectory("read-only-backing")
        let mountPoint = ProcessRunner.temporaryDirectory("read-only")
        let logs = ProcessRunner.temporaryDirectory("read-only-logs")
        #expect(try Self.shell("mount -t tmpfs -o size=32m tmpfs '\(backing)' && mount --bind '\(backing)' '\(mountPoint)'").status == 0)
        defer { _ = try? Self.shell("umount -l '\(mountPoint)'; umount -l '\(backing)'") }
        let data = mountPoint + "/data"
        let product = BuiltProduct.path("anima")
        let first = try ProcessRunner.run(product, ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--marks", "3"] + Self.anima)
        #expect(first.status == 0, "\(first.output.suffix(2000))")

        // While running: the card goes read-only under the creature; status says so instead of "running, 0 failures".
        let runningLog = logs + "/running.log"
        let running = try ProcessRunner.start("anima", ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1", "--pace", "100"] + Self.anima, log: runningLog)
        defer { if running.isRunning { running.terminate() } }
        let runningText = { (try? String(contentsOfFile: runningLog, encoding: .utf8)) ?? "" }
        #expect(ProcessRunner.wait(seconds: 20) { runningText().contains("awake:") }, "\(runningText())")
        #expect(try Self.shell("umount -l '\(mountPoint)' && mount --bind '\(backing)' '\(mountPoint)' && mount -o remount,bind,ro '\(mountPoint)'").status == 0)
        let status = try ProcessRunner.run(product, ["status", "--data-dir", data])
        #expect(status.output.contains("READ-ONLY"), "\(status.output)")
        let json = try ProcessRunner.run(product, ["status", "--data-dir", data, "--format", "json"])
        #expect(json.output.contains("\"data_read_only\" : true"), "\(json.output)")
        #expect(ProcessRunner.wait(seconds: 20) { runningText().contains("read-only file system") }, "\(runningText())")
        #expect(running.isRunning, "drawing goes on while nothing can be recorded")
        running.terminate()
        running.waitUntilExit()

        // At start: one line saying why, the process stays up (no restart loop), and it starts once writable again.
        let log = logs + "/waiting.log"
        let waiting = try ProcessRunner.start("anima", ["run", "--board", "simulator", "--data-dir", data, "--clock-step", "1"] + Self.anima, log: log)
        defer { if waiting.isRunning { waiting.terminate() } }
        let text = { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        #expect(ProcessRunner.wait(seconds: 20) { text().contains("cannot start: the data directory \(data) is on a read-only file system") }, "\(text())")
        Thread.sleep(forTimeInterval: 6)
        #expect(waiting.isRunning, "\(text())")
        #expect(!text().contains("unable to open database file"), "\(text())")
        #expect(text().components(separatedBy: "cannot start").count - 1 == 1, "said once: \(text())")
        #expect(try Self.shell("mount -o remount,bind,rw '\(mountPoint)'").status == 0)
        #expect(ProcessRunner.wait(seconds: 20) { text().contains("started once the data directory was writable again") }, "\(text())")
        waiting.terminate()
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0, "\(text())")
    }
}
