import AnimaImage

/// `get_drawing_eisv()` (spec §1.21): the drawing's state for diagnostics and the governance payload. E/I/S/V and C
/// are the ODE's (reporting only); the attention and arc fields are what drives the creature.
public struct DrawingEISVReport: Sendable, Equatable {
    public var E: Double
    public var I: Double
    public var S: Double
    public var V: Double
    /// ODE coherence `0.5·(1 + tanh V)`.
    public var C: Double
    public var marks: Int
    /// `canvas.drawing_phase` (may be a legacy name after a restore).
    public var phase: String
    public var era: EraName
    public var curiosity: Double
    public var engagement: Double
    public var fatigue: Double
    /// Derived energy.
    public var energy: Double
    public var arcPhase: ArcPhase
    public var iMomentum: Double
    public var coherenceSettled: Bool
    public var attentionExhausted: Bool
    public var narrativeComplete: Bool
    public var compositionalSatisfaction: Double
    public var drawingGoal: String?
    public var pixelCount: Int
    /// Seconds since the drawing started (last clear).
    public var drawingAge: Double
}

extension DrawingEngine {
    public func eisvReport() -> DrawingEISVReport {
        let now = clock.now()
        return DrawingEISVReport(
            E: state.E, I: state.I, S: state.S, V: state.V, C: state.odeCoherence(configuration.parameters),
            marks: markCount, phase: record.drawingPhase, era: record.era, curiosity: state.curiosity,
            engagement: state.engagement, fatigue: state.fatigue, energy: state.derivedEnergy, arcPhase: state.arcPhase,
            iMomentum: state.iMomentum, coherenceSettled: state.coherenceSettled,
            attentionExhausted: state.attentionExhausted, narrativeComplete: completionPath(now: now) != nil,
            compositionalSatisfaction: compositionalSatisfaction(), drawingGoal: goal?.description,
            pixelCount: canvas.pixelCount, drawingAge: now - record.lastClearTime)
    }

    /// `canvas_save(manual=True)` (side button on the notepad): the canvas as it is, named `…_manual.png`, without
    /// clearing. Nil for an empty canvas and in the gestural era (which has no manual save).
    public func saveManually() -> (image: AnimaImage.RGBImage, fileName: String)? {
        guard canvas.pixelCount > 0, record.era != .gestural else { return nil }
        let now = clock.now()
        record.lastSaveTime = now
        record.drawingsSaved += 1
        record.consecutiveFalseStarts = 0
        record.saveIndicatorUntil = now + 2
        persistence.requestWrite()
        let name = DrawingFileName.make(
            time: now, localOffset: clock.localOffsetSeconds(at: now), era: record.era, manual: true)
        return (canvas.image(), name)
    }
}
