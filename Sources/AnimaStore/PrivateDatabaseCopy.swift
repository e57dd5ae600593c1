import Foundation
import GRDB

/// A throwaway copy of another program's SQLite file (with the committed transactions still in its WAL). Reading the
/// copy can never write beside the original: SQLite may create -wal and -shm files even for a read-only connection,
/// and replaying a WAL writes the database file.
final class PrivateDatabaseCopy {
    /// The name every copy's directory starts with, so a copy a crash left behind can be found and removed.
    static let directoryPrefix = ".anima-copy-"

    let queue: DatabaseQueue
    private let directory: URL

    /// Copies `path` (and `path-wal` when it holds anything) into a new directory under `parent` and opens the copy.
    /// `parent` defaults to the temp directory, fit for a small file only: on Debian trixie /tmp is a tmpfs, in RAM,
    /// so `anima adopt` copies a creature's years of history next to its target instead. The error is a sentence
    /// saying why.
    init(of path: String, in parent: String? = nil) throws(PrivateDatabaseCopyError) {
        let fileManager = FileManager.default
        let base = parent.map { URL(fileURLWithPath: $0) } ?? fileManager.temporaryDirectory
        directory = base.appendingPathComponent(Self.directoryPrefix + UUID().uuidString)
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw PrivateDatabaseCopyError(reason: "could not make \(directory.path) to copy it into (\(error.localizedDescription))")
        }
        let copy = directory.appendingPathComponent("copy.db").path
        do {
            // Streamed, not read into memory: a creature's years of history can outweigh a Pi Zero's RAM.
            try fileManager.copyItem(atPath: path, toPath: copy)
            if let size = (try? fileManager.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int, size > 0 {
                try fileManager.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
            }
        } catch {
            try? fileManager.removeItem(at: directory)
            throw PrivateDatabaseCopyError(
                reason: "could not copy it to \(directory.path) to read it (\(error.localizedDescription); is \(base.path) full?)")
        }
        do {
            var configuration = Configuration()
            configuration.readonly = false  // the copy is ours; SQLite may need to replay its WAL
            queue = try DatabaseQueue(path: copy, configuration: configuration)
        } catch {
            try? fileManager.removeItem(at: directory)
            throw PrivateDatabaseCopyError(reason: StoreError.wrap(error).description)
        }
    }

    deinit {
        try? queue.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

struct PrivateDatabaseCopyError: Error, Sendable {
    let reason: String
}
