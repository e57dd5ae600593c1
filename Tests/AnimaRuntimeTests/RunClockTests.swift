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
/// ended the drawing in progress.
@Suite struct RunClockTests {
    @Test func wallClockStepsMoveNeitherRunTimeNorElapsedTime() {
        let system = SteppableClocks()
        let clock = RunClock(clocks: system)
        let start = clock.now()
        #expect(start == system.wall() && clock.elapsed() == 0)
        system.pass(10)
        #expect(clock.now() == start + 10 && clock.elapsed() == 10)
        system.stepWall(by: -3_600)
        system.pass(1)
        #expect(clock.now() == start + 11 && clock.elapsed() == 11)
        #expect(clock.wallClockStep() == -3_600)
        system.stepWall(by: 86_400)
        system.pass(1)
        #expect(clock.now() == start + 12 && clock.elapsed() == 12)
        #expect(clock.wallClockStep() == 82_800)
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
