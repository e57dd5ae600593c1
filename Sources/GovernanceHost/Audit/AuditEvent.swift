import Foundation

/// One audited fact (spec §4): an accepted batch or check-in, a token created or revoked, a verdict change, an outcome.
/// `event_id` is the idempotency key in both the JSONL file and `audit.events`.
public struct AuditEvent: Sendable, Equatable, Codable {
    public var eventID: UUID
    /// UTC, written as RFC 3339 with `Z`.
    public var timestamp: Date
    public var agentID: UUID?
    public var eventType: String
    public var confidence: Double?
    public var payload: JSONPayload

    public init(eventID: UUID = UUID(), timestamp: Date, agentID: UUID?, eventType: String, confidence: Double? = nil, payload: JSONPayload) {
        self.eventID = eventID
        self.timestamp = timestamp
        self.agentID = agentID
        self.eventType = eventType
        self.confidence = confidence
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id", timestamp = "ts", agentID = "agent_id", eventType = "event_type", confidence, payload
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        eventID = try container.decode(UUID.self, forKey: .eventID)
        let text = try container.decode(String.self, forKey: .timestamp)
        guard let date = UTCTime.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: .timestamp, in: container, debugDescription: "'\(text)' is not an RFC 3339 time")
        }
        timestamp = date
        agentID = try container.decodeIfPresent(UUID.self, forKey: .agentID)
        eventType = try container.decode(String.self, forKey: .eventType)
        confidence = try container.decodeIfPresent(Double.self, forKey: .confidence)
        payload = try container.decodeIfPresent(JSONPayload.self, forKey: .payload) ?? .object([:])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(eventID.uuidString.lowercased(), forKey: .eventID)
        try container.encode(UTCTime.format(timestamp), forKey: .timestamp)
        try container.encode(agentID?.uuidString.lowercased(), forKey: .agentID)
        try container.encode(eventType, forKey: .eventType)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(payload, forKey: .payload)
    }

    /// The JSONL line (without the newline).
    public var jsonLine: String { GovernanceJSON.text(self) }
}
