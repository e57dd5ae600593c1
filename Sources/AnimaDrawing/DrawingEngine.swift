import AnimaImage

/// How an engine is built.
public struct DrawingEngineConfiguration: Sendable {
    /// Canvas size. The spec's geometry (centre 120, margins, the 240² density) is kept as written for 240×240;
    /// a different size clips marks to its bounds (see docs/drawing-engine.md).
    public var width: Int
    public var height: Int
    /// The era of a fresh canvas (a restored canvas keeps its own).
    public var era: EraName
    /// `auto_rotate` of the era registry: off keeps the era from drawing to drawing.
    public var autoRotate: Bool
    /// Decision 3: after a mark, more than this many pixels sends the drawing to closing.
    public var pixelLimit: Int
    public var parameters: EISVParameters

    public init(
        width: Int = 240, height: Int = 240, era: EraName = .gestural, autoRotate: Bool = false,
        pixelLimit: Int = 15_000, parameters: EISVParameters = .reference
    ) {
        self.width = width
        self.height = height
        self.era = era
        self.autoRotate = autoRotate
        self.pixelLimit = pixelLimit
        self.parameters = parameters
    }
}

/// The creature's drawing behaviour (spec §1): pure state and rules, no I/O. The caller owns it on one serial
/// executor (Decision 8), calls `frame(anima:)` once per display-loop iteration (or `draw`/`checkAutonomy`
/// directly), hands snapshots to the store, writes completed PNGs, and persists the canvas when
/// `canvasPersistenceDue` says so.
public final class DrawingEngine {
    public let configuration: DrawingEngineConfiguration
    let clock: any DrawingClock
    var random: SeededRandom

    public internal(set) var canvas: DrawingCanvas
    public internal(set) var record: CanvasRecord
    public internal(set) var state: DrawingState
    /// `DrawingIntent`: where the next mark goes and how many the drawing has.
    public internal(set) var focusX = 120.0
    public internal(set) var focusY = 120.0
    public internal(set) var direction = 0.0
    public internal(set) var markCount = 0
    /// The active era's per-drawing state; nil until the first `draw()` after a start or restart.
    public internal(set) var eraState: (any Era)?
    public internal(set) var goal: DrawingGoal?
    /// `_behavioral_C`: the coherence every decision reads (not persisted; 0.5 after a restart).
    public internal(set) var behaviouralC = 0.5
    public internal(set) var lastAnima: AnimaState?
    public var drives = DrawingDrives()
    public var autoRotate: Bool
    /// A governance `pause` (or halt/reject) stops new marks until `proceed`; autonomy still runs.
    public internal(set) var governancePaused = false
    /// No autonomous save/clear before this time (60 s after restoring a canvas with pixels).
    public internal(set) var autonomyReadyTime = 0.0
    /// The path that sent the arc to closing, reported when the drawing completes.
    var closingPath: CompletionPath?
    var frameCount = 0
    var persistence = PersistenceTracker()

    public var era: EraName { record.era }
    public var pixelCount: Int { canvas.pixelCount }

    public init(
        configuration: DrawingEngineConfiguration = DrawingEngineConfiguration(), clock: any DrawingClock,
        random: SeededRandom
    ) {
        self.configuration = configuration
        self.clock = clock
        self.random = random
        let now = clock.now()
        canvas = DrawingCanvas(width: configuration.width, height: configuration.height)
        record = CanvasRecord(now: now)
        record.era = configuration.era
        state = DrawingState()
        autoRotate = configuration.autoRotate
    }

    /// One display-loop iteration as the reference renderer runs it on the notepad (spec §1.1): every 10th frame the
    /// autonomy check, then one `draw()`.
    public func frame(anima: AnimaState) -> (draw: DrawOutcome, autonomy: AutonomyOutcome?) {
        frameCount += 1
        let autonomy = frameCount % 10 == 0 ? checkAutonomy(anima: anima) : nil
        return (draw(anima: anima), autonomy)
    }

    /// The renderer's gate (governance, the post-clear pause, the pixel cap), then `draw()` (spec §1.11).
    public func draw(anima: AnimaState) -> DrawOutcome {
        if governancePaused { return DrawOutcome(kind: .governancePaused) }
        let now = clock.now()
        if now < record.drawingPausedUntil { return DrawOutcome(kind: .paused) }
        if canvas.pixelCount >= configuration.pixelLimit {
            // A canvas sitting exactly at the cap (restored, or reached exactly) closes too, so it never freezes.
            enterClosingAtPixelLimit(now: now)
            return DrawOutcome(kind: .atPixelLimit)
        }
        return drawStep(anima: anima, now: now)
    }

    /// `draw()` in the exact step order of spec §1.11.
    func drawStep(anima: AnimaState, now: Double) -> DrawOutcome {
        // 1–2. Read anima; light regime.
        lastAnima = anima
        let warmth = anima.warmth
        let clarity = anima.clarity
        let stability = anima.stability
        let presence = anima.presence
        let light = anima.lightRegime
        // 3. Narrative arc.
        updateNarrativeArc(now: now)
        // 4. Era state.
        if eraState == nil { eraState = record.era.makeState(random: &random) }
        // 5–7. Draw chance with the early-canvas floors.
        let px = canvas.pixelCount
        let chance = Self.drawChance(
            pixelCount: px, presence: presence, clarity: clarity, derivedEnergy: state.derivedEnergy)
        if random.random() > chance { return DrawOutcome(kind: .noMark) }
        // 8. Pixel limit before the mark (as the reference; normally unreachable behind the gate in `draw`).
        if px > configuration.pixelLimit {
            enterClosingAtPixelLimit(now: now)
            return DrawOutcome(kind: .atPixelLimit)
        }
        guard var era = eraState else { return DrawOutcome(kind: .noMark) }
        // 9. Colour inputs: goal bias, then drives above 0.15.
        var drawWarmth = warmth
        if let goal { drawWarmth = clamp(warmth + goal.warmthBias, 0, 1) }
        var drawClarity = clarity
        var drawStability = stability
        var drawPresence = presence
        if drives.warmth > 0.15 { drawWarmth = min(1.0, drawWarmth + drives.warmth * 0.15) }
        if drives.clarity > 0.15 { drawClarity = min(1.0, clarity + drives.clarity * 0.12) }
        if drives.stability > 0.15 { drawStability = min(1.0, stability + drives.stability * 0.10) }
        if drives.presence > 0.15 { drawPresence = min(1.0, presence + drives.presence * 0.12) }
        // 10. Colour.
        let (color, _) = era.generateColor(
            random: &random, warmth: drawWarmth, clarity: drawClarity, stability: drawStability,
            presence: drawPresence, light: light)
        // 11. Gesture (raw anima, behavioural C).
        let C = behaviouralC
        if era.gestureRemaining <= 0 {
            era.chooseGesture(random: &random, clarity: clarity, stability: stability, presence: presence, coherence: C)
        }
        // 12. I_signal before the decrement (behaviour and history).
        let iBefore = era.intentionality()
        // 13. The mark.
        let energy = state.derivedEnergy
        era.placeMark(
            on: &canvas, random: &random, focusX: focusX, focusY: focusY, direction: direction, energy: energy,
            color: color)
        if canvas.touchedSinceFlag {
            record.isSatisfied = false
            canvas.clearTouchedFlag()
        }
        // 14. Decrement; count.
        era.gestureRemaining -= 1
        markCount += 1
        // 15. Drift.
        let drifted = era.driftFocus(
            random: &random, focusX: focusX, focusY: focusY, direction: direction, stability: stability,
            presence: presence, coherence: C, clarity: clarity)
        (focusX, focusY, direction) = drifted
        // 16. Gesture history.
        state.gestureHistory.append(era.gesture)
        if state.gestureHistory.count > DrawingState.gestureHistoryCapacity { state.gestureHistory.removeFirst() }
        let history = state.gestureHistory
        let gestureSwitch = history.count >= 2 && history[history.count - 1] != history[history.count - 2]
        // 17. ODE step, I_signal sampled after the decrement and drift.
        let iAfter = era.intentionality()
        let vocabulary = type(of: era).gestureNames.count
        let sSignal = EISVDynamics.gestureEntropy(history, vocabularySize: vocabulary)
        let switching = EISVDynamics.switchingRate(history)
        EISVDynamics.odeStep(
            &state, iSignal: iAfter, sSignal: sSignal, drift: switching, parameters: configuration.parameters)
        eraState = era
        // 18. Behavioural C.
        behaviouralC = EISVDynamics.behaviouralCoherence(previous: behaviouralC, iSignal: iBefore, sSignal: sSignal)
        // 19. Attention.
        EISVDynamics.updateAttention(
            &state, iSignal: iBefore, sSignal: sSignal, C: behaviouralC, gestureSwitch: gestureSwitch)
        // 20. Coherence tracking.
        EISVDynamics.updateCoherenceTracking(&state, C: behaviouralC, iSignal: iBefore)
        // 21. Copies into the canvas record; persistence bookkeeping.
        copyStateIntoRecord()
        persistence.noteMark()
        // 23. The drawing_history row every 10 marks.
        var snapshot: DrawingSnapshot?
        if markCount % 10 == 0 {
            snapshot = DrawingSnapshot(
                time: now, E: state.E, I: state.I, S: state.S, V: state.V, C: behaviouralC, marks: markCount,
                phase: state.arcPhase.rawValue, era: record.era.rawValue, energy: state.derivedEnergy,
                curiosity: state.curiosity, engagement: state.engagement, fatigue: state.fatigue,
                arcPhase: state.arcPhase.rawValue, gestureEntropy: sSignal, switchingRate: switching,
                intentionality: iBefore)
        }
        // Decision 3: the pixel limit takes effect after the mark that crosses it.
        if canvas.pixelCount > configuration.pixelLimit { enterClosingAtPixelLimit(now: now) }
        return DrawOutcome(kind: .marked, damage: canvas.takeDamage(), snapshot: snapshot)
    }

    /// `0.07·(0.5 + (presence + clarity)/2)·derived_energy`, raised on an empty canvas to `0.3 + 0.7·expression`
    /// and under 150 px to `0.12 + 0.18·(1 − px/150)` (spec §1.11 steps 5–6).
    public static func drawChance(pixelCount px: Int, presence: Double, clarity: Double, derivedEnergy: Double) -> Double {
        let expression = (presence + clarity) / 2
        var chance = 0.07 * (0.5 + expression) * derivedEnergy
        if px == 0 {
            chance = max(chance, 0.3 + 0.7 * expression)
        } else if px < 150 {
            chance = max(chance, 0.12 + 0.18 * (1 - Double(px) / 150))
        }
        return chance
    }

    func copyStateIntoRecord() {
        record.markCount = markCount
        record.curiosity = state.curiosity
        record.engagement = state.engagement
        record.fatigue = state.fatigue
        record.arcPhase = state.arcPhase
        record.coherenceHistory = state.coherenceHistory
        record.iMomentum = state.iMomentum
        record.drawingStartTime = state.drawingStartTime
    }

    /// Closing because the canvas is full: arc and drawing phase to closing, satisfied.
    func enterClosingAtPixelLimit(now: Double) {
        guard state.arcPhase != .closing else { return }
        transitionArc(to: .closing, now: now)
        closingPath = .pixelLimit
        record.markSatisfied(now: now)
        persistence.noteChange()
    }

    // MARK: Governance, drives, eras

    /// Applies a governance verdict's action (spec §4.7): pause/halt/reject stop new marks, proceed resumes,
    /// anything else leaves the state as it is.
    public func applyGovernance(action: String) {
        switch action {
        case "pause", "halt", "reject": governancePaused = true
        case "proceed": governancePaused = false
        default: break
        }
    }

    /// `set_era`: with a drawing in progress (≥ 50 px) and not forced, the switch waits for the next clear.
    /// Returns true when queued, false when applied now.
    @discardableResult
    public func setEra(_ name: EraName, forceImmediate: Bool = false) -> Bool {
        persistence.requestWrite()
        if canvas.pixelCount >= 50 && !forceImmediate {
            record.pendingEraSwitch = name
            return true
        }
        record.era = name
        eraState = name.makeState(random: &random)
        record.pendingEraSwitch = nil
        return false
    }

    /// The canvas as an image (for the display's first paint or a manual snapshot).
    public func image() -> RGBImage { canvas.image() }
}
