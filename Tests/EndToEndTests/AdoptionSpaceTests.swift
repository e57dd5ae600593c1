import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Issue 19: `anima adopt` copied the source into $TMPDIR (a tmpfs, in RAM, on Debian trixie) and needed 3.2× the
/// source's size, and a crash mid-import left a new, empty anima.db in the target that `anima run` would have taken for
/// a new creature. Now the copy is made in the data directory, its free space is checked first, and the new anima.db
/// appears only complete. The built `anima` runs on a real fixture (Tests/Fixtures/reference-creature.py) enlarged
/// with SQL.
@Suite struct AdoptionSpaceTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference-creature.py").path
    static let berlin = ["TZ": "Europe/Berlin", "PATH": "/usr/bin:/bin"]

    static func shell(_ command: String) throws -> ProcessRunner.Result {
        try ProcessRunner.run("/bin/sh", ["-c", command])
    }

    /// A Python creature in `directory` with `extraRows` more state_history rows (≈160 bytes each on disk).
    static func makeSource(_ directory: String, extraRows: Int) throws {
        let made = try ProcessRunner.run("/usr/bin/python3", [fixture, directory], environment: berlin)
        let succeeded = made.status == 0
        try #require(succeeded, "\(made.output)")
        guard extraRows > 0 else { return }
        let grow = try ProcessRunner.run("/usr/bin/python3", ["-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.execute(\"\"\"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
              INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors, epoch)
              SELECT strftime('%Y-%m-%dT%H:%M:%f', '2026-01-01', '+' || (i * 30) || ' seconds'), 0.5, 0.6, 0.7, 0.8,
                     '{"light_lux": 120.0, "noise": "' || hex(randomblob(40)) || '"}', 1 FROM n\"\"\", (int(sys.argv[2]),))
            c.commit()
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            """, directory + "/anima.db", String(extraRows)])
        let grew = grow.status == 0
        try #require(grew, "\(grow.output)")
    }

    static func names(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// Before: the copy went to $TMPDIR, so a $TMPDIR that cannot hold it failed the adoption ("could not copy it to
    /// …; is the temp directory full?"). A regular file as $TMPDIR stands for a tmpfs too small for the creature.
    @Test func theSourceIsCopiedIntoTheDataDirectoryNotTMPDIR() throws {
        let home = ProcessRunner.temporaryDirectory("adopt-tmpdir")
        try Self.makeSource(home + "/.anima", extraRows: 0)
        let notADirectory = home + "/tmpdir-is-a-file"
        _ = FileManager.default.createFile(atPath: notADirectory, contents: Data("x".utf8))
        let target = home + "/var-lib-anima"
        let adopted = try ProcessRunner.run(
            BuiltProduct.path("anima"), ["adopt", "--from", home + "/.anima", "--data-dir", target],
            environment: Self.berlin.merging(["TMPDIR": notADirectory]) { $1 })
        #expect(adopted.status == 0, "\(adopted.output)")
        #expect(adopted.output.contains("state_history    +60"), "\(adopted.output)")
        #expect(Self.names(target) == ["anima.db", "canvas.json", "drawings"], "no copy or staging file is left behind")
    }

    /// Before: the import started anyway, ran out of space in its one transaction, and left an empty anima.db.
    @Test(.enabled(if: geteuid() == 0, "mounting a tmpfs needs root"))
    func aDataDirectoryWithoutRoomIsRefusedBeforeAnythingIsWritten() throws {
        let home = ProcessRunner.temporaryDirectory("adopt-space")
        try Self.makeSource(home + "/.anima", extraRows: 60_000)
        let sourceBytes = (try FileManager.default.attributesOfItem(atPath: home + "/.anima/anima.db")[.size] as? NSNumber)?.intValue ?? 0
        #expect(sourceBytes > 9 << 20, "the source must outgrow half of the 16 MiB tmpfs: \(sourceBytes) bytes")
        let mountPoint = home + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        #expect(try Self.shell("mount -t tmpfs -o size=16m tmpfs '\(mountPoint)'").status == 0)
        defer { _ = try? Self.shell("umount -l '\(mountPoint)'") }
        let target = mountPoint + "/anima"
        let refused = try ProcessRunner.run(
            BuiltProduct.path("anima"), ["adopt", "--from", home + "/.anima", "--data-dir", target], environment: Self.berlin)
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("adopting needs ") && refused.output.contains(" MiB free in \(target) ("), "\(refused.output)")
        #expect(refused.output.contains("but its file system has 16.0 MiB free. Nothing was written"), "\(refused.output)")
        #expect(!FileManager.default.fileExists(atPath: target), "nothing may be created in the target")

        // With room (a 64 MiB tmpfs), the same source is adopted there.
        _ = try Self.shell("umount -l '\(mountPoint)'")
        #expect(try Self.shell("mount -t tmpfs -o size=64m tmpfs '\(mountPoint)'").status == 0)
        let adopted = try ProcessRunner.run(
            BuiltProduct.path("anima"), ["adopt", "--from", home + "/.anima", "--data-dir", target], environment: Self.berlin)
        #expect(adopted.status == 0 && adopted.output.contains("state_history    +60060"), "\(adopted.output)")
    }

    /// Before: the import ran in the target's own new anima.db, so a kill -9 mid-import left that file — migrated,
    /// holding no creature — and `anima run` would have started a new creature in it.
    @Test func aKilledAdoptionLeavesNoDatabaseAndTheNextOneCompletes() throws {
        let home = ProcessRunner.temporaryDirectory("adopt-kill")
        try Self.makeSource(home + "/.anima", extraRows: 400_000)
        let target = home + "/var-lib-anima"
        let log = home + "/adopt.log"
        let size = { (name: String) in
            ((try? FileManager.default.attributesOfItem(atPath: target + "/" + name))?[.size] as? NSNumber)?.intValue ?? 0
        }
        let process = try ProcessRunner.start("anima", ["adopt", "--from", home + "/.anima", "--data-dir", target], log: log)
        // Mid-import: the database being built (or, before, anima.db's WAL) holds more than a megabyte of rows.
        let midImport = ProcessRunner.wait(seconds: 60) {
            size(".anima.db.adopting") > 1 << 20 || size("anima.db-wal") > 1 << 20 || !process.isRunning
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(midImport && process.terminationReason == .uncaughtSignal, "the adoption ended before it could be killed: \(Self.names(target))")
        #expect(!FileManager.default.fileExists(atPath: target + "/anima.db"), "a killed adoption must leave no anima.db: \(Self.names(target))")

        let again = try ProcessRunner.run(
            BuiltProduct.path("anima"), ["adopt", "--from", home + "/.anima", "--data-dir", target], environment: Self.berlin)
        #expect(again.status == 0 && again.output.contains("state_history    +400060"), "\(again.output)")
        #expect(Self.names(target) == ["anima.db", "canvas.json", "drawings"], "the killed run's leftovers are removed")
    }
}
