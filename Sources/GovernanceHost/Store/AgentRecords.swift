/// Read models the operator API and CLI print. Keys are snake_case on the wire; times are UTC with `Z`.

/// One agent with its latest verdict: the row of `governance-host agents` and an element of `GET /v1/agents`.
public struct AgentOverview: Sendable, Equatable, Codable {
    public var id: String
    public var label: String
    public var status: String
    public var createdAt: String
    /// Summaries stored for this agent.
    public var summaries: Int
    /// When the host last processed a check-in or summary from it.
    public var lastSeen: String?
    public var action: String?
    public var margin: String?
    public var verdict: String?
    public var reason: String?
    public var E: Double?
    public var I: Double?
    public var S: Double?
    public var V: Double?
    public var coherence: Double?
    public var risk: Double?

    enum CodingKeys: String, CodingKey {
        case id, label, status, createdAt = "created_at", summaries, lastSeen = "last_seen", action, margin, verdict, reason
        case E, I, S, V, coherence, risk
    }

    /// Absent values are written as `null` (not left out), so every object has the same keys for scripts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(label, forKey: .label)
        try container.encode(status, forKey: .status)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(summaries, forKey: .summaries)
        try container.encode(lastSeen, forKey: .lastSeen)
        try container.encode(action, forKey: .action)
        try container.encode(margin, forKey: .margin)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(reason, forKey: .reason)
        try container.encode(E, forKey: .E)
        try container.encode(I, forKey: .I)
        try container.encode(S, forKey: .S)
        try container.encode(V, forKey: .V)
        try container.encode(coherence, forKey: .coherence)
        try container.encode(risk, forKey: .risk)
    }
}

/// One row of `core.agent_state`: the verdict at one check-in.
public struct AgentStateRecord: Sendable, Equatable, Codable {
    public var recordedAt: String
    public var summaryID: String?
    public var E: Double
    public var I: Double
    public var S: Double
    public var V: Double
    public var coherence: Double
    public var risk: Double
    public var verdict: String
    public var action: String
    public var margin: String
    public var reason: String
    public var regime: String

    enum CodingKeys: String, CodingKey {
        case recordedAt = "recorded_at", summaryID = "summary_id", E, I, S, V, coherence, risk, verdict, action, margin, reason, regime
    }
}
