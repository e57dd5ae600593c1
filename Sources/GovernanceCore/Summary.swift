/// One summary a device syncs to the host (governance spec §5.1): what the creature felt, how it was drawing,
/// and who it is. `id` is the client's idempotency key: sending it twice stores it once.
public struct Summary: Codable, Sendable, Equatable {
    /// Lowercase canonical UUID, generated on the device.
    public var id: String
    /// Seconds since 1970, UTC; on the wire an RFC 3339 string with `Z` (milliseconds).
    public var recordedAt: Double
    public var anima: AnimaReading
    /// The anima mapped to EISV (`EISV.mapping(anima:)`).
    public var eisv: EISV
    public var drawing: DrawingReport
    public var identity: IdentityReport

    public init(id: String, recordedAt: Double, anima: AnimaReading, eisv: EISV, drawing: DrawingReport, identity: IdentityReport) {
        self.id = id
        self.recordedAt = recordedAt
        self.anima = anima
        self.eisv = eisv
        self.drawing = drawing
        self.identity = identity
    }

    private enum CodingKeys: String, CodingKey {
        case id, recordedAt = "recorded_at", anima, eisv, drawing, identity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        recordedAt = try container.decodeRFC3339(forKey: .recordedAt)
        anima = try container.decode(AnimaReading.self, forKey: .anima)
        eisv = try container.decode(EISV.self, forKey: .eisv)
        drawing = try container.decode(DrawingReport.self, forKey: .drawing)
        identity = try container.decode(IdentityReport.self, forKey: .identity)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeRFC3339(recordedAt, forKey: .recordedAt)
        try container.encode(anima, forKey: .anima)
        try container.encode(eisv, forKey: .eisv)
        try container.encode(drawing, forKey: .drawing)
        try container.encode(identity, forKey: .identity)
    }
}

/// The creature's four felt dimensions, each in [0, 1].
public struct AnimaReading: Codable, Sendable, Equatable {
    public var warmth: Double
    public var clarity: Double
    public var stability: Double
    public var presence: Double

    public init(warmth: Double, clarity: Double, stability: Double, presence: Double) {
        self.warmth = warmth
        self.clarity = clarity
        self.stability = stability
        self.presence = presence
    }
}

/// Energy, Integrity, Entropy (S), Void: the governance state vector. Keys are the single capitals on the wire.
public struct EISV: Codable, Sendable, Equatable {
    public var E: Double
    public var I: Double
    public var S: Double
    public var V: Double

    public init(E: Double, I: Double, S: Double, V: Double) {
        self.E = E
        self.I = I
        self.S = S
        self.V = V
    }
}

/// The drawing engine's state at the time of the summary (drawing-engine spec §1).
public struct DrawingReport: Codable, Sendable, Equatable {
    public var era: String
    public var arcPhase: String
    /// Marks placed in the current drawing.
    public var marks: Int
    /// Pixels painted on the canvas.
    public var pixels: Int
    /// ODE state of the drawing engine: E, I, C in [0, 1], S in [0, 2], V in [−2, 2].
    public var E: Double
    public var I: Double
    public var S: Double
    public var V: Double
    public var C: Double
    public var curiosity: Double
    public var engagement: Double
    public var fatigue: Double
    public var drawingsCompleted: Int

    public init(
        era: String, arcPhase: String, marks: Int, pixels: Int, E: Double, I: Double, S: Double, V: Double, C: Double,
        curiosity: Double, engagement: Double, fatigue: Double, drawingsCompleted: Int
    ) {
        self.era = era
        self.arcPhase = arcPhase
        self.marks = marks
        self.pixels = pixels
        self.E = E
        self.I = I
        self.S = S
        self.V = V
        self.C = C
        self.curiosity = curiosity
        self.engagement = engagement
        self.fatigue = fatigue
        self.drawingsCompleted = drawingsCompleted
    }

    private enum CodingKeys: String, CodingKey {
        case era, arcPhase = "arc_phase", marks, pixels, E, I, S, V, C, curiosity, engagement, fatigue
        case drawingsCompleted = "drawings_completed"
    }
}

/// Who the creature is: how often it woke and how long it has lived.
public struct IdentityReport: Codable, Sendable, Equatable {
    public var awakenings: Int
    public var aliveSeconds: Double

    public init(awakenings: Int, aliveSeconds: Double) {
        self.awakenings = awakenings
        self.aliveSeconds = aliveSeconds
    }

    private enum CodingKeys: String, CodingKey {
        case awakenings, aliveSeconds = "alive_seconds"
    }
}
