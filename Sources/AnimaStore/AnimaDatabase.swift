import GRDB

/// anima.db: one SQLite file in WAL mode, opened through a GRDB pool.
///
/// GRDB serialises writes on its own writer queue (the single owner of writes) and lets reads run
/// concurrently on WAL snapshots. `synchronous=NORMAL` under WAL never corrupts the file on power loss;
/// at most the transactions since the last checkpoint's fsync can be lost (docs/storage.md, "Durability").
public final class AnimaDatabase: Sendable {
    public let path: String
    let pool: DatabasePool

    /// The `runtime_state` key a run sets when it closed the database cleanly, and clears when it opens it.
    static let closedCleanlyKey = "database.closed_cleanly"

    /// Opens (creating if needed) the database and applies `migrator`'s pending migrations.
    /// An existing file that is not anima's, or is damaged, is refused before anything opens it for writing.
    /// `verifyIntegrity` runs SQLite's quick_check first (what `anima run` does at start: a damaged file is refused
    /// rather than drawn into) unless the last run closed it cleanly: quick_check reads every page, seconds on a large
    /// file and an SD card, and only a crash or power cut can have left damage to find. Readers such as `anima
    /// status` skip it.
    public init(path: String, migrator: DatabaseMigrator = DatabaseMigrator(), verifyIntegrity: Bool = false) throws(StoreError) {
        switch DatabaseInspection.inspect(path: path) {
        case .new, .anima: break
        case let kind: throw .refused(path: path, kind: kind)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .open(path: path, message: StoreError.wrap(error).description)
        }
        if verifyIntegrity, !Self.closedCleanly(pool) {
            let check = (try? pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ") }) ?? "unreadable"
            guard check == "ok" else {
                try? pool.close()
                throw .refused(path: path, kind: .corrupt(reason: "SQLite's quick_check reports: \(check.prefix(300))"))
            }
        }
        do {
            try migrator.migrate(pool)
        } catch {
            throw .open(path: path, message: StoreError.wrap(error).description)
        }
        self.path = path
    }

    private static func closedCleanly(_ pool: DatabasePool) -> Bool {
        let value = try? pool.read { db in
            try String.fetchOne(db, sql: "SELECT CAST(value AS TEXT) FROM runtime_state WHERE key = ?", arguments: [closedCleanlyKey])
        }
        return value == "true"
    }

    /// Runs `body` in one write transaction; a thrown error rolls it back.
    public func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.write(body) } catch { throw StoreError.wrap(error) }
    }

    /// Runs `body` on a read-only snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do { return try pool.read(body) } catch { throw StoreError.wrap(error) }
    }

    /// Moves everything the WAL holds into the main file and empties the WAL, so the file alone is the whole database
    /// (after `anima adopt`, before the installer hands the directory to the service user).
    public func checkpoint() throws(StoreError) {
        do { _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) } } catch { throw StoreError.wrap(error) }
    }

    /// The journal mode SQLite reports ("wal" once open).
    public func journalMode() throws(StoreError) -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    public func integrityCheck() throws(StoreError) -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }
}
