/// What the creature feels, as the engine reads it once per `draw()` call (spec §1.11 step 1).
public struct AnimaState: Sendable, Equatable {
    public var warmth: Double
    public var clarity: Double
    public var stability: Double
    public var presence: Double
    /// Ambient light; nil when the sensor is missing (the regime is then "dim").
    public var lightLux: Double?

    public init(warmth: Double, clarity: Double, stability: Double, presence: Double, lightLux: Double? = nil) {
        self.warmth = warmth
        self.clarity = clarity
        self.stability = stability
        self.presence = presence
        self.lightLux = lightLux
    }

    /// Spec §1.11 step 2: < 5 lux dark, < 100 lux dim, else bright; missing → dim.
    public var lightRegime: LightRegime {
        guard let lux = lightLux else { return .dim }
        if lux < 5 { return .dark }
        if lux < 100 { return .dim }
        return .bright
    }
}

public enum LightRegime: String, Sendable {
    case dark, dim, bright
}

/// Inner-life drives (`set_drives`): each above 0.15 nudges the colour inputs (spec §1.11 step 9). Not reset per drawing.
public struct DrawingDrives: Sendable, Equatable {
    public var warmth: Double
    public var clarity: Double
    public var stability: Double
    public var presence: Double

    public init(warmth: Double = 0, clarity: Double = 0, stability: Double = 0, presence: Double = 0) {
        self.warmth = warmth
        self.clarity = clarity
        self.stability = stability
        self.presence = presence
    }
}
