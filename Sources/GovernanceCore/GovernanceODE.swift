import Foundation  // tanh

/// The ODE diagnostic of spec §6.3, integrated with one classical Runge–Kutta step per check-in.
///
///     dE = α(I − E) − β_E·E·S + γ_E·‖Δη‖²
///     dI = β_I·C(V) − k·S − γ_I·I
///     dS = −μ·S + λ₁‖Δη‖² − λ₂·C(V) + β_c·complexity
///     dV = κ(E − I) − δ·V
///
/// C(V) is evaluated at each RK4 stage's V. Bounds are applied once, after the step.
public enum GovernanceODE {
    public static let alpha = 0.42, betaE = 0.1, gammaE = 0.05, k = 0.1, betaI = 0.3, gammaI = 0.169
    public static let mu = 0.5, lambda1 = 0.125, lambda2 = 0.06, betaC = 0.15, kappa = 0.3, delta = 0.25

    /// Coherence `C(V) = 0.5·(1 + tanh V)`.
    public static func coherence(V: Double) -> Double { 0.5 * (1 + tanh(V)) }

    /// The step size for a check-in `elapsed` seconds after the previous one: `clamp(elapsed·0.1/15, 0.1, 1.0)`.
    /// Non-finite or negative elapsed times take the smallest step.
    public static func timeStep(elapsedSeconds: Double) -> Double {
        guard elapsedSeconds.isFinite else { return 0.1 }
        return min(1.0, max(0.1, elapsedSeconds * 0.1 / 15))
    }

    /// The time derivative at `x` (E, I, S, V).
    public static func derivative(_ x: EISV, complexity: Double, driftSquared: Double) -> EISV {
        let C = coherence(V: x.V)
        return EISV(
            E: alpha * (x.I - x.E) - betaE * x.E * x.S + gammaE * driftSquared,
            I: betaI * C - k * x.S - gammaI * x.I,
            S: -mu * x.S + lambda1 * driftSquared - lambda2 * C + betaC * complexity,
            V: kappa * (x.E - x.I) - delta * x.V)
    }

    /// One RK4 step of size `dt`, then the bounds E, I ∈ [0, 1], S ∈ [.001, 1], V ∈ [−1, 1].
    public static func step(_ x: EISV, complexity: Double, driftSquared: Double, dt: Double) -> EISV {
        func f(_ y: EISV) -> EISV { derivative(y, complexity: complexity, driftSquared: driftSquared) }
        func add(_ a: EISV, _ b: EISV, _ h: Double) -> EISV {
            EISV(E: a.E + h * b.E, I: a.I + h * b.I, S: a.S + h * b.S, V: a.V + h * b.V)
        }
        let k1 = f(x)
        let k2 = f(add(x, k1, dt / 2))
        let k3 = f(add(x, k2, dt / 2))
        let k4 = f(add(x, k3, dt))
        func combine(_ a: Double, _ b1: Double, _ b2: Double, _ b3: Double, _ b4: Double) -> Double {
            a + dt / 6 * (b1 + 2 * b2 + 2 * b3 + b4)
        }
        return EISV(
            E: min(1, max(0, combine(x.E, k1.E, k2.E, k3.E, k4.E))),
            I: min(1, max(0, combine(x.I, k1.I, k2.I, k3.I, k4.I))),
            S: min(1, max(0.001, combine(x.S, k1.S, k2.S, k3.S, k4.S))),
            V: min(1, max(-1, combine(x.V, k1.V, k2.V, k3.V, k4.V))))
    }
}
