/// The body of `POST /v1/summaries`: `{"schema":1,"summaries":[…]}`.
public struct SummaryBatch: Codable, Sendable, Equatable {
    /// The only schema version this build speaks.
    public static let schemaVersion = 1
    /// Most summaries one request may carry (spec §5.1).
    public static let maxSummaries = 1000
    /// Largest request body the host accepts (spec §5.1: 1 MiB); larger → 413.
    public static let maxBodyBytes = 1 << 20

    public var schema: Int
    public var summaries: [Summary]

    public init(summaries: [Summary]) {
        self.schema = Self.schemaVersion
        self.summaries = summaries
    }

    /// Builds a batch body from already-encoded summary objects (the outbox stores each summary's JSON),
    /// without decoding and re-encoding them.
    public static func body(encodedSummaries: [[UInt8]]) -> [UInt8] {
        var body = Array("{\"schema\":\(schemaVersion),\"summaries\":[".utf8)
        for (index, summary) in encodedSummaries.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: summary)
        }
        body.append(contentsOf: "]}".utf8)
        return body
    }
}

/// The host's answer to an accepted batch: `{"accepted":n,"duplicates":m,"verdict":{…}}`.
public struct SummaryResponse: Codable, Sendable, Equatable {
    /// Summaries stored by this request.
    public var accepted: Int
    /// Summaries whose id the host already held (stored nothing, changed nothing).
    public var duplicates: Int
    public var verdict: BridgeVerdict

    public init(accepted: Int, duplicates: Int, verdict: BridgeVerdict) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.verdict = verdict
    }
}

/// The flat verdict on the wire (spec §5.1). `action` is always top level: the reference nested it in some modes
/// and its Pi never saw a pause.
public struct BridgeVerdict: Codable, Sendable, Equatable {
    public var action: GovernanceAction
    public var margin: MarginClass
    public var reason: String
    public var risk: Double
    public var coherence: Double
    public var E: Double
    public var I: Double
    public var S: Double
    public var V: Double
    public var verdict: RiskVerdict

    public init(
        action: GovernanceAction, margin: MarginClass, reason: String, risk: Double, coherence: Double, E: Double, I: Double,
        S: Double, V: Double, verdict: RiskVerdict
    ) {
        self.action = action
        self.margin = margin
        self.reason = reason
        self.risk = risk
        self.coherence = coherence
        self.E = E
        self.I = I
        self.S = S
        self.V = V
        self.verdict = verdict
    }
}

/// The error body of a 4xx/5xx answer: `{"error":"…","field":"summaries[3].anima.warmth"}`; `field` absent
/// when the error is not about one field (auth, size).
public struct BridgeErrorBody: Codable, Sendable, Equatable {
    public var error: String
    public var field: String?

    public init(error: String, field: String?) {
        self.error = error
        self.field = field
    }
}

/// What the creature should do.
public enum GovernanceAction: String, Codable, Sendable, Equatable {
    case proceed
    /// Stop placing new marks until a later `proceed`.
    case pause
}

/// How close the state is to an edge (spec §6.6).
public enum MarginClass: String, Codable, Sendable, Equatable {
    case comfortable, tight, settling, warning, critical
}

/// The risk band (spec §6.2).
public enum RiskVerdict: String, Codable, Sendable, Equatable {
    case safe, caution
    case highRisk = "high-risk"
}
