/// When the sender may try again after failures, and whether the circuit is open: pure, clock and randomness
/// passed in, so the schedule is tested exactly.
///
/// Each failure waits `min(300, 5·2^(f−1))` seconds shortened by up to 20 % of random jitter (so a fleet of Pis
/// that lost the host together does not return in lockstep; the delays still grow). After 3 consecutive failures
/// the circuit is open until the wait ends, then half-open: one probe batch; success closes it, failure reopens it
/// with the next, longer wait.
public struct RetryBackoff: Sendable, Equatable {
    public static let baseDelay = 5.0
    public static let maxDelay = 300.0
    public static let jitterFraction = 0.2
    public static let circuitThreshold = 3

    public enum Circuit: String, Sendable, Equatable, Codable {
        case closed, open
        case halfOpen = "half_open"
    }

    public private(set) var consecutiveFailures = 0
    /// No attempt before this time (seconds on the client's clock).
    public private(set) var nextAttemptAt = -Double.infinity

    public init() {}

    public func mayAttempt(at now: Double) -> Bool { now >= nextAttemptAt }

    public func circuit(at now: Double) -> Circuit {
        guard consecutiveFailures >= Self.circuitThreshold else { return .closed }
        return now < nextAttemptAt ? .open : .halfOpen
    }

    public mutating func recordSuccess() {
        consecutiveFailures = 0
        nextAttemptAt = -Double.infinity
    }

    /// Counts a failure at `now` and returns the wait before the next attempt.
    @discardableResult
    public mutating func recordFailure(at now: Double, using random: inout some RandomNumberGenerator) -> Double {
        consecutiveFailures += 1
        let unit = Double(random.next() >> 11) / Double(1 << 53)
        let delay = Self.delay(afterFailures: consecutiveFailures, jitterUnit: unit)
        nextAttemptAt = now + delay
        return delay
    }

    /// The wait after `failures` consecutive failures for a jitter draw `unit` in [0, 1).
    public static func delay(afterFailures failures: Int, jitterUnit unit: Double) -> Double {
        let exponent = min(max(failures - 1, 0), 30)
        let nominal = min(maxDelay, baseDelay * Double(1 << exponent))
        return nominal * (1 - jitterFraction * min(max(unit, 0), 1))
    }
}
