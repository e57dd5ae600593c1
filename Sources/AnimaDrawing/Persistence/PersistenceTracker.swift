/// When the canvas document should be written (Decision 6): only if something changed, and then after ≥ 5 marks
/// or ≥ 15 s since the last write; clears, saves and era changes ask for a write at once (the reference's
/// unconditional `save_to_disk()` calls).
struct PersistenceTracker: Sendable {
    private(set) var dirty = false
    private(set) var forced = false
    private(set) var marksSinceWrite = 0
    private(set) var lastWriteTime = 0.0

    mutating func noteMark() {
        dirty = true
        marksSinceWrite += 1
    }

    mutating func noteChange() { dirty = true }

    mutating func requestWrite() {
        dirty = true
        forced = true
    }

    func isDue(now: Double, hasPixels: Bool) -> Bool {
        if forced { return true }
        return dirty && hasPixels && (marksSinceWrite >= 5 || now - lastWriteTime >= 15.0)
    }

    mutating func written(now: Double) {
        dirty = false
        forced = false
        marksSinceWrite = 0
        lastWriteTime = now
    }
}
