/// The creature's persistent self (spec §3.3 `CreatureIdentity`). Times are seconds since 1970 on the
/// store's clock.
public struct CreatureIdentity: Sendable, Equatable {
    public var creatureID: String
    public var bornAt: Double
    public var totalAwakenings: Int
    public var totalAliveSeconds: Double
    public var name: String?
    public var nameHistory: [NameHistoryEntry]
    /// When this session's `wake` ran.
    public var currentAwakeningAt: Double?
    /// The last time alive seconds were saved in this session (nil until the first heartbeat).
    public var lastHeartbeatAt: Double?
    /// The reference's free-form metadata column, as JSON text.
    public var metadata: String

    /// Wall-clock age since birth (not alive time); never negative.
    public func ageSeconds(now: Double) -> Double { max(0, now - bornAt) }

    /// Fraction of its existence spent alive, in [0, 1] (0 at birth).
    public func aliveRatio(now: Double) -> Double {
        let age = ageSeconds(now: now)
        guard age > 0 else { return 0 }
        return min(1, max(0, totalAliveSeconds / age))
    }
}

/// A former name and when it stopped being used (`until` is a `StoreTimestamp`).
public struct NameHistoryEntry: Sendable, Equatable, Codable {
    public var name: String
    public var until: String

    public init(name: String, until: String) {
        self.name = name
        self.until = until
    }
}

/// One `state_history` row: the anima values the creature felt, with its sensor readings as JSON.
public struct StateHistoryRow: Sendable, Equatable {
    public var id: Int64
    public var timestamp: String
    public var warmth: Double?
    public var clarity: Double?
    public var stability: Double?
    public var presence: Double?
    public var sensors: String
    public var epoch: Int
}

/// One `events` row (`wake`, `sleep`, `name_change`, `time_recovery`) with its JSON data.
public struct IdentityEvent: Sendable, Equatable {
    public var id: Int64
    public var timestamp: String
    public var type: String
    public var data: String
}

/// One `state_history` row before it is written: the anima and the sensor readings at `time`.
public struct StateSample: Sendable, Equatable {
    public var time: Double
    public var warmth: Double
    public var clarity: Double
    public var stability: Double
    public var presence: Double
    public var sensors: [String: Double]

    public init(time: Double, warmth: Double, clarity: Double, stability: Double, presence: Double, sensors: [String: Double]) {
        self.time = time
        self.warmth = warmth
        self.clarity = clarity
        self.stability = stability
        self.presence = presence
        self.sensors = sensors
    }
}
