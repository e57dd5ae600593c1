/// The risk of a behavioural state (spec §6.2): fixed-threshold components with absolute floors, summed and clipped.
public struct RiskAssessment: Sendable, Equatable, Codable {
    /// Low energy: `.30·(.4 − E)/.4` below .4; the full .30 below .30.
    public var lowE: Double
    /// Low integrity, like `lowE` on I.
    public var lowI: Double
    /// High entropy: `.20·min(1, (S − .5)/.5)` above .5; the full .20 above .70.
    public var highS: Double
    /// Large void: `.20·min(1, (|V| − .15)/.85)` above .15; the full .20 above .50.
    public var highV: Double
    /// Sum of the components clipped to [0, 1].
    public var risk: Double

    public var verdict: RiskVerdict { RiskAssessment.verdict(risk: risk) }
    public var health: Health { RiskAssessment.health(risk: risk) }

    public init(state: EISV) {
        let E = state.E, I = state.I, S = state.S, absV = abs(state.V)
        lowE = E < 0.30 ? 0.30 : (E < 0.4 ? 0.30 * (0.4 - E) / 0.4 : 0)
        lowI = I < 0.30 ? 0.30 : (I < 0.4 ? 0.30 * (0.4 - I) / 0.4 : 0)
        highS = S > 0.70 ? 0.20 : (S > 0.5 ? 0.20 * min(1, (S - 0.5) / 0.5) : 0)
        highV = absV > 0.50 ? 0.20 : (absV > 0.15 ? 0.20 * min(1, (absV - 0.15) / 0.85) : 0)
        risk = min(1, max(0, lowE + lowI + highS + highV))
    }

    /// < .35 safe, < .60 caution, else high-risk.
    public static func verdict(risk: Double) -> RiskVerdict {
        risk < 0.35 ? .safe : (risk < 0.60 ? .caution : .highRisk)
    }

    /// < .20 healthy, < .35 moderate, < .60 at_risk, else critical.
    public static func health(risk: Double) -> Health {
        risk < 0.20 ? .healthy : (risk < 0.35 ? .moderate : (risk < 0.60 ? .atRisk : .critical))
    }
}

/// Health band of the risk (spec §6.2), stored by the host alongside the verdict.
public enum Health: String, Codable, Sendable, Equatable {
    case healthy, moderate
    case atRisk = "at_risk"
    case critical
}
