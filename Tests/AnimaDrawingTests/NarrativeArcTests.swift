import Testing

@testable import AnimaDrawing

/// Every arc transition and its hysteresis (spec §1.9).
@Suite struct NarrativeArcTests {
    @Test func underTenPixelsForcesOpening() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(9)
        engine.state.arcPhase = .developing
        clock.advance(by: 30)
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .opening)
        #expect(engine.record.phaseStartTime == clock.now())
        #expect(engine.record.drawingPhase == "opening")
    }

    @Test func openingToDevelopingNeedsMomentumAndMoreThanTenMarks() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(20)
        engine.state.iMomentum = 0.16
        engine.state.phaseMarkCount = 10
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .opening)
        engine.state.phaseMarkCount = 11
        engine.state.iMomentum = 0.15
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .opening)
        engine.state.iMomentum = 0.16
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .developing)
        #expect(engine.state.phaseMarkCount == 0)
    }

    @Test func developingToResolvingNeedsHighSteadyCoherence() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(20)
        engine.state.arcPhase = .developing
        engine.behaviouralC = 0.61
        engine.state.coherenceVelocity = 0.02
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .developing)
        engine.state.coherenceVelocity = -0.019
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .resolving)
    }

    @Test func developingRegressesToOpening() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(20)
        engine.state.arcPhase = .developing
        engine.behaviouralC = 0.29
        engine.state.iMomentum = 0.29
        engine.state.phaseMarkCount = 20
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .developing)
        engine.state.phaseMarkCount = 21
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .opening)
    }

    @Test func resolvingHysteresisLeavesOnlyBelowPointFour() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(20)
        engine.state.arcPhase = .resolving
        engine.behaviouralC = 0.45  // below the 0.6 entry, above the 0.4 exit
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .resolving)
        engine.behaviouralC = 0.39
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .developing)
    }

    @Test func resolvingClosesWhenTheNarrativeIsCompleteAndClosingMarksSatisfied() {
        let (engine, clock) = makeEngine()
        engine.fillBalanced(300)
        engine.state.arcPhase = .resolving
        engine.behaviouralC = 0.2
        engine.state.fatigue = 0.95
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.state.arcPhase == .closing)
        #expect(engine.closingPath == .fatigue)
        #expect(!engine.record.isSatisfied)
        clock.advance(by: 1)
        engine.updateNarrativeArc(now: clock.now())
        #expect(engine.record.isSatisfied)
        #expect(engine.record.satisfactionTime == clock.now())
        #expect(engine.completionPath(now: clock.now()) == .fatigue)
    }
}
