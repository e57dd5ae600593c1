/// Why the engine decided what it did (spec §6.5, in rule order).
public enum VerdictDecision: String, Codable, Sendable, Equatable {
    /// Risk verdict high-risk → pause.
    case riskPause = "risk_pause"
    /// Caution, or risk between .45 and .70 → proceed with guidance.
    case guide
    /// The ODE's |V| crossed the void threshold → pause.
    case voidPause = "void_pause"
    /// ODE coherence below .40 → pause.
    case coherencePause = "coherence_pause"
    /// Risk below .45 → proceed.
    case approve
    /// Risk .70 or more → pause.
    case reject

    public var action: GovernanceAction {
        switch self {
        case .guide, .approve: return .proceed
        case .riskPause, .voidPause, .coherencePause, .reject: return .pause
        }
    }
}

/// Where a verdict came from: the governance host, or the device's own fallback while the host is unreachable.
public enum VerdictSource: String, Codable, Sendable, Equatable {
    case host, local
}

/// Everything the engine concluded at one check-in. `bridge` is the flat subset sent to devices.
public struct Verdict: Codable, Sendable, Equatable {
    public var action: GovernanceAction
    public var decision: VerdictDecision
    public var margin: MarginClass
    public var reason: String
    /// The behavioural state (EMA) the verdict is based on.
    public var state: EISV
    public var risk: RiskAssessment
    /// ODE coherence C(V_ode).
    public var coherence: Double
    /// Behavioural confidence `min(1, n/10)` after this update.
    public var confidence: Double
    public var margins: MarginAssessment
    /// The ODE diagnostic's state after this check-in.
    public var ode: EISV
    public var voidActive: Bool
    public var voidThreshold: Double

    public var riskVerdict: RiskVerdict { risk.verdict }
    public var health: Health { risk.health }

    /// The flat verdict of the bridge (spec §5.1) and the MCP result.
    public var bridge: BridgeVerdict {
        BridgeVerdict(
            action: action, margin: margin, reason: reason, risk: risk.risk, coherence: coherence, E: state.E, I: state.I,
            S: state.S, V: state.V, verdict: risk.verdict)
    }
}
