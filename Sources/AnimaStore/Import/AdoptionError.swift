import Foundation

/// Why `anima adopt` did not adopt. Nothing was written to the target when it throws before the import's transaction
/// commits; the source is never written at all.
public enum AdoptionError: Error, Sendable, CustomStringConvertible {
    /// `--from` has no anima.db.
    case noSourceDatabase(directory: String)
    /// The source's anima.db is not the Python anima-mcp's (`kind` says what it is).
    case notReference(path: String, kind: DatabaseKind)
    /// Source and target are the same directory.
    case sameDirectory(String)
    /// The target already holds another creature.
    case differentCreature(path: String, existing: String, source: String)
    /// A value in the source that anima cannot carry over (table, row and value named).
    case unreadableSource(path: String, message: String)
    /// The target anima.db could not be opened or written.
    case target(StoreError)
    /// A file (canvas.json, a drawing) could not be copied into the data directory.
    case file(path: String, message: String)
    /// The data directory's file system has less free than the adoption needs (`AdoptionSpace`).
    case notEnoughSpace(directory: String, needed: UInt64, free: UInt64, sourceBytes: UInt64)

    public var description: String {
        switch self {
        case let .noSourceDatabase(directory):
            return "\(directory) holds no anima.db: point --from at the Python anima-mcp's data directory (usually ~/.anima of the user it ran as)"
        case let .notReference(path, kind):
            switch kind {
            case .anima:
                return "\(path) is already anima's own database: nothing to adopt — run anima with --data-dir \((path as NSString).deletingLastPathComponent)"
            case .new:
                return "\(path) is empty: there is no creature to adopt"
            case let .foreign(tables):
                return "\(path) is not an anima-mcp database (tables: \(tables.prefix(8).joined(separator: ", "))); it was not changed"
            case let .corrupt(reason):
                return "\(path) cannot be read: \(reason). It was not changed; adopt from a backup copy of ~/.anima instead"
            case .pythonReference:
                return "\(path) was refused"
            }
        case let .sameDirectory(directory):
            return "--from and --data-dir are both \(directory): adopt into anima's own data directory (e.g. /var/lib/anima); the original stays as the backup"
        case let .differentCreature(path, existing, source):
            return "\(path) already holds creature \(existing), not \(source): anima will not adopt over another creature. "
                + "Choose an empty --data-dir, or move that anima.db aside if you mean to replace it"
        case let .unreadableSource(path, message):
            return "\(path): \(message). Nothing was adopted"
        case let .target(error):
            return "\(error.description) Nothing was adopted"
        case let .notEnoughSpace(directory, needed, free, sourceBytes):
            return "adopting needs \(AdoptionSpace.shown(needed)) free in \(directory) (a copy of the \(AdoptionSpace.shown(sourceBytes)) "
                + "source database to read, room for the rows it brings, and a margin) but its file system has \(AdoptionSpace.shown(free)) free. "
                + "Nothing was written: free space there, or adopt into a --data-dir on a larger file system"
        case let .file(path, message):
            return "cannot write \(path): \(message). The history is adopted; run `anima adopt` again once fixed to copy the remaining files"
        }
    }
}
