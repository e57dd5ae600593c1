/// One of the run loop's periodic tasks (sensing, lights, the panel, the watchdog, status), timed on the monotonic
/// clock (`RunClock.elapsed()`): a step of the system clock neither stalls it (a step back used to stop drawing, the
/// panel, the watchdog and status for the length of the step) nor fires it early.
struct Cadence {
    let interval: Double
    private var last: Double?

    init(every interval: Double) {
        self.interval = interval
    }

    /// True, and the interval restarts, on the first call and then once `interval` has passed since it was last due.
    mutating func isDue(at now: Double) -> Bool {
        if let last, now - last < interval { return false }
        last = now
        return true
    }

    /// When it is next due (now or earlier if it has never run).
    func nextDue(after now: Double) -> Double { last.map { $0 + interval } ?? now }

    /// Due at the next call, whatever the time.
    mutating func reset() { last = nil }
}
