import Foundation
import GRDB
import Testing

@testable import AnimaStore

/// A foreign, Python or damaged file at anima.db's path is refused and left byte-for-byte unchanged.
@Suite struct DatabaseRefusalTests {
    let directory: URL
    var path: String { directory.appendingPathComponent("anima.db").path }

    init() throws { directory = try makeTemporaryDirectory("anima-refusal") }

    /// The Python anima-mcp's tables, from CIRWEL/anima-mcp src/anima_mcp/identity/store.py (`_init_schema`'s
    /// CREATE TABLE statements), with one creature as its `IdentityStore.wake` writes it (naive local timestamps).
    func writePythonDatabase() throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS identity (
                        creature_id TEXT PRIMARY KEY, born_at TEXT NOT NULL, total_awakenings INTEGER DEFAULT 0,
                        total_alive_seconds REAL DEFAULT 0.0, name TEXT, name_history TEXT DEFAULT '[]',
                        metadata TEXT DEFAULT '{}');
                    CREATE TABLE IF NOT EXISTS events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp TEXT NOT NULL, event_type TEXT NOT NULL,
                        data TEXT DEFAULT '{}');
                    CREATE TABLE IF NOT EXISTS state_history (
                        id INTEGER PRIMARY KEY AUTOINCREMENT, timestamp TEXT NOT NULL, warmth REAL, clarity REAL,
                        stability REAL, presence REAL, sensors TEXT DEFAULT '{}');
                    INSERT INTO identity (creature_id, born_at, total_awakenings, total_alive_seconds, name)
                        VALUES ('49e14444-b59e-48f1-83b8-b36a988c9975', '2026-01-11T20:41:12.345678', 41, 86400.5, 'Lumen');
                    INSERT INTO events (timestamp, event_type) VALUES ('2026-01-11T20:41:12.345678', 'birth');
                    """)
        }
    }

    func snapshot() -> (bytes: Data?, wal: Bool, shm: Bool, journal: Bool) {
        let fileManager = FileManager.default
        return (fileManager.contents(atPath: path), fileManager.fileExists(atPath: path + "-wal"),
                fileManager.fileExists(atPath: path + "-shm"), fileManager.fileExists(atPath: path + "-journal"))
    }

    /// Opens the store expecting a refusal; returns its kind and message.
    func refusal() -> (kind: DatabaseKind, message: String)? {
        do {
            _ = try AnimaStore(path: path, verifyIntegrity: true)  // as `anima run` opens it
            Issue.record("opening \(path) should have been refused")
            return nil
        } catch {
            guard case let .refused(refusedPath, kind) = error else {
                Issue.record("expected a refusal, got \(error)")
                return nil
            }
            #expect(refusedPath == path)
            return (kind, error.description)
        }
    }

    @Test func pythonDatabaseIsNamedAndUntouched() throws {
        try writePythonDatabase()
        let before = snapshot()
        #expect(before.bytes != nil && !before.wal && !before.shm)
        let refused = try #require(refusal())
        #expect(refused.kind == .pythonReference(creatureID: "49e14444-b59e-48f1-83b8-b36a988c9975", name: "Lumen"))
        #expect(refused.message.contains("a Python anima-mcp database, creature 49e14444-b59e-48f1-83b8-b36a988c9975 'Lumen'"))
        #expect(refused.message.contains("anima adopt --from \(directory.path)"))
        #expect(refused.message.contains("stop anima-mcp") && !refused.message.contains("planned"))
        #expect(!refused.message.contains("--db"))
        let after = snapshot()
        #expect(after.bytes == before.bytes)
        #expect(!after.wal && !after.shm && !after.journal)
    }

    @Test func unknownTablesAreRefusedUntouched() throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)") }
        let before = snapshot()
        let refused = try #require(refusal())
        #expect(refused.kind == .foreign(tables: ["recipes"]))
        #expect(refused.message.contains("recipes"))
        #expect(snapshot().bytes == before.bytes)
        #expect(!snapshot().wal && !snapshot().shm)
    }

    @Test func truncatedAnimaDatabaseIsRefusedNotRecreated() throws {
        do {
            let store = try AnimaStore(path: path)
            _ = try store.identity.wake(creatureID: "c-1")
            // Into the main file now: when the pool's last connection closes is up to the runtime (under qemu it came
            // after the file was read, which then held only what the WAL had not yet given back).
            try store.database.checkpoint()
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let whole = try #require(FileManager.default.contents(atPath: path))
        try whole.prefix(whole.count / 2 + 100).write(to: URL(fileURLWithPath: path))
        let before = snapshot()
        let refused = try #require(refusal())
        guard case .corrupt = refused.kind else {
            Issue.record("expected corrupt, got \(refused.kind)")
            return
        }
        #expect(refused.message.contains("truncated"))
        #expect(refused.message.contains("will not start a new creature"))
        #expect(snapshot().bytes == before.bytes)
        #expect(!snapshot().wal && !snapshot().shm)
    }

    @Test func garbageBytesAreRefusedUntouched() throws {
        let garbage = Data(repeating: 0, count: 4096) + Data("not a database at all\u{0}".utf8)
        try garbage.write(to: URL(fileURLWithPath: path))
        let refused = try #require(refusal())
        guard case let .corrupt(reason) = refused.kind else {
            Issue.record("expected corrupt, got \(refused.kind)")
            return
        }
        #expect(reason.contains("SQLite header"))
        #expect(snapshot().bytes == garbage)
        #expect(!snapshot().wal && !snapshot().shm)
    }

    @Test func damagedPageIsCaughtByQuickCheck() throws {
        do {
            let store = try AnimaStore(path: path)
            _ = try store.identity.wake(creatureID: "c-1")
            // Into the main file now: when the pool's last connection closes is up to the runtime (under qemu it came
            // after the file was read, which then held only what the WAL had not yet given back).
            try store.database.checkpoint()
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var bytes = try #require(FileManager.default.contents(atPath: path))
        let pageSize = Int(bytes[16]) << 8 | Int(bytes[17])
        // Scribble over the second page (a b-tree page) but keep the header and the file's length.
        for index in pageSize..<(2 * pageSize) { bytes[index] = 0xA5 }
        try bytes.write(to: URL(fileURLWithPath: path))
        let refused = try #require(refusal())
        guard case .corrupt = refused.kind else {
            Issue.record("expected corrupt, got \(refused.kind)")
            return
        }
        #expect(snapshot().bytes == bytes)
    }

    @Test func animasOwnDatabaseAndAnEmptyFileStillOpen() throws {
        do {
            let store = try AnimaStore(path: path)
            _ = try store.identity.wake(creatureID: "c-1")
            // Into the main file now: when the pool's last connection closes is up to the runtime (under qemu it came
            // after the file was read, which then held only what the WAL had not yet given back).
            try store.database.checkpoint()
        }
        #expect(DatabaseInspection.inspect(path: path) == .anima)
        // Recognised from its header alone: anima's application_id, no copy of the file.
        let header = try #require(FileManager.default.contents(atPath: path)).prefix(72).suffix(4)
        #expect(Array(header) == Array("ANIM".utf8))
        _ = try AnimaStore(path: path)
        let empty = directory.appendingPathComponent("empty.db").path
        #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
        #expect(DatabaseInspection.inspect(path: empty) == .new)
        _ = try AnimaStore(path: empty)
    }
}
