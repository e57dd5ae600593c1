/// Everything the verdict engine remembers about one agent between check-ins. A value: the host stores it as jsonb
/// in the agent's row (never in files or process memory), reads it under the agent's lock, and writes the new one back.
public struct MonitorState: Codable, Sendable, Equatable {
    /// Check-ins folded in so far; drives the EMA bootstrap, the confidence and the `settling` margin.
    public var updateCount: Int
    /// Behavioural EMA of the observations (the primary state the verdict is based on).
    public var behavioural: EISV
    /// The ODE diagnostic's state.
    public var ode: EISV
    /// |V_ode| of the most recent check-ins, oldest first, at most `VerdictEngine.voidHistoryLimit`.
    public var voidHistory: [Double]

    public init(updateCount: Int, behavioural: EISV, ode: EISV, voidHistory: [Double]) {
        self.updateCount = updateCount
        self.behavioural = behavioural
        self.ode = ode
        self.voidHistory = voidHistory
    }

    /// A new agent: EMA at (E .5, I .5, S .2, V 0), ODE at (E .7, I .8, S .2, V 0), no history (spec §6.1, §6.3).
    public static let initial = MonitorState(
        updateCount: 0, behavioural: EISV(E: 0.5, I: 0.5, S: 0.2, V: 0), ode: EISV(E: 0.7, I: 0.8, S: 0.2, V: 0),
        voidHistory: [])

    private enum CodingKeys: String, CodingKey {
        case updateCount = "update_count", behavioural, ode, voidHistory = "void_history"
    }
}

/// One check-in as the verdict engine sees it.
public struct GovernanceObservation: Sendable, Equatable {
    /// Observed E, I, S (from the summary's `eisv`); clamped to [0, 1] by the engine.
    public var E: Double
    public var I: Double
    public var S: Double
    /// Task complexity in [0, 1]; the native bridge has none and uses 0.5.
    public var complexity: Double
    /// Ethical drift vector Δη (the MCP path's `ethical_drift`); only its squared norm is used.
    public var ethicalDrift: [Double]

    public init(E: Double, I: Double, S: Double, complexity: Double = 0.5, ethicalDrift: [Double] = []) {
        self.E = E
        self.I = I
        self.S = S
        self.complexity = complexity
        self.ethicalDrift = ethicalDrift
    }

    /// The observation of a synced summary: its mapped EISV, default complexity, no drift.
    public init(summary: Summary) {
        self.init(E: summary.eisv.E, I: summary.eisv.I, S: summary.eisv.S)
    }
}
