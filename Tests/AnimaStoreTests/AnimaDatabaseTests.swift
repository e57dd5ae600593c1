import Foundation
import GRDB
import Testing

@testable import AnimaStore

/// The SQLite layer against a real file: WAL, rollback, and SQLite's own error messages.
@Suite struct AnimaDatabaseTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("anima-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @Test func opensInWALMode() throws {
        let database = try AnimaDatabase(path: directory.appendingPathComponent("anima.db").path)
        #expect(try database.journalMode() == "wal")
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"))
        #expect(try database.integrityCheck() == "ok")
    }

    @Test func failedTransactionRollsBack() throws {
        let database = try AnimaDatabase(path: directory.appendingPathComponent("anima.db").path)
        try database.write { db in try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)") }
        struct Abort: Error {}
        #expect(throws: StoreError.self) {
            try database.write { db in
                try db.execute(sql: "INSERT INTO notes (body) VALUES (?)", arguments: ["kept?"])
                throw Abort()
            }
        }
        let count = try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes") }
        #expect(count == 0)
    }

    @Test func constraintErrorCarriesSQLiteMessage() throws {
        let database = try AnimaDatabase(path: directory.appendingPathComponent("anima.db").path)
        try database.write { db in try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)") }
        do {
            try database.write { db in try db.execute(sql: "INSERT INTO notes (body) VALUES (NULL)") }
            Issue.record("inserting NULL into a NOT NULL column should fail")
        } catch {
            guard case let .sqlite(code, message, _) = error else {
                Issue.record("expected an SQLite error, got \(error)")
                return
            }
            #expect(code == 19)  // SQLITE_CONSTRAINT
            #expect(message.contains("NOT NULL constraint failed: notes.body"))
        }
    }

    @Test func unopenablePathNamesTheFile() throws {
        let path = directory.appendingPathComponent("missing-dir/anima.db").path
        do {
            _ = try AnimaDatabase(path: path)
            Issue.record("opening under a missing directory should fail")
        } catch {
            guard case let .open(failedPath, message) = error else {
                Issue.record("expected an open error, got \(error)")
                return
            }
            #expect(failedPath == path)
            #expect(!message.isEmpty)
        }
    }
}
