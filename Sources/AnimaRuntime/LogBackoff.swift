/// Back-off for a log line that repeats while something stays broken (a full disk fails every canvas, status and
/// history write: thousands of lines in seconds). The first occurrence is logged, then at most one per `interval`
/// seconds, saying how many were held back; when the failure stops, the next one is logged at once.
struct LogBackoff {
    let interval: Double
    private var entries: [String: (loggedAt: Double, held: Int)] = [:]

    init(interval: Double = 60) {
        self.interval = interval
    }

    /// nil: hold this occurrence back. A number: log it, mentioning that many held back since the last one logged.
    mutating func admit(_ key: String, at now: Double) -> Int? {
        if let entry = entries[key], now - entry.loggedAt < interval {
            entries[key]?.held += 1
            return nil
        }
        let held = entries[key]?.held ?? 0
        entries[key] = (now, 0)
        return held
    }

    /// The failure stopped (the write succeeded): the next occurrence is logged at once.
    mutating func clear(_ key: String) {
        entries[key] = nil
    }
}
