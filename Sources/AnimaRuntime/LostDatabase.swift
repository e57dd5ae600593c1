import AnimaStore
import Foundation

/// anima.db gone (or emptied) while the creature's other files remain: a lost database, not a first start. Starting
/// anyway used to make a new creature (new id, awakening 1) that resumed the old creature's canvas, so the loss went
/// unnoticed and the old identity could never be put back. anima refuses (exit 78) and says how to restore.
enum LostDatabase {
    /// A sentence naming what is left of a creature whose anima.db is missing or empty, or nil for a real first start.
    static func evidence(dataDirectory: String) -> String? {
        let database = dataDirectory + "/anima.db"
        guard DatabaseInspection.inspect(path: database) == .new else { return nil }
        let fileManager = FileManager.default
        var left: [String] = []
        if let size = (try? fileManager.attributesOfItem(atPath: database + "-wal"))?[.size] as? Int, size > 0 {
            left.append("anima.db-wal (\(size) bytes of its last transactions)")
        }
        if fileManager.fileExists(atPath: dataDirectory + "/canvas.json") { left.append("canvas.json (a canvas in progress)") }
        guard !left.isEmpty else { return nil }
        let state = fileManager.fileExists(atPath: database) ? "is empty" : "is missing"
        return "\(database) \(state), but \(dataDirectory) still holds a creature's \(left.joined(separator: " and ")): "
            + "its database was lost, and starting would make a new creature that takes over the old one's canvas. "
            + "Restore anima.db from a backup (docs/storage.md, \"Backing up anima.db\"), or, to start a new creature "
            + "on purpose, move canvas.json, anima.db-wal and anima.db-shm out of \(dataDirectory)"
    }
}
