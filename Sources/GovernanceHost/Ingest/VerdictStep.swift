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
        let details = (try? JSONEncoder().encode(verdict)).flatMap { JSONPayload.parse($0) } ?? .object([:])
        return Step(state: next, verdict: verdict.bridge, regime: verdict.health.rawValue, details: details)
    }
}
