import Foundation
import GRDB

/// A creature adopted into a data directory that has no anima.db yet: its database is built in a file beside the
/// target, in one transaction, and renamed to anima.db only once complete and on disk. Until that rename the target
/// has no anima.db, so a crash or power cut mid-import cannot leave a half-adopted creature (or an empty one that
/// `anima run` would take for a new creature); the next adopt removes what the crash left.
enum AdoptionStaging {
    static let stagingName = ".anima.db.adopting"

    /// True when `path` holds no database: no file, or an empty one with no WAL beside it.
    static func isAbsent(_ path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return true }
        return AdoptionSpace.size(of: path) == 0 && AdoptionSpace.size(of: path + "-wal") == 0
    }

    /// Removes a staging database and source copies an interrupted adopt left in `directory`.
    static func removeLeftovers(in directory: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(stagingName) || name.hasPrefix(PrivateDatabaseCopy.directoryPrefix) {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }

    /// Removes the staging database and its journal (not the source copy, which the import is reading).
    static func removeStaging(in directory: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: directory + "/" + stagingName + suffix)
        }
    }

    static func build(at path: String, _ importRows: (Database) throws -> Void) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let staging = directory + "/" + stagingName
        removeStaging(in: directory)
        do {
            // A rollback journal while building: pages past the file's old end are not journaled, so one large
            // transaction into a new file needs no second copy of itself (a WAL would hold every page once more
            // until the checkpoint).
            let queue = try DatabaseQueue(path: staging)
            do {
                try AnimaSchema.migrator.migrate(queue)
                try queue.write(importRows)
                // anima opens anima.db in WAL mode; the mode is recorded in the file's header.
                _ = try queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
                try queue.close()
            } catch {
                try? queue.close()
                throw error
            }
            try sync(staging)
            guard isAbsent(path) else {
                throw StoreError.open(path: path, message: "another anima.db appeared there during the adoption; run adopt again")
            }
            guard rename(staging, path) == 0 else {
                throw StoreError.open(path: path, message: "cannot rename \(staging) to it: \(String(cString: strerror(errno)))")
            }
            try sync(directory)
        } catch {
            removeStaging(in: directory)
            throw StoreError.wrap(error)
        }
    }

    /// fsync of a file or a directory, so the rename is durable and never names a file whose pages are not on disk.
    private static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError.open(path: path, message: "cannot open it to sync: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw StoreError.open(path: path, message: "fsync failed: \(String(cString: strerror(errno)))") }
    }
}
