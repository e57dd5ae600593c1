import Foundation

/// Real waiting with `nanosleep`, resumed after signals until the full time has passed.
public struct SystemDelay: Delay {
    public init() {}

    public func wait(milliseconds: UInt32) {
        var request = timespec(tv_sec: Int(milliseconds / 1000), tv_nsec: Int(milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR {
            request = remaining
        }
    }
}

/// Records waits instead of sleeping, so init sequences and resets are tested (and traced) without time passing.
/// Safe to share between threads.
public final class RecordingDelay: Delay, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [UInt32] = []
    private let log: HardwareEventLog?

    /// - Parameter log: also appends each wait to this shared log.
    public init(log: HardwareEventLog? = nil) {
        self.log = log
    }

    public func wait(milliseconds: UInt32) {
        lock.withLock { recorded.append(milliseconds) }
        log?.append(.wait(milliseconds: milliseconds))
    }

    /// Every wait, in order.
    public var waits: [UInt32] { lock.withLock { recorded } }

    /// The sum of all waits.
    public var totalMilliseconds: UInt64 { waits.reduce(0) { $0 + UInt64($1) } }
}
