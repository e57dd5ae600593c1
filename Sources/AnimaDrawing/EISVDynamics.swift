#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `_EISV_PARAMS` of spec §1.5 ("scaled from governance_core/parameters.py for ~920 mark timescale").
public struct EISVParameters: Sendable, Equatable {
    public var alpha = 0.01, betaE = 0.005, gammaE = 0.002
    public var betaI = 0.015, k = 0.005, gammaI = 0.012
    public var mu = 0.04, lambda1 = 0.02, lambda2 = 0.008
    public var kappa = 0.015, delta = 0.02
    public var C1 = 1.0, Cmax = 1.0, dt = 0.1

    public static let reference = EISVParameters()
}

/// The per-mark equations of spec §1.5–1.8, as pure functions of the state so each is tested with exact values.
public enum EISVDynamics {
    /// Behavioural entropy: with ≥ 5 gestures, Shannon entropy (bits) of the gesture counts divided by
    /// `log2(max(N, 2))` for a vocabulary of N, capped at 1; else 0.5.
    public static func gestureEntropy(_ history: [Int], vocabularySize: Int) -> Double {
        guard history.count >= 5 else { return 0.5 }
        // Counts in vocabulary order (indices are small), so the sum is the same on every run.
        var counts = [Int](repeating: 0, count: max(vocabularySize, (history.max() ?? 0) + 1))
        for gesture in history where gesture >= 0 { counts[gesture] += 1 }
        let total = Double(history.count)
        var entropy = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            entropy -= p * log2(p)
        }
        return min(1.0, entropy / log2(Double(max(vocabularySize, 2))))
    }

    /// Adjacent differing gestures / (len − 1); 0 with fewer than 2.
    public static func switchingRate(_ history: [Int]) -> Double {
        guard history.count >= 2 else { return 0 }
        var switches = 0
        for index in 1..<history.count where history[index] != history[index - 1] { switches += 1 }
        return Double(switches) / Double(history.count - 1)
    }

    /// One Euler step of the ODE (spec §1.5) with the clamps; returns `dE·dt` and the ODE coherence C used.
    /// `S_signal` (behavioural), not the state S, enters dE and dI; dV is κ(I − E) − δV (flipped vs governance).
    @discardableResult
    public static func odeStep(
        _ state: inout DrawingState, iSignal: Double, sSignal: Double, drift: Double,
        parameters p: EISVParameters = .reference
    ) -> (dEdt: Double, C: Double) {
        let C = state.odeCoherence(p)
        let drift2 = drift * drift
        let dE = p.alpha * (iSignal - state.E) - p.betaE * state.E * sSignal + p.gammaE * drift2
        let dI = p.betaI * C - p.k * sSignal - p.gammaI * state.I
        let dS = -p.mu * state.S + p.lambda1 * drift2 - p.lambda2 * C
        let dV = p.kappa * (iSignal - state.E) - p.delta * state.V
        state.E = clamp(state.E + dE * p.dt, 0, 1)
        state.I = clamp(state.I + dI * p.dt, 0, 1)
        state.S = clamp(state.S + dS * p.dt, 0.001, 2.0)
        state.V = clamp(state.V + dV * p.dt, -2.0, 2.0)
        return (dE * p.dt, C)
    }

    /// `_behavioral_C = 0.15·I_signal·(1 − 0.5·S_signal) + 0.85·_behavioral_C` (spec §1.6).
    public static func behaviouralCoherence(previous: Double, iSignal: Double, sSignal: Double) -> Double {
        let raw = iSignal * (1 - 0.5 * sSignal)
        return 0.15 * raw + 0.85 * previous
    }

    /// Curiosity drain, engagement EMA, fatigue with its second wind (spec §1.7).
    public static func updateAttention(
        _ state: inout DrawingState, iSignal: Double, sSignal: Double, C: Double, gestureSwitch: Bool
    ) {
        let drain: Double
        if state.arcPhase == .resolving {
            drain = C > 0.65 ? -0.0005 * C : 0.002
        } else if C < 0.4 {
            drain = 0.003 * (1 - C)
        } else {
            drain = -0.001 * C
        }
        state.curiosity = clamp(state.curiosity - drain, 0, 1)

        let target = iSignal * (1 - 0.5 * sSignal)
        state.engagement = clamp(state.engagement + 0.05 * (target - state.engagement), 0, 1)

        if gestureSwitch { state.fatigue += 0.006 }
        state.fatigue = min(1.0, state.fatigue + 0.0004 + 0.0008 * (1 - state.engagement))
        if C > 0.6 && state.engagement > 0.5 {
            state.fatigue = max(0, state.fatigue - 0.0005)
        }
    }

    /// Coherence history (last 30), velocity EMA, I momentum EMA, phase mark count (spec §1.8).
    public static func updateCoherenceTracking(_ state: inout DrawingState, C: Double, iSignal: Double) {
        state.coherenceHistory.append(C)
        if state.coherenceHistory.count > DrawingState.coherenceHistoryCapacity {
            state.coherenceHistory.removeFirst(state.coherenceHistory.count - DrawingState.coherenceHistoryCapacity)
        }
        let count = state.coherenceHistory.count
        if count >= 2 {
            let delta = state.coherenceHistory[count - 1] - state.coherenceHistory[count - 2]
            state.coherenceVelocity = 0.2 * delta + 0.8 * state.coherenceVelocity
        }
        state.iMomentum = 0.1 * iSignal + 0.9 * state.iMomentum
        state.phaseMarkCount += 1
    }
}

@inline(__always)
func clamp(_ value: Double, _ low: Double, _ high: Double) -> Double {
    min(high, max(low, value))
}
