import AnimaDrawing
import Foundation
import Synchronization

/// The one clock the whole run reads: the drawing engine, the store (timestamps, identity), the governance client
/// (the interval, backoff). The run loop's own cadence reads `elapsed()`, the monotonic clock.
///
/// On a Pi it follows the system's wall clock, but never jumps and never runs backwards: a step of the wall clock
/// (NTP correcting a clock that was wrong at boot, a person setting it) is followed by *slewing* — the run clock runs
/// at most `fastRate` times real speed to catch up a step forward, at `slowRate` of it to let a step back catch up
/// with it — so history timestamps stay in order, the 8-hour limit, the save floor and the governance timers keep
/// counting about real seconds, and after a correction the timestamps converge on the true time instead of staying
/// wrong for the rest of the run. A start also never goes back before the creature's newest record (`resume(after:)`):
/// a clock that was ahead in the last run is slewed down to, not jumped back to.
///
/// Under `--clock-step S` it is a virtual clock that advances S seconds per draw() call, so every time-based rule runs
/// on simulated time; it starts at the real time now, or after the creature's newest record if that is later.
///
/// What the governance host sees (`hostStamp()`) is never later than the real wall clock: a summary or drawing of a
/// run whose clock is still slewing down, or of a simulated run racing ahead, is dated now, not in the future that the
/// host refuses.
public final class RunClock: DrawingClock, Sendable {
    /// A step back is caught up by running at half speed: time keeps moving, a −1 h step is absorbed in 2 h.
    public static let slowRate = 0.5
    /// A step forward is caught up by running at double speed: a +1 h step is absorbed in 1 h.
    public static let fastRate = 2.0

    private struct Slew {
        /// Run time minus (wall at start + elapsed): 0 until the wall clock steps or a resume moves the start.
        var offset = 0.0
        var lastElapsed = 0.0
    }

    private let virtualTime: Mutex<Double>?
    private let slew = Mutex(Slew())
    private let localOffset: Double
    private let clocks: any SystemClocks
    private let startWall: Double
    private let startMonotonic: Double

    /// A wall clock, starting at the system's wall time now.
    public init(clocks: any SystemClocks = KernelClocks()) {
        virtualTime = nil
        localOffset = Double(TimeZone.current.secondsFromGMT())
        self.clocks = clocks
        startWall = clocks.wall()
        startMonotonic = clocks.monotonic()
    }

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
        if let time = virtualTime?.withLock({ $0 }) { return time }
        let elapsed = elapsed()
        let target = clocks.wall() - (startWall + elapsed)
        let offset = slew.withLock { state -> Double in
            let passed = max(0, elapsed - state.lastElapsed)
            state.lastElapsed = max(state.lastElapsed, elapsed)
            if state.offset < target {
                state.offset = min(target, state.offset + passed * (Self.fastRate - 1))
            } else if state.offset > target {
                state.offset = max(target, state.offset - passed * (1 - Self.slowRate))
            }
            return state.offset
        }
        return startWall + elapsed + offset
    }

    /// Real seconds since this clock was made, from the monotonic clock (on a virtual clock too): the run loop's
    /// cadence, the display's retry delays and the status's frame rate.
    public func elapsed() -> Double { clocks.monotonic() - startMonotonic }

    /// The system wall clock minus this run's time: 0 while they agree; after someone steps the system clock, the
    /// step still to be absorbed by slewing. 0 on a virtual clock.
    public func wallClockStep() -> Double {
        isVirtual ? 0 : clocks.wall() - now()
    }

    /// Moves the clock on so that it reads later than `newest` (the creature's newest record): a virtual run resumes
    /// after the last one; a wall clock now earlier than the history it continues (it was ahead last run, or stepped
    /// back since) starts just after that history and slews down to the wall clock from there.
    public func resume(after newest: Double) {
        guard newest.isFinite else { return }
        if isVirtual {
            virtualTime?.withLock { time in if newest >= time { time = newest + 1 } }
            return
        }
        let current = now()
        guard newest >= current else { return }
        slew.withLock { $0.offset += newest + 0.001 - current }
    }

    /// The time to put on what the governance host receives: this clock, but never later than the real wall clock.
    public func hostStamp() -> Double { min(now(), clocks.wall()) }

    public func localOffsetSeconds(at time: Double) -> Double { localOffset }

    /// Moves a virtual clock on; a wall clock ignores it.
    public func advance(by seconds: Double) {
        virtualTime?.withLock { $0 += seconds }
    }

    /// The clock as a closure, for the store and the governance client.
    public var reading: @Sendable () -> Double { { [self] in self.now() } }

    /// `hostStamp()` as a closure, for the summaries' times.
    public var hostStamping: @Sendable () -> Double { { [self] in self.hostStamp() } }
}
