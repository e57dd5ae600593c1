import AnimaDrawing
import Foundation
import Synchronization

/// The one clock the whole run reads: the drawing engine, the store (timestamps, identity), the governance client
/// (summary times, interval, backoff). Wall time on a Pi; under `--clock-step S` a virtual clock that advances S
/// seconds per draw() call, so every time-based rule runs on simulated time.
public final class RunClock: DrawingClock, Sendable {
    private let virtualTime: Mutex<Double>?
    private let localOffset: Double

    /// A wall clock.
    public init() {
        virtualTime = nil
        localOffset = Double(TimeZone.current.secondsFromGMT())
    }

    /// How far before now a fresh virtual run starts: a simulated run races ahead of real time, and a governance host
    /// refuses summaries and drawings dated in the future, so simulated time starts a year back and stays in the past
    /// for a year of simulation (later virtual runs resume after the previous one's last time).
    public static let virtualLeadIn: Double = 365 * 86_400

    /// A virtual clock starting at `start` (seconds since 1970).
    public init(virtualStart start: Double) {
        virtualTime = Mutex(start)
        localOffset = 0
    }

    public var isVirtual: Bool { virtualTime != nil }

    public func now() -> Double {
        virtualTime?.withLock { $0 } ?? Date().timeIntervalSince1970
    }

    public func localOffsetSeconds(at time: Double) -> Double { localOffset }

    /// Moves a virtual clock on; a wall clock ignores it.
    public func advance(by seconds: Double) {
        virtualTime?.withLock { $0 += seconds }
    }

    /// The clock as a closure, for the store and the governance client.
    public var reading: @Sendable () -> Double { { [self] in self.now() } }
}
