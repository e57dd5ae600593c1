import AnimaDrawing
import Synchronization
import Testing

@testable import AnimaRuntime

/// A system whose wall clock can be stepped while its monotonic clock ticks on.
final class SteppableClocks: SystemClocks {
    private let times = Mutex((wall: 1_795_705_200.0, monotonic: 1_000.0))

    func wall() -> Double { times.withLock { $0.wall } }
    func monotonic() -> Double { times.withLock { $0.monotonic } }

    /// Real time passes: both clocks move.
    func pass(_ seconds: Double) { times.withLock { $0.wall += seconds; $0.monotonic += seconds } }
    /// Someone sets the clock: only the wall moves.
    func stepWall(by seconds: Double) { times.withLock { $0.wall += seconds } }
}

/// Issue 12 item 6: every loop timer and every time rule read the wall clock, so a step back (−1 h) stopped drawing,
/// the panel, the watchdog and status for an hour (and froze the 8 h rule and backoff), and a step forward (+1 day)
/// ended the drawing in progress. Issue 19 item 3: the run clock then stayed anchored at start, so a clock that was
/// ahead at boot kept every summary future-dated for the whole run after NTP corrected it (5 created, 0 stored).
@Suite struct RunClockTests {
    /// A step is slewed: never a jump, never backwards, and the run clock converges on the corrected wall clock.
    @Test func wallClockStepsAreSlewedNotJumpedAndTimeNeverRunsBackwards() {
        let system = SteppableClocks()
        let clock = RunClock(clocks: system)
        let start = clock.now()
        #expect(start == system.wall() && clock.elapsed() == 0)
        system.pass(10)
        #expect(clock.now() == start + 10 && clock.elapsed() == 10)
        // NTP corrects a clock that was an hour ahead: the run clock runs at half speed until the wall catches up.
        system.stepWall(by: -3_600)
        var previous = clock.now()
        var caughtUpAfter: Double?
        for second in 1...8_000 {
            system.pass(1)
            let now = clock.now()
            #expect(now > previous, "time moves on, never back")
            #expect(now - previous <= 1, "never faster than real time while the wall is behind")
            previous = now
            if caughtUpAfter == nil, now == system.wall() { caughtUpAfter = Double(second) }
        }
        #expect(caughtUpAfter == 7_200, "a −1 h step is absorbed at half speed in 2 h")
        #expect(clock.now() == system.wall() && clock.wallClockStep() == 0)
        // A step forward (+1 day) is caught up at double speed: no jump that would end a drawing at once.
        system.stepWall(by: 86_400)
        let before = clock.now()
        system.pass(1)
        #expect(clock.now() == before + 2)
        #expect(clock.elapsed() == 8_011)
    }

    /// What the host receives is never later than the wall clock: right after a correction, summaries carry the true
    /// time, while history keeps slewing down.
    @Test func hostStampsFollowTheCorrectedWallClockAtOnce() {
        let system = SteppableClocks()
        let clock = RunClock(clocks: system)
        system.pass(30)
        system.stepWall(by: -3_600)
        system.pass(1)
        #expect(clock.hostStamp() == system.wall())
        #expect(clock.now() > system.wall() + 3_000)
    }

    /// Issue 19 items 3 and 10: a start never goes back before the creature's newest record. A wall clock now behind
    /// it starts just after it and slews down; a virtual clock resumes after it (SIGKILL leaves no runtime.last_time).
    @Test func aStartResumesAfterTheNewestRecord() {
        let system = SteppableClocks()
        let wall = RunClock(clocks: system)
        let newest = system.wall() + 600
        wall.resume(after: newest)
        #expect(wall.now() > newest && wall.now() < newest + 1)
        system.pass(1)
        #expect(wall.now() > newest + 0.4 && wall.hostStamp() == system.wall())
        wall.resume(after: system.wall() - 86_400)  // an older record moves nothing
        #expect(wall.now() > newest)

        let virtual = RunClock(virtualStart: system.wall(), clocks: system)
        virtual.resume(after: system.wall() + 86_400 * 30)
        #expect(virtual.now() == system.wall() + 86_400 * 30 + 1)
        #expect(virtual.hostStamp() == system.wall(), "a simulated run racing ahead is dated now for the host")
        virtual.resume(after: system.wall())
        #expect(virtual.now() == system.wall() + 86_400 * 30 + 1)
    }

    /// The loop's cadences (watchdog 1 s, status 2 s, panel 1/fps, draw 1 s) run on `elapsed()`: across a −1 h and a
    /// +1 day step they fire exactly as often as without them.
    @Test func loopCadenceKeepsTimeAcrossWallClockSteps() {
        let system = SteppableClocks()
        let clock = RunClock(clocks: system)
        var watchdog = Cadence(every: 1)
        var status = Cadence(every: 2)
        var panel = Cadence(every: 0.125)
        var (pings, writes, frames) = (0, 0, 0)
        for tick in 0..<160 {  // 10 s in 62.5 ms iterations (exact in binary)
            if tick == 48 { system.stepWall(by: -3_600) }
            if tick == 96 { system.stepWall(by: 86_400) }
            let now = clock.elapsed()
            if watchdog.isDue(at: now) { pings += 1 }
            if status.isDue(at: now) { writes += 1 }
            if panel.isDue(at: now) { frames += 1 }
            system.pass(0.0625)
        }
        #expect(pings == 10 && writes == 5 && frames == 80, "\(pings) \(writes) \(frames)")
    }

    /// The drawing's 8-hour limit counts real seconds: a +1 day step of the system clock does not end the drawing.
    @Test func aForwardStepDoesNotEndTheDrawing() {
        let system = SteppableClocks()
        let clock = RunClock(clocks: system)
        let engine = DrawingEngine(configuration: DrawingEngineConfiguration(), clock: clock, random: SeededRandom(seed: 3))
        let anima = AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83)
        while engine.pixelCount < 60 {
            _ = engine.frame(anima: anima)
            system.pass(1)
        }
        system.stepWall(by: 86_400)
        #expect(engine.completionPath(now: system.wall()) == .timeLimit, "the wall clock alone would end it")
        #expect(engine.completionPath(now: clock.now()) != .timeLimit)
        let (_, autonomy) = engine.frame(anima: anima)
        if case .completed(let drawing)? = autonomy { #expect(drawing.path != .timeLimit) }
    }
}
