import AnimaDrawing
import Foundation
import Synchronization

/// The one clock the whole run reads: the drawing engine, the store (timestamps, identity), the governance client
/// (summary times, interval, backoff). On a Pi it is the wall time at start carried forward by the monotonic clock,
/// so a step of the system clock during a run (−1 h, +1 day) moves no rule: the 8-hour limit, the save floor, the
/// governance interval and backoff keep counting real seconds, and history timestamps stay in order. The run loop's
/// own cadence reads `elapsed()`. Under `--clock-step S` it is a virtual clock that advances S seconds per draw()
/// call, so every time-based rule runs on simulated time.
public final class RunClock: DrawingClock, Sendable {
    private let virtualTime: Mutex<Double>?
    private let localOffset: Double
    private let clocks: any SystemClocks
    private let startWall: Double
    private let startMonotonic: Double

    /// A wall clock, anchored at the system's wall time now and advanced by its monotonic clock.
    public init(clocks: any SystemClocks = KernelClocks()) {
        virtualTime = nil
        localOffset = Double(TimeZone.current.secondsFromGMT())
        self.clocks = clocks
        startWall = clocks.wall()
        startMonotonic = clocks.monotonic()
    }

    /// How far before now a fresh virtual run starts: a simulated run races ahead of real time, and a governance host
    /// refuses summaries and drawings dated in the future, so simulated time starts a year back and stays in the past
    /// for a year of simulation (later virtual runs resume after the previous one's last time).
    public static let virtualLeadIn: Double = 365 * 86_400

    /// A virtual clock starting at `start` (seconds since 1970).
    public init(virtualStart start: Double, clocks: any SystemClocks = KernelClocks()) {
        virtualTime = Mutex(start)
        localOffset = 0
        self.clocks = clocks
        startWall = clocks.wall()
        startMonotonic = clocks.monotonic()
    }

    public var isVirtual: Bool { virtualTime != nil }

    public func now() -> Double {
        virtualTime?.withLock { $0 } ?? startWall + elapsed()
    }

    /// Real seconds since this clock was made, from the monotonic clock (on a virtual clock too): the run loop's
    /// cadence, the display's retry delays and the status's frame rate.
    public func elapsed() -> Double { clocks.monotonic() - startMonotonic }

    /// The system wall clock minus this run's time: 0 at start; it changes when someone steps the system clock. The
    /// run reports such a step; its timestamps follow the wall clock again from the next start. 0 on a virtual clock.
    public func wallClockStep() -> Double {
        isVirtual ? 0 : clocks.wall() - now()
    }

    public func localOffsetSeconds(at time: Double) -> Double { localOffset }

    /// Moves a virtual clock on; a wall clock ignores it.
    public func advance(by seconds: Double) {
        virtualTime?.withLock { $0 += seconds }
    }

    /// The clock as a closure, for the store and the governance client.
    public var reading: @Sendable () -> Double { { [self] in self.now() } }
}
