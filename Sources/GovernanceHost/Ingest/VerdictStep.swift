import Foundation
import GovernanceCore

/// The one place the host calls GovernanceCore's verdict engine: observation in, new memory and verdict out.
enum VerdictStep {
    /// Spec §6: complexity when the caller sends none (summaries never do).
    static let defaultComplexity = 0.5

    struct Step {
        var state: MonitorState
        var verdict: BridgeVerdict
        /// The health band (healthy | moderate | at_risk | critical), stored as agent_state.regime.
        var regime: String
        /// The whole verdict (decision, margins, nearest edge, ODE state, void threshold) for agent_state.state.
        var details: JSONPayload
    }

    static var initialState: MonitorState { .initial }

    static func apply(state: MonitorState, observation: MonitorObservation, elapsedSeconds: Double) -> Step {
        let (next, verdict) = VerdictEngine.update(
            state,
            observation: GovernanceObservation(
                E: observation.E, I: observation.I, S: observation.S, complexity: observation.complexity,
                ethicalDrift: observation.ethicalDrift),
            elapsedSeconds: elapsedSeconds)
        return Step(state: next, verdict: verdict.bridge, regime: verdict.health.rawValue, details: details(verdict))
    }

    /// What the flat verdict leaves out, built directly (a JSON round trip per summary would dominate ingest time).
    static func details(_ verdict: Verdict) -> JSONPayload {
        .object([
            "decision": .string(verdict.decision.rawValue), "health": .string(verdict.health.rawValue),
            "confidence": .number(verdict.confidence), "nearest_edge": .string(verdict.margins.nearestEdge.rawValue),
            "margins": .object([
                "risk": .number(verdict.margins.risk), "coherence": .number(verdict.margins.coherence), "void": .number(verdict.margins.void),
            ]),
            "ode": .object(["E": .number(verdict.ode.E), "I": .number(verdict.ode.I), "S": .number(verdict.ode.S), "V": .number(verdict.ode.V)]),
            "void_active": .bool(verdict.voidActive), "void_threshold": .number(verdict.voidThreshold),
        ])
    }
}
