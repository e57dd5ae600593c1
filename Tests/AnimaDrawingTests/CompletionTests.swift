import Testing

@testable import AnimaDrawing

/// The six completion paths, compositional satisfaction, false starts and the autonomy check (spec §1.9–1.13).
@Suite struct CompletionTests {
    @Test func closingPath() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(300)
        #expect(engine.completionPath(now: clock.now()) == nil)
        engine.state.arcPhase = .closing
        #expect(engine.completionPath(now: clock.now()) == .closing)
    }

    @Test func settledAndExhaustedPath() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(300)
        engine.state.coherenceHistory = Array(repeating: 0.7, count: 20)
        engine.state.curiosity = 0.1
        #expect(engine.completionPath(now: clock.now()) == nil)  // engagement 0.5, fatigue 0: not exhausted
        engine.state.engagement = 0.2
        #expect(engine.completionPath(now: clock.now()) == .settledAndExhausted)
    }

    @Test func compositionalSatisfactionPath() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(2880)  // density 0.05 → coverage 1; balance 1; coherence 0.5 → 0.85
        #expect(abs(engine.compositionalSatisfaction() - 0.85) < 1e-12)
        engine.state.curiosity = 0.2
        #expect(engine.completionPath(now: clock.now()) == nil)
        engine.state.curiosity = 0.19
        #expect(engine.completionPath(now: clock.now()) == .compositionalSatisfaction)
    }

    @Test func fatiguePath() {
        let (engine, clock) = makeEngine()
        engine.state.fatigue = 0.90
        #expect(engine.completionPath(now: clock.now()) == nil)
        engine.state.fatigue = 0.901
        #expect(engine.completionPath(now: clock.now()) == .fatigue)
    }

    @Test func stallPath() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(200)
        engine.state.curiosity = 0
        engine.state.engagement = 0.12  // derived energy 0.048
        clock.advance(by: 900)
        #expect(engine.completionPath(now: clock.now()) == nil)  // not more than 900 s
        clock.advance(by: 1)
        #expect(engine.completionPath(now: clock.now()) == .stall)
        engine.state.engagement = 0.125  // derived energy 0.05 is not < 0.05
        #expect(engine.completionPath(now: clock.now()) == nil)
    }

    @Test func timeLimitPath() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(50)
        clock.advance(by: 28_800)
        #expect(engine.completionPath(now: clock.now()) == nil)
        clock.advance(by: 1)
        #expect(engine.completionPath(now: clock.now()) == .timeLimit)
        let (small, smallClock) = makeEngine()
        small.fillBalanced(49)
        smallClock.advance(by: 30_000)
        #expect(small.completionPath(now: smallClock.now()) == nil)
    }

    @Test func compositionalSatisfactionParts() {
        let (engine, _) = makeEngine()
        engine.fillTopLeft(49)
        #expect(engine.compositionalSatisfaction() == 0)
        let (lopsided, _) = makeEngine()
        lopsided.fillTopLeft(1440)  // density 0.025 → coverage 0.5; one quadrant r = 1 → 0, others r = 0 → 0
        #expect(abs(lopsided.compositionalSatisfaction() - (0.4 * 0.5 + 0 + 0.3 * 0.5)) < 1e-12)
        lopsided.record.coherenceHistory = [0.1, 0.2, 0.3, 0.4, 0.5, 0.9]  // ≥ 5: mean of the last ≤ 10 = 0.4
        #expect(abs(lopsided.compositionalSatisfaction() - (0.2 + 0.3 * 0.4)) < 1e-12)
        let (dense, _) = makeEngine()
        dense.fillBalanced(28_800)  // density 0.5 → coverage 1 − 0.25/0.5 = 0.5
        #expect(abs(dense.compositionalSatisfaction() - (0.2 + 0.3 + 0.15)) < 1e-12)
    }

    // MARK: False start

    func falseStartEngine() -> (DrawingEngine, VirtualClock) {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(40)
        engine.record.markCount = 8
        engine.state.iMomentum = 0.2
        engine.state.engagement = 0.25
        engine.state.coherenceHistory = [0.3, 0.3, 0.3]
        clock.advance(by: 45.5)
        return (engine, clock)
    }

    @Test func falseStartRule() {
        let (engine, clock) = falseStartEngine()
        #expect(engine.isFalseStart(now: clock.now()))
        let now = clock.now()
        engine.state.coherenceHistory = [0.3, 0.3]
        #expect(!engine.isFalseStart(now: now))  // too little coherence data
        engine.state.coherenceHistory = Array(repeating: 0.9, count: 5) + Array(repeating: 0.3, count: 10)
        #expect(engine.isFalseStart(now: now))  // only the last 10 count
        engine.state.coherenceHistory = [0.351, 0.351, 0.351]
        #expect(!engine.isFalseStart(now: now))
        engine.state.coherenceHistory = [0.3, 0.3, 0.3]
        engine.state.engagement = 0.3
        #expect(!engine.isFalseStart(now: now))
        engine.state.engagement = 0.25
        engine.state.iMomentum = 0.25
        #expect(!engine.isFalseStart(now: now))
        engine.state.iMomentum = 0.2
        engine.record.markCount = 7
        #expect(!engine.isFalseStart(now: now))
        engine.record.markCount = 8
        #expect(!engine.isFalseStart(now: engine.record.phaseStartTime + 45))
        engine.state.arcPhase = .developing
        #expect(!engine.isFalseStart(now: now))
    }

    @Test func autonomyAbandonsAFalseStartAtMostTwiceInARow() {
        let (engine, clock) = falseStartEngine()
        engine.markCount = 8
        guard case .abandoned(marks: 8, pixels: 40) = engine.checkAutonomy(anima: referenceAnima) else {
            Issue.record("expected an abandonment")
            return
        }
        #expect(engine.pixelCount == 0)
        #expect(engine.record.consecutiveFalseStarts == 1)
        #expect(engine.record.drawingPausedUntil == clock.now() + 5)
        #expect(engine.era == .gestural)
        #expect(engine.canvasPersistenceDue)
        // The counter blocks a third abandonment in a row.
        engine.record.consecutiveFalseStarts = 2
        engine.fillBalanced(40)
        engine.record.markCount = 8
        engine.state.iMomentum = 0.2
        engine.state.engagement = 0.25
        engine.state.coherenceHistory = [0.3, 0.3, 0.3]
        clock.advance(by: 60)
        guard case .nothing = engine.checkAutonomy(anima: referenceAnima) else {
            Issue.record("expected no action after two consecutive false starts")
            return
        }
    }

    @Test func autonomyCompletesSavesClearsAndHonoursTheFloors() {
        let (engine, clock) = makeEngine()
        engine.lastAnima = referenceAnima
        engine.fillBalanced(300)
        engine.markCount = 5
        engine.state.fatigue = 0.95
        guard case .nothing = engine.checkAutonomy(anima: nil) else {
            Issue.record("no anima → nothing")
            return
        }
        guard case let .completed(drawing) = engine.checkAutonomy(anima: referenceAnima) else {
            Issue.record("expected a completed drawing")
            return
        }
        #expect(drawing.path == .fatigue)
        #expect(drawing.pixels == 300)
        #expect(drawing.marks == 5)
        #expect(drawing.fileName == "lumen_drawing_20260101_000000_gestural.png")
        #expect(drawing.image.width == 240)
        #expect(engine.pixelCount == 0)
        #expect(engine.record.drawingsSaved == 1)
        #expect(engine.record.lastSaveTime == clock.now())
        #expect(engine.markCount == 0)
        #expect(engine.state.fatigue == 0)
        // Hour 0 UTC: no initial quadrant; the goal reflects warmth 0.41 → bias −0.027, clarity 0.82 → sparse.
        #expect(engine.goal?.coverageTarget == "sparse")
        #expect(engine.focusX == 120 && engine.focusY == 120)
        // The 60 s save floor blocks the next check.
        engine.fillBalanced(300)
        engine.markCount = 5
        engine.state.fatigue = 0.95
        clock.advance(by: 59)
        guard case .nothing = engine.checkAutonomy(anima: referenceAnima) else {
            Issue.record("expected the 60 s floor to hold")
            return
        }
    }

    @Test func autonomyNeedsTwoHundredPixelsAndFiveMarks() {
        let (engine, _) = makeEngine()
        engine.fillBalanced(199)
        engine.markCount = 5
        engine.state.fatigue = 0.95
        guard case .nothing = engine.checkAutonomy(anima: referenceAnima) else {
            Issue.record("199 px must not complete")
            return
        }
        engine.fillBalanced(200)
        engine.markCount = 4
        guard case .nothing = engine.checkAutonomy(anima: referenceAnima) else {
            Issue.record("4 marks must not complete")
            return
        }
    }

    @Test func initialQuadrantPlacesTheFirstFocus() {
        // 09:00 UTC → quadrant 0 → focus (60, 60) after the clear (Decision 5).
        let (engine, _) = makeEngine(start: 1_767_225_600 + 9 * 3600)
        engine.lastAnima = referenceAnima
        engine.fillBalanced(300)
        engine.markCount = 5
        engine.state.fatigue = 0.95
        guard case .completed = engine.checkAutonomy(anima: referenceAnima) else {
            Issue.record("expected a completed drawing")
            return
        }
        #expect(engine.goal?.initialQuadrant == 0)
        #expect(engine.focusX == 60 && engine.focusY == 60)
    }

    @Test func drawingGoal() {
        let goal = DrawingGoal(warmth: 0.9, clarity: 0.2, hour: 13)
        #expect(abs(goal.warmthBias - 0.12) < 1e-15)
        #expect(goal.description == "warm tones, dense")
        #expect(goal.initialFocus?.x == 180 && goal.initialFocus?.y == 60)
        #expect(DrawingGoal(warmth: 0.5, clarity: 0.5, hour: 18).initialQuadrant == nil)
        #expect(DrawingGoal(warmth: 0.1, clarity: 0.5, hour: 6).description == "cool tones, balanced")
    }
}
