import Testing

@testable import AnimaDrawing

/// Pins the per-mark equations of spec §1.5–1.8 with hand-computed values.
@Suite struct EISVDynamicsTests {
    @Test func oneODEStepFromTheDefaultState() {
        var state = DrawingState()
        // C = 0.5(1 + tanh 0) = 0.5; drift² = 0.0625
        // dE = 0.01(0.6 − 0.4) − 0.005·0.4·0.5 + 0.002·0.0625 = 0.001125
        // dI = 0.015·0.5 − 0.005·0.5 − 0.012·0.2 = 0.0026
        // dS = −0.04·0.5 + 0.02·0.0625 − 0.008·0.5 = −0.02275
        // dV = 0.015(0.6 − 0.4) − 0.02·0 = 0.003
        let result = EISVDynamics.odeStep(&state, iSignal: 0.6, sSignal: 0.5, drift: 0.25)
        #expect(abs(result.dEdt - 0.0001125) < 1e-15)
        #expect(result.C == 0.5)
        #expect(abs(state.E - 0.4001125) < 1e-15)
        #expect(abs(state.I - 0.20026) < 1e-15)
        #expect(abs(state.S - 0.497725) < 1e-15)
        #expect(abs(state.V - 0.0003) < 1e-15)
    }

    @Test func vFollowsIMinusENotEMinusI() {
        var state = DrawingState()
        state.E = 0.8
        EISVDynamics.odeStep(&state, iSignal: 0.2, sSignal: 0.5, drift: 0)
        // dV = 0.015(0.2 − 0.8) = −0.009 → V = −0.0009
        #expect(abs(state.V + 0.0009) < 1e-15)
    }

    @Test func odeClampsEachVariable() {
        var state = DrawingState()
        state.E = 1.0
        state.I = 0.0
        state.S = 0.001
        state.V = 2.0
        // dE = 0.01(1 − 1) − 0.005·1·0 + 0.002·1 > 0 → clamped to 1; dI = 0.015·C − 0 − 0 > 0 stays in range;
        // dS = −0.04·0.001 + 0.02 − 0.008·C > 0; dV = 0.015(1 − 1) − 0.04 < 0.
        EISVDynamics.odeStep(&state, iSignal: 1.0, sSignal: 0, drift: 1)
        #expect(state.E == 1.0)
        var low = DrawingState()
        low.S = 0.001
        low.V = -2.0
        low.E = 0
        // dS = −0.00004 + 0 − 0.008·C(−2) < 0 → clamped to 0.001; dV = 0.015·0 + 0.04 > 0 → −1.996
        EISVDynamics.odeStep(&low, iSignal: 0, sSignal: 1, drift: 0)
        #expect(low.S == 0.001)
        #expect(low.E == 0)
        #expect(abs(low.V - (-2.0 + 0.004)) < 1e-12)
    }

    @Test func entropyIsNormalisedByTheVocabulary() {
        #expect(EISVDynamics.gestureEntropy([0, 0, 1, 1], vocabularySize: 5) == 0.5)  // fewer than 5
        #expect(EISVDynamics.gestureEntropy([0, 0, 0, 0, 0], vocabularySize: 5) == 0)
        #expect(abs(EISVDynamics.gestureEntropy([0, 1, 2, 3, 4], vocabularySize: 5) - 1.0) < 1e-12)
        // three equally likely of 16: log2(3)/log2(16) = 1.5849625007211562 / 4
        #expect(abs(EISVDynamics.gestureEntropy([0, 0, 1, 1, 2, 2], vocabularySize: 16) - 0.39624062518028906) < 1e-12)
        // two of a vocabulary of 3: 1 bit / log2 3
        #expect(abs(EISVDynamics.gestureEntropy([0, 1, 0, 1, 0, 1], vocabularySize: 3) - 1 / 1.584962500721156) < 1e-12)
        // N = 1 uses log2(max(N, 2)) = 1, and the result is capped at 1
        #expect(EISVDynamics.gestureEntropy([0, 1, 2, 0, 1, 2], vocabularySize: 1) == 1.0)
    }

    @Test func switchingRateCountsAdjacentChanges() {
        #expect(EISVDynamics.switchingRate([]) == 0)
        #expect(EISVDynamics.switchingRate([3]) == 0)
        #expect(EISVDynamics.switchingRate([0, 0, 1, 1, 0]) == 0.5)
        #expect(EISVDynamics.switchingRate([0, 1, 0]) == 1)
    }

    @Test func behaviouralCoherenceIsAnEMAOfIntentionalityTimesOrder() {
        // raw = 0.6(1 − 0.25) = 0.45; 0.15·0.45 + 0.85·0.5 = 0.4925
        #expect(abs(EISVDynamics.behaviouralCoherence(previous: 0.5, iSignal: 0.6, sSignal: 0.5) - 0.4925) < 1e-15)
    }

    @Test(arguments: [
        // (arc, C, expected curiosity from 0.5)
        (ArcPhase.resolving, 0.7, 0.50035),  // regenerates 0.0005·C above 0.65
        (ArcPhase.resolving, 0.6, 0.498),  // drains 0.002
        (ArcPhase.opening, 0.3, 0.4979),  // drains 0.003(1 − C)
        (ArcPhase.developing, 0.5, 0.5005),  // regenerates 0.001·C
    ])
    func curiosityDrainBranches(arc: ArcPhase, C: Double, expected: Double) {
        var state = DrawingState()
        state.curiosity = 0.5
        state.arcPhase = arc
        EISVDynamics.updateAttention(&state, iSignal: 0.6, sSignal: 0.5, C: C, gestureSwitch: false)
        #expect(abs(state.curiosity - expected) < 1e-15)
    }

    @Test func curiosityClampsAtOne() {
        var state = DrawingState()
        EISVDynamics.updateAttention(&state, iSignal: 0.6, sSignal: 0.5, C: 0.9, gestureSwitch: false)
        #expect(state.curiosity == 1.0)
    }

    @Test func engagementAndFatigueWithASwitch() {
        var state = DrawingState()
        EISVDynamics.updateAttention(&state, iSignal: 0.6, sSignal: 0.5, C: 0.3, gestureSwitch: true)
        // target 0.45 → 0.5 + 0.05(0.45 − 0.5) = 0.4975
        #expect(abs(state.engagement - 0.4975) < 1e-15)
        // 0.006 + 0.0004 + 0.0008(1 − 0.4975) = 0.006802; no second wind at C 0.3
        #expect(abs(state.fatigue - 0.006802) < 1e-15)
    }

    @Test func fatigueSecondWind() {
        var state = DrawingState()
        state.engagement = 0.9
        state.fatigue = 0.5
        EISVDynamics.updateAttention(&state, iSignal: 1.0, sSignal: 0, C: 0.7, gestureSwitch: false)
        // engagement 0.9 + 0.05·0.1 = 0.905; fatigue 0.5 + 0.0004 + 0.0008·0.095 − 0.0005 = 0.499976
        #expect(abs(state.engagement - 0.905) < 1e-15)
        #expect(abs(state.fatigue - 0.499976) < 1e-15)
    }

    @Test func fatigueCapsAtOneAndNoSecondWindWhenDisengaged() {
        var state = DrawingState()
        state.fatigue = 0.999
        state.engagement = 0.4
        EISVDynamics.updateAttention(&state, iSignal: 0.8, sSignal: 0, C: 0.7, gestureSwitch: true)
        #expect(state.fatigue == 1.0)
    }

    @Test func coherenceTracking() {
        var state = DrawingState()
        EISVDynamics.updateCoherenceTracking(&state, C: 0.5, iSignal: 0.5)
        #expect(state.coherenceVelocity == 0)  // one entry: no velocity yet
        EISVDynamics.updateCoherenceTracking(&state, C: 0.6, iSignal: 0.5)
        // velocity 0.2·0.1 = 0.02; momentum 0.05 then 0.05·0.9 + 0.05 = 0.095
        #expect(abs(state.coherenceVelocity - 0.02) < 1e-15)
        #expect(abs(state.iMomentum - 0.095) < 1e-15)
        #expect(state.phaseMarkCount == 2)
        for _ in 0..<40 { EISVDynamics.updateCoherenceTracking(&state, C: 0.7, iSignal: 0.5) }
        #expect(state.coherenceHistory.count == 30)
    }

    @Test func settledAndExhausted() {
        var state = DrawingState()
        state.coherenceHistory = Array(repeating: 0.7, count: 19)
        #expect(!state.coherenceSettled)  // needs 20
        state.coherenceHistory.append(0.7)
        #expect(state.coherenceSettled)
        state.coherenceHistory = Array(repeating: 0.7, count: 10) + [0.3, 0.9, 0.3, 0.9, 0.3, 0.9, 0.3, 0.9, 0.3, 0.9]
        #expect(!state.coherenceSettled)  // mean 0.6 is not > 0.6, variance 0.09
        state.curiosity = 0.14
        state.engagement = 0.5
        #expect(!state.attentionExhausted)
        state.fatigue = 0.81
        #expect(state.attentionExhausted)
        state.fatigue = 0
        state.engagement = 0.29
        #expect(state.attentionExhausted)
        state.curiosity = 0.15
        #expect(!state.attentionExhausted)
    }

    @Test func derivedEnergy() {
        var state = DrawingState()
        state.curiosity = 0.5
        state.engagement = 0.25
        state.fatigue = 0.4
        // (0.3 + 0.1)(1 − 0.2) = 0.32
        #expect(abs(state.derivedEnergy - 0.32) < 1e-15)
    }

    @Test func odeCoherence() {
        var state = DrawingState()
        state.V = 1.0
        #expect(abs(state.odeCoherence() - 0.5 * (1 + 0.7615941559557649)) < 1e-15)
    }
}
