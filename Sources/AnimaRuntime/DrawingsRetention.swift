import Foundation

/// The finished drawings kept on the card: at most `keep` PNGs in `drawings/`, the oldest deleted first and counted
/// (`runtime_state["drawings.pruned"]`, shown by `anima status`). A drawing waiting for the governance host is safe:
/// its upload queue holds its own copy of the PNG in anima.db, so deleting the file loses nothing unsent. The
/// reference's names (`lumen_drawing_YYYYmmdd_HHMMSS_<era>.png`) sort by time; other files are never touched.
struct DrawingsRetention {
    /// ~40 MB of 240×240 drawings; a creature finishing a few a day keeps about a year of them.
    static let defaultKeep = 1_000
    static let prunedKey = "drawings.pruned"

    let directory: String
    var keep = DrawingsRetention.defaultKeep

    /// Deletes the oldest drawings beyond `keep`; returns how many went.
    func prune() -> Int {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("lumen_drawing_") && $0.hasSuffix(".png") }
            .sorted()
        guard names.count > keep else { return 0 }
        var removed = 0
        for name in names.prefix(names.count - keep) {
            if (try? FileManager.default.removeItem(atPath: directory + "/" + name)) != nil { removed += 1 }
        }
        return removed
    }
}
