/// The per-agent verdict engine of spec §6: pure, deterministic, one call per check-in.
///
/// The host loads the agent's `MonitorState` under its lock, calls `update`, and stores both results in one
/// transaction; replaying the same check-ins from `MonitorState.initial` reproduces the same verdicts.
public enum VerdictEngine {
    /// EMA rates of E, I, S.
    public static let alphaE = 0.12, alphaI = 0.08, alphaS = 0.15
    /// Rate of the behavioural V (`V ← .9V + .1(E − I)`).
    public static let alphaV = 0.10
    /// Updates during which the EMA rates get the bootstrap boost `0.5·(1 − n/10)`.
    public static let bootstrapUpdates = 10
    /// |V_ode| values kept for the void threshold.
    public static let voidHistoryLimit = 100

    /// Folds one observation into `state` and decides. `elapsedSeconds` is the time since the agent's previous
    /// check-in (it sets the ODE step; use 0 for the first).
    public static func update(
        _ state: MonitorState, observation: GovernanceObservation, elapsedSeconds: Double
    ) -> (MonitorState, Verdict) {
        let n = max(0, state.updateCount)
        let behavioural = behaviouralUpdate(state.behavioural, observation: observation, priorUpdates: n)
        let updates = n + 1

        let drift = observation.ethicalDrift.reduce(0.0) { $0 + ($1.isFinite ? $1 * $1 : 0) }
        let ode = GovernanceODE.step(
            state.ode, complexity: clampUnit(observation.complexity.isNaN ? 0.5 : observation.complexity),
            driftSquared: drift, dt: GovernanceODE.timeStep(elapsedSeconds: elapsedSeconds))
        let voidHistory = Array((state.voidHistory + [abs(ode.V)]).suffix(voidHistoryLimit))
        let threshold = voidThreshold(history: voidHistory)
        let voidActive = abs(ode.V) > threshold
        let coherence = GovernanceODE.coherence(V: ode.V)

        let risk = RiskAssessment(state: behavioural)
        let margins = MarginAssessment(
            risk: 0.70 - risk.risk, coherence: coherence - 0.40, void: voidActive ? -1 : 0.15 - abs(ode.V),
            points: updates)
        let decision = decide(risk: risk, voidActive: voidActive, coherence: coherence)
        let margin: MarginClass
        switch decision {
        case .riskPause, .voidPause, .coherencePause: margin = .critical
        case .guide, .approve, .reject: margin = margins.margin
        }
        let verdict = Verdict(
            action: decision.action, decision: decision, margin: margin,
            reason: reason(decision, risk: risk, coherence: coherence, ode: ode, threshold: threshold),
            state: behavioural, risk: risk, coherence: coherence,
            confidence: min(1, Double(updates) / Double(bootstrapUpdates)), margins: margins, ode: ode,
            voidActive: voidActive, voidThreshold: threshold)
        let next = MonitorState(updateCount: updates, behavioural: behavioural, ode: ode, voidHistory: voidHistory)
        return (next, verdict)
    }

    /// The behavioural EMA step: `x ← (1−α)x + α·obs` for E, I, S with α boosted by `0.5·(1 − n/10)` while
    /// `n` (updates before this one) < 10; then `V ← .9V + .1(E − I)` on the new E, I, clamped to [−1, 1].
    public static func behaviouralUpdate(_ x: EISV, observation: GovernanceObservation, priorUpdates n: Int) -> EISV {
        let boost = n < bootstrapUpdates ? 0.5 * (1 - Double(n) / Double(bootstrapUpdates)) : 0
        func ema(_ old: Double, _ obs: Double, _ alpha: Double) -> Double {
            let a = alpha + boost
            return (1 - a) * old + a * clampUnit(obs)
        }
        let E = ema(x.E, observation.E, alphaE)
        let I = ema(x.I, observation.I, alphaI)
        let S = ema(x.S, observation.S, alphaS)
        let V = min(1, max(-1, (1 - alphaV) * x.V + alphaV * (E - I)))
        return EISV(E: E, I: I, S: S, V: V)
    }

    /// .15 until 10 points; then mean + 2σ (population σ) of the last 100 |V| values, clipped to [.10, .30].
    public static func voidThreshold(history: [Double]) -> Double {
        guard history.count >= 10 else { return 0.15 }
        let recent = history.suffix(voidHistoryLimit)
        let count = Double(recent.count)
        let mean = recent.reduce(0, +) / count
        let variance = recent.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        return min(0.30, max(0.10, mean + 2 * variance.squareRoot()))
    }

    /// The decision rules of spec §6.5, first match wins.
    public static func decide(risk: RiskAssessment, voidActive: Bool, coherence: Double) -> VerdictDecision {
        if risk.verdict == .highRisk { return .riskPause }
        if risk.verdict == .caution, risk.risk < 0.45 { return .guide }
        if voidActive { return .voidPause }
        if coherence < 0.40 { return .coherencePause }
        if risk.risk < 0.45 { return .approve }
        if risk.risk < 0.70 { return .guide }
        return .reject
    }

    private static func reason(
        _ decision: VerdictDecision, risk: RiskAssessment, coherence: Double, ode: EISV, threshold: Double
    ) -> String {
        let r = fixed2(risk.risk)
        switch decision {
        case .riskPause: return "risk_pause: risk \(r) is high-risk"
        case .guide: return "guide: risk \(r) calls for care"
        case .voidPause: return "void_pause: |V| \(fixed2(abs(ode.V))) exceeds the void threshold \(fixed2(threshold))"
        case .coherencePause: return "coherence_pause: coherence \(fixed2(coherence)) is below 0.40"
        case .approve: return "approve: risk \(r)"
        case .reject: return "reject: risk \(r) is at or above 0.70"
        }
    }
}

/// `x` with two decimals ("0.62"), for reasons people read.
func fixed2(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    let hundredths = Int((abs(x) * 100).rounded())
    let digits = String(hundredths % 100)
    return (x < 0 && hundredths > 0 ? "-" : "") + "\(hundredths / 100)." + (digits.count == 1 ? "0" + digits : digits)
}
