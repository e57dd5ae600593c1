import Foundation
import GRDB

/// What a file at anima.db's path is, decided before anything opens it for writing.
public enum DatabaseKind: Equatable, Sendable {
    /// No file, or an empty one: safe to create a new creature.
    case new
    /// A file written by anima's own migrations.
    case anima
    /// The Python anima-mcp's anima.db (its `identity` table, no `grdb_migrations`).
    case pythonReference(creatureID: String?, name: String?)
    /// An SQLite file holding other tables.
    case foreign(tables: [String])
    /// Not a readable SQLite file: truncated, damaged, or something else entirely.
    case corrupt(reason: String)
}

/// Classifies an existing file without writing to it, not even a -wal or -shm beside it. anima's own files say so in
/// their header (`PRAGMA application_id`, set by a migration) and are recognised from those 100 bytes alone; anything
/// else is checked on a `PrivateDatabaseCopy`.
public enum DatabaseInspection {
    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)
    /// `PRAGMA application_id` of anima.db: "ANIM" (header bytes 68…71, sqlite.org/fileformat.html §1.3.17).
    public static let applicationID: Int32 = 0x414E_494D

    public static func inspect(path: String) -> DatabaseKind {
        inspectKeepingCopy(path: path).kind
    }

    /// `inspect`, also returning the private copy it classified (nil for a new file, anima's own, or one that could not
    /// be copied) so a caller that goes on reading it does not copy the file twice; the copy is made in
    /// `copyDirectory` (default: the temp directory).
    static func inspectKeepingCopy(path: String, copyingInto copyDirectory: String? = nil) -> (kind: DatabaseKind, copy: PrivateDatabaseCopy?) {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: path) else { return (.new, nil) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return (.corrupt(reason: "the file cannot be read (check its permissions)"), nil)
        }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        let fileSize = Int((try? handle.seekToEnd()) ?? 0)
        try? handle.close()
        if fileSize == 0 { return (.new, nil) }
        if let reason = headerProblem(header) { return (.corrupt(reason: reason), nil) }
        // A main file shorter than its header says is what a checkpoint cut short by a full disk leaves: the pages are
        // still in the WAL and SQLite reads them from there. Only SQLite's own verdict on the database as it sees it,
        // WAL included, can call such a file damaged.
        let sizeAnomaly = sizeProblem(header, fileSize: fileSize)
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if id == UInt32(bitPattern: applicationID) {
            guard let sizeAnomaly else { return (.anima, nil) }
            return (checkInPlace(path: path, sizeAnomaly: sizeAnomaly), nil)
        }

        let copy: PrivateDatabaseCopy
        do {
            copy = try PrivateDatabaseCopy(of: path, in: copyDirectory)
        } catch {
            return (.corrupt(reason: error.reason), nil)
        }
        do {
            let kind = try copy.queue.read { db in try classify(db) }
            if case let .corrupt(reason) = kind, let sizeAnomaly { return (.corrupt(reason: "\(reason); \(sizeAnomaly)"), copy) }
            return (kind, copy)
        } catch {
            return (.corrupt(reason: [StoreError.wrap(error).description, sizeAnomaly].compactMap { $0 }.joined(separator: "; ")), nil)
        }
    }

    /// Checks the 100-byte header (https://www.sqlite.org/fileformat.html §1.3): the magic string and a power-of-two
    /// page size. Anything else about the file is SQLite's to judge.
    static func headerProblem(_ header: [UInt8]) -> String? {
        guard header.count == 100, Array(header.prefix(16)) == sqliteHeader else {
            return "it does not start with the SQLite header (not an SQLite database)"
        }
        guard pageSize(header) != nil else {
            return "its header gives an impossible page size \(Int(header[16]) << 8 | Int(header[17]))"
        }
        return nil
    }

    /// A main file that is not a whole number of pages, or holds fewer pages than its header counts, described; nil
    /// for a file whose size agrees with its header. Not a verdict: the WAL beside it may hold the rest.
    static func sizeProblem(_ header: [UInt8], fileSize: Int) -> String? {
        guard let pageSize = pageSize(header) else { return nil }
        guard fileSize % pageSize == 0 else {
            return "the file is \(fileSize) bytes, not a whole number of \(pageSize)-byte pages (truncated?)"
        }
        let counted = header[28..<32].reduce(0) { $0 << 8 | Int($1) }
        let changeCounter = header[24..<28].reduce(0) { $0 << 8 | Int($1) }
        let validFor = header[92..<96].reduce(0) { $0 << 8 | Int($1) }
        if counted > 0, changeCounter == validFor, fileSize / pageSize < counted {
            return "its header counts \(counted) pages but the file holds \(fileSize / pageSize) (truncated?)"
        }
        return nil
    }

    private static func pageSize(_ header: [UInt8]) -> Int? {
        guard header.count == 100 else { return nil }
        let raw = Int(header[16]) << 8 | Int(header[17])
        let size = raw == 1 ? 65_536 : raw
        return size >= 512 && size & (size - 1) == 0 ? size : nil
    }

    /// SQLite's quick_check on anima's own file where it lies, its WAL included: `.anima` when SQLite finds it sound.
    /// Opening it replays nothing into the file; closing the last connection may checkpoint the WAL, as anima's own
    /// open would a moment later.
    static func checkInPlace(path: String, sizeAnomaly: String) -> DatabaseKind {
        do {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            let check = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ") }
            return check == "ok" ? .anima : .corrupt(reason: "SQLite's quick_check reports: \(check.prefix(300)); \(sizeAnomaly)")
        } catch {
            return .corrupt(reason: "\(StoreError.wrap(error).description); \(sizeAnomaly)")
        }
    }

    static func classify(_ db: Database) throws -> DatabaseKind {
        let check = try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ")
        guard check == "ok" else { return .corrupt(reason: "SQLite's quick_check reports: \(check.prefix(300))") }
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if tables.isEmpty { return .new }
        if tables.contains("grdb_migrations") {
            let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            if applied.allSatisfy(AnimaSchema.migrationNames.contains) { return .anima }
            return .foreign(tables: tables)
        }
        if tables.contains("identity") {
            let columns = Set(try db.columns(in: "identity").map(\.name))
            guard columns.contains("creature_id") else { return .foreign(tables: tables) }
            let nameColumn = columns.contains("name") ? "name" : "NULL"
            let row = try Row.fetchOne(db, sql: "SELECT CAST(creature_id AS TEXT), CAST(\(nameColumn) AS TEXT) FROM identity LIMIT 1")
            return .pythonReference(creatureID: row?[0], name: row?[1])
        }
        return .foreign(tables: tables)
    }
}
