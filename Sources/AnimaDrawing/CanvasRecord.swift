/// The canvas bookkeeping of spec §1.2 (`CanvasState` minus its pixels): times, satisfaction, counters, the persisted
/// copies of attention and arc, the era and the queued era switch. Times are seconds since 1970 on the engine clock.
public struct CanvasRecord: Sendable, Equatable {
    /// Mirror of the arc phase; a restored canvas may carry a legacy name (exploring/building/reflecting/resting).
    public var drawingPhase = "opening"
    public var phaseStartTime: Double
    public var lastSaveTime = 0.0
    public var lastClearTime: Double
    public var isSatisfied = false
    public var satisfactionTime = 0.0
    public var drawingsSaved = 0
    public var drawingPausedUntil = 0.0
    public var saveIndicatorUntil = 0.0
    /// Legacy; persisted, reset to 1.0 on clear, never otherwise updated.
    public var energy = 1.0
    public var markCount = 0
    public var curiosity = 1.0
    public var engagement = 0.5
    public var fatigue = 0.0
    public var arcPhase = ArcPhase.opening
    public var coherenceHistory: [Double] = []
    public var iMomentum = 0.0
    public var drawingStartTime = 0.0
    public var era = EraName.gestural
    public var pendingEraSwitch: EraName?
    /// Volatile: not persisted, so a restart allows abandoning again.
    public var consecutiveFalseStarts = 0

    public static let legacyPhases: Set<String> = ["exploring", "building", "reflecting", "resting"]

    public init(now: Double) {
        phaseStartTime = now
        lastClearTime = now
    }

    /// `mark_satisfied()`: idempotent.
    mutating func markSatisfied(now: Double) {
        guard !isSatisfied else { return }
        isSatisfied = true
        satisfactionTime = now
    }

    /// The record part of `CanvasState.clear()`: a new drawing starts now and drawing pauses for 5 s.
    mutating func clear(now: Double) {
        drawingPhase = ArcPhase.opening.rawValue
        phaseStartTime = now
        lastClearTime = now
        drawingStartTime = now
        isSatisfied = false
        satisfactionTime = 0
        energy = 1.0
        markCount = 0
        curiosity = 1.0
        engagement = 0.5
        fatigue = 0.0
        arcPhase = .opening
        coherenceHistory = []
        iMomentum = 0.0
        pendingEraSwitch = nil
        drawingPausedUntil = now + 5.0
    }
}
