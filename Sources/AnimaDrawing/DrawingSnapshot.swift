/// The creature's state every 10 marks, as stored in `drawing_history` (spec §1.20).
/// A plain value: the engine produces it, the store records it, neither knows the other's internals.
public struct DrawingSnapshot: Sendable, Equatable {
    /// Seconds since 1970 (UTC) on the engine's clock (virtual under simulation).
    public var time: Double
    /// ODE state after this mark's step.
    public var E: Double
    public var I: Double
    public var S: Double
    public var V: Double
    /// Behavioural coherence after the EMA update (not the ODE coherence).
    public var C: Double
    public var marks: Int
    /// Narrative phase (the reference stores the arc phase here too); nil is stored as NULL.
    public var phase: String?
    public var era: String?
    /// Derived energy after the attention update.
    public var energy: Double?
    public var curiosity: Double?
    public var engagement: Double?
    public var fatigue: Double?
    public var arcPhase: String?
    /// Normalised Shannon entropy of the gesture history (0.5 with fewer than 5 gestures).
    public var gestureEntropy: Double?
    public var switchingRate: Double?
    /// I_signal sampled before the gesture decrement.
    public var intentionality: Double?
    public var epoch: Int

    public init(
        time: Double, E: Double, I: Double, S: Double, V: Double, C: Double, marks: Int,
        phase: String?, era: String?, energy: Double?, curiosity: Double?, engagement: Double?, fatigue: Double?,
        arcPhase: String?, gestureEntropy: Double?, switchingRate: Double?, intentionality: Double?, epoch: Int = 1
    ) {
        self.time = time
        self.E = E
        self.I = I
        self.S = S
        self.V = V
        self.C = C
        self.marks = marks
        self.phase = phase
        self.era = era
        self.energy = energy
        self.curiosity = curiosity
        self.engagement = engagement
        self.fatigue = fatigue
        self.arcPhase = arcPhase
        self.gestureEntropy = gestureEntropy
        self.switchingRate = switchingRate
        self.intentionality = intentionality
        self.epoch = epoch
    }
}
