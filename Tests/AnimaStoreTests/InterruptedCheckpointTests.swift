import Foundation
import GRDB
import Testing

@testable import AnimaStore

/// Issue 19 item 1: a checkpoint cut short by a full disk leaves anima.db shorter than its header says, with every page
/// still in the WAL. SQLite reads such a database without complaint; anima refused it as "truncated" with exit 78, so
/// systemd never retried and one full disk stopped the creature for good.
@Suite struct InterruptedCheckpointTests {
    let directory: URL
    init() throws { directory = try makeTemporaryDirectory("anima-checkpoint") }

    /// A crashed creature's anima.db + WAL, then the first page of the WAL written into the main file as a checkpoint
    /// does first, and nothing after it (the disk filled while the file grew).
    func interruptedCheckpoint() throws -> String {
        let live = directory.appendingPathComponent("live.db").path
        let crashed = directory.appendingPathComponent("anima.db").path
        let store = try AnimaStore(path: live)
        _ = try store.identity.wake(creatureID: "c-1")
        try store.database.checkpoint()
        // One transaction, far below the WAL's auto-checkpoint, so every new page is in the WAL alone.
        try store.database.write { db in
            for index in 0..<3000 {
                try db.execute(
                    sql: "INSERT INTO state_history (timestamp, warmth, clarity, stability, presence, sensors, epoch) VALUES (?, 0.5, ?, 0.5, 0.5, '{}', 1)",
                    arguments: [StoreTimestamp.format(1_800_000_000 + Double(index) * 30), Double(index) / 3000])
            }
        }
        // What kill -9 leaves: the files as they are, WAL included, copied while the store is still open.
        try FileManager.default.copyItem(atPath: live, toPath: crashed)
        try FileManager.default.copyItem(atPath: live + "-wal", toPath: crashed + "-wal")
        store.close()

        let wal = try #require(FileManager.default.contents(atPath: crashed + "-wal"))
        let pageSize = Int(wal[8]) << 24 | Int(wal[9]) << 16 | Int(wal[10]) << 8 | Int(wal[11])
        var lastPageOne: Data?
        var offset = 32
        while offset + 24 + pageSize <= wal.count {
            let page = Int(wal[offset]) << 24 | Int(wal[offset + 1]) << 16 | Int(wal[offset + 2]) << 8 | Int(wal[offset + 3])
            if page == 1 { lastPageOne = wal.subdata(in: (offset + 24)..<(offset + 24 + pageSize)) }
            offset += 24 + pageSize
        }
        let header = try #require(lastPageOne, "the WAL should hold page 1 (the database grew)")
        let handle = try #require(FileHandle(forWritingAtPath: crashed))
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: header)
        try handle.close()
        let size = try #require(try FileManager.default.attributesOfItem(atPath: crashed)[.size] as? Int)
        let counted = Int(header[28]) << 24 | Int(header[29]) << 16 | Int(header[30]) << 8 | Int(header[31])
        #expect(counted > size / pageSize, "the header should count more pages than the file holds")
        return crashed
    }

    @Test func aCheckpointCutShortIsSQLitesToJudgeNotRefusedAsTruncated() throws {
        let path = try interruptedCheckpoint()
        #expect(DatabaseInspection.inspect(path: path) == .anima)
        let store = try AnimaStore(path: path, verifyIntegrity: true)  // as `anima run` opens it
        #expect(try store.database.integrityCheck() == "ok")
        #expect(try store.identity.recentStateHistory(limit: 5000).count == 3000)
        store.close()
    }

    @Test func aFileSQLiteCallsDamagedIsStillRefusedWithTheSizeNamed() throws {
        let path = try interruptedCheckpoint()
        try FileManager.default.removeItem(atPath: path + "-wal")  // without the WAL the pages are really gone
        guard case let .corrupt(reason) = DatabaseInspection.inspect(path: path) else {
            Issue.record("expected corrupt")
            return
        }
        #expect(reason.contains("truncated"), "\(reason)")
    }
}
