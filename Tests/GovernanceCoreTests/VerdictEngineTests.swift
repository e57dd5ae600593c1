import Foundation
import Testing

@testable import GovernanceCore

/// Expected values were computed by hand (and checked with a few lines of Python) from the spec's formulas.
@Suite struct VerdictEngineTests {
    private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool { abs(a - b) <= tolerance }
    private func close(_ a: EISV, _ b: EISV) -> Bool { close(a.E, b.E) && close(a.I, b.I) && close(a.S, b.S) && close(a.V, b.V) }

    @Test func emaBootstrapFirstSteps() {
        // n = 0: α_E = .12 + .5 = .62 → E = .38·.5 + .62·.8 = .686; α_I = .58 → I = .42·.5 + .58·.6 = .558;
        // α_S = .65 → S = .35·.2 + .65·.4 = .33; V = .9·0 + .1·(.686 − .558) = .0128.
        let obs = GovernanceObservation(E: 0.8, I: 0.6, S: 0.4)
        let first = VerdictEngine.behaviouralUpdate(MonitorState.initial.behavioural, observation: obs, priorUpdates: 0)
        #expect(close(first, EISV(E: 0.686, I: 0.558, S: 0.33, V: 0.0128)))
        // n = 1: boost .45 → E = .43·.686 + .57·.8 = .75098; I = .47·.558 + .53·.6 = .58026; S = .4·.33 + .6·.4 = .372;
        // V = .9·.0128 + .1·(.75098 − .58026) = .028592.
        let second = VerdictEngine.behaviouralUpdate(first, observation: obs, priorUpdates: 1)
        #expect(close(second, EISV(E: 0.75098, I: 0.58026, S: 0.372, V: 0.028592)))
        // n ≥ 10: no boost: E = .88·.5 + .12·1 = .56.
        let late = VerdictEngine.behaviouralUpdate(
            EISV(E: 0.5, I: 0.5, S: 0.5, V: 0), observation: GovernanceObservation(E: 1, I: 0, S: 0), priorUpdates: 10)
        #expect(close(late, EISV(E: 0.56, I: 0.46, S: 0.425, V: 0.01)))
    }

    @Test func rk4OneStep() {
        #expect(GovernanceODE.timeStep(elapsedSeconds: 180) == 1.0)
        #expect(GovernanceODE.timeStep(elapsedSeconds: 0) == 0.1)
        #expect(close(GovernanceODE.timeStep(elapsedSeconds: 75), 0.5))
        let x = MonitorState.initial.ode
        // Initial derivative: dE = .42·.1 − .1·.7·.2 = .028; dI = .3·.5 − .02 − .1352 = −.0052;
        // dS = −.1 − .03 + .075 = −.055; dV = .3·(−.1) = −.03.
        #expect(close(GovernanceODE.derivative(x, complexity: 0.5, driftSquared: 0), EISV(E: 0.028, I: -0.0052, S: -0.055, V: -0.03)))
        let step = GovernanceODE.step(x, complexity: 0.5, driftSquared: 0, dt: 1.0)
        #expect(close(step, EISV(E: 0.7232581672735544, I: 0.7956643279988564, S: 0.15706287325608412, V: -0.022486752852376106)))
        let drift = GovernanceODE.step(x, complexity: 0.5, driftSquared: 0.25, dt: 0.1)
        #expect(close(drift, EISV(E: 0.7039594253844664, I: 0.7994741163844971, S: 0.1976877202971568, V: -0.002895671746501758)))
        // Bounds after the step.
        let bounded = GovernanceODE.step(EISV(E: 1, I: 0, S: 0.001, V: 1), complexity: 0, driftSquared: 100, dt: 1)
        #expect(bounded.E == 1 && bounded.I >= 0 && bounded.S <= 1 && bounded.V <= 1)
        #expect(close(GovernanceODE.coherence(V: 0), 0.5))
    }

    @Test func voidThreshold() {
        #expect(VerdictEngine.voidThreshold(history: Array(repeating: 0.9, count: 9)) == 0.15)
        // mean .15, population σ .05 → .25.
        let spread = Array(repeating: 0.1, count: 5) + Array(repeating: 0.2, count: 5)
        #expect(close(VerdictEngine.voidThreshold(history: spread), 0.25))
        #expect(VerdictEngine.voidThreshold(history: Array(repeating: 0.01, count: 10)) == 0.10)
        #expect(VerdictEngine.voidThreshold(history: Array(repeating: 0.5, count: 10)) == 0.30)
        // Only the last 100 count: 50 old values of 1.0 are forgotten.
        let long = Array(repeating: 1.0, count: 50) + Array(repeating: 0.12, count: 100)
        #expect(close(VerdictEngine.voidThreshold(history: long), 0.12))
    }

    @Test func riskComponentsAndFloors() {
        // E .35 → .30·.05/.4 = .0375; S .6 → .20·.1/.5 = .04; |V| .32 → .20·.17/.85 = .04.
        let mild = RiskAssessment(state: EISV(E: 0.35, I: 0.5, S: 0.6, V: -0.32))
        #expect(close(mild.lowE, 0.0375) && mild.lowI == 0 && close(mild.highS, 0.04) && close(mild.highV, 0.04))
        #expect(close(mild.risk, 0.1175))
        #expect(mild.verdict == .safe && mild.health == .healthy)
        // Floors: E .29 → .30 (formula would give .0825), S .71 → .20, |V| .51 → .20.
        let floored = RiskAssessment(state: EISV(E: 0.29, I: 0.5, S: 0.71, V: 0.51))
        #expect(floored.lowE == 0.30 && floored.highS == 0.20 && floored.highV == 0.20)
        #expect(close(floored.risk, 0.70) && floored.verdict == .highRisk && floored.health == .critical)
        #expect(RiskAssessment(state: EISV(E: 0, I: 0, S: 1, V: 1)).risk == 1)
        #expect(RiskAssessment.health(risk: 0.2) == .moderate && RiskAssessment.health(risk: 0.35) == .atRisk)
    }

    @Test func decisionRulesInOrder() {
        let highRisk = RiskAssessment(state: EISV(E: 0.2, I: 0.2, S: 0.2, V: 0))  // .30 + .30 = .60
        #expect(VerdictEngine.decide(risk: highRisk, voidActive: false, coherence: 0.5) == .riskPause)
        // Caution below .45 (.30 + .015 + .04 = .355) → guide, even with the void active and coherence low.
        let lowCaution = RiskAssessment(state: EISV(E: 0.2, I: 0.38, S: 0.6, V: 0))
        #expect(close(lowCaution.risk, 0.355))
        #expect(VerdictEngine.decide(risk: lowCaution, voidActive: true, coherence: 0.1) == .guide)
        // Caution at .50 (.30 + .20): void → void_pause; else coherence → coherence_pause; else guide (rule 6).
        let highCaution = RiskAssessment(state: EISV(E: 0.2, I: 0.5, S: 0.8, V: 0))
        #expect(close(highCaution.risk, 0.5))
        #expect(VerdictEngine.decide(risk: highCaution, voidActive: true, coherence: 0.5) == .voidPause)
        #expect(VerdictEngine.decide(risk: highCaution, voidActive: false, coherence: 0.39) == .coherencePause)
        #expect(VerdictEngine.decide(risk: highCaution, voidActive: false, coherence: 0.5) == .guide)
        let safe = RiskAssessment(state: EISV(E: 0.5, I: 0.5, S: 0.2, V: 0))
        #expect(VerdictEngine.decide(risk: safe, voidActive: false, coherence: 0.4) == .approve)
        #expect(VerdictEngine.decide(risk: safe, voidActive: true, coherence: 0.5) == .voidPause)
        // `reject` (risk ≥ .70) is shadowed by rule 1: every risk ≥ .60 is high-risk and pauses as risk_pause.
        let maximal = RiskAssessment(state: EISV(E: 0, I: 0, S: 1, V: 1))
        #expect(VerdictEngine.decide(risk: maximal, voidActive: false, coherence: 0.5) == .riskPause)
        #expect(VerdictDecision.reject.action == .pause && VerdictDecision.guide.action == .proceed)
    }

    @Test func marginClasses() {
        let warning = MarginAssessment(risk: 0.5, coherence: -0.05, void: 0.1, points: 1)
        #expect(warning.margin == .warning && warning.nearestEdge == .coherence)
        #expect(MarginAssessment(risk: -0.1, coherence: 0.3, void: 0.1, points: 5).margin == .critical)
        #expect(MarginAssessment(risk: 0.3, coherence: 0.3, void: -1, points: 5).nearestEdge == .void)
        #expect(MarginAssessment(risk: 0.01, coherence: 0.3, void: 0.1, points: 2).margin == .settling)
        let tight = MarginAssessment(risk: 0.5, coherence: 0.2, void: 0.15, points: 3)
        #expect(tight.margin == .tight && tight.nearestEdge == .void)
        #expect(MarginAssessment(risk: 0.5, coherence: 0.2, void: 0.16, points: 3).margin == .comfortable)
    }

    @Test func fullUpdateFromANewAgent() throws {
        let obs = GovernanceObservation(E: 0.8, I: 0.6, S: 0.4)
        let (state, verdict) = VerdictEngine.update(.initial, observation: obs, elapsedSeconds: 180)
        #expect(state.updateCount == 1)
        #expect(close(state.behavioural, EISV(E: 0.686, I: 0.558, S: 0.33, V: 0.0128)))
        #expect(close(state.ode.V, -0.022486752852376106))
        #expect(state.voidHistory.count == 1 && close(state.voidHistory[0], 0.022486752852376106))
        #expect(verdict.decision == .approve && verdict.action == .proceed)
        #expect(verdict.risk.risk == 0 && verdict.riskVerdict == .safe && verdict.health == .healthy)
        #expect(close(verdict.coherence, 0.4887585182768768))
        #expect(close(verdict.margins.coherence, 0.08875851827687675))
        #expect(close(verdict.margins.void, 0.12751324714762388))
        #expect(verdict.margins.nearestEdge == .coherence)
        #expect(verdict.margin == .settling)
        #expect(close(verdict.confidence, 0.1))
        #expect(verdict.voidThreshold == 0.15 && !verdict.voidActive)
        #expect(verdict.bridge.action == .proceed && verdict.bridge.E == verdict.state.E)
        // Two more updates end the settling period; the coherence margin (< .15) is then tight.
        var current = state
        var last = verdict
        for _ in 0..<2 { (current, last) = VerdictEngine.update(current, observation: obs, elapsedSeconds: 180) }
        #expect(current.updateCount == 3 && last.margin == .tight)
    }

    @Test func highRiskPausesCritical() {
        var state = MonitorState.initial
        var verdict: Verdict?
        for _ in 0..<10 {
            let next = VerdictEngine.update(state, observation: GovernanceObservation(E: 0.1, I: 0.1, S: 0.9), elapsedSeconds: 15)
            state = next.0
            verdict = next.1
        }
        #expect(verdict?.decision == .riskPause && verdict?.action == .pause && verdict?.margin == .critical)
        #expect(state.updateCount == 10 && verdict?.confidence == 1)
        #expect(verdict?.reason.hasPrefix("risk_pause: risk ") == true)
    }

    @Test func voidHistoryIsBounded() {
        var state = MonitorState.initial
        for _ in 0..<130 {
            state = VerdictEngine.update(state, observation: GovernanceObservation(E: 0.5, I: 0.5, S: 0.2), elapsedSeconds: 60).0
        }
        #expect(state.voidHistory.count == 100 && state.updateCount == 130)
    }

    @Test func localFallback() {
        // S .65 is .05 past .60 → pause, warning, edge risk.
        let warning = LocalVerdict(eisv: EISV(E: 0.5, I: 0.6, S: 0.65, V: 0.05))
        #expect(warning.action == .pause && warning.margin == .warning && warning.nearestEdge == .risk)
        #expect(warning.reason == "Crossed risk threshold by 0.05")
        #expect(warning.source == .local)
        // presence .1 → V .27, .12 past .15 → critical on the void edge.
        let critical = LocalVerdict(eisv: EISV.mapping(anima: AnimaReading(warmth: 0.5, clarity: 0.9, stability: 0.9, presence: 0.1)))
        #expect(critical.action == .pause && critical.margin == .critical && critical.nearestEdge == .void)
        // I .5 is .10 from .40 → proceed, tight.
        let tight = LocalVerdict(eisv: EISV(E: 0.5, I: 0.5, S: 0.2, V: 0))
        #expect(tight.action == .proceed && tight.margin == .tight && tight.nearestEdge == .coherence)
        #expect(tight.reason == "State healthy (margin: tight, nearest edge: coherence 0.10)")
        // Presence 1 maps to V 0, exactly .15 from the void edge: tight. Only a negative V is comfortable.
        #expect(LocalVerdict(eisv: EISV(E: 0.5, I: 0.9, S: 0.2, V: 0)).margin == .tight)
        let comfortable = LocalVerdict(eisv: EISV(E: 0.5, I: 0.9, S: 0.2, V: -0.01))
        #expect(comfortable.action == .proceed && comfortable.margin == .comfortable && comfortable.nearestEdge == .void)
    }

    @Test func monitorStateRoundTripsAsJSON() throws {
        let state = VerdictEngine.update(.initial, observation: GovernanceObservation(E: 0.8, I: 0.6, S: 0.4), elapsedSeconds: 180).0
        let data = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(MonitorState.self, from: data) == state)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"update_count\":1") && text.contains("\"void_history\":["))
    }
}
