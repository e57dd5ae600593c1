import AnimaImage

/// What one `draw(anima:)` call did.
public struct DrawOutcome: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A governance `pause` is in force: no mark until `proceed`.
        case governancePaused
        /// The 5 s pause after a clear.
        case paused
        /// The canvas holds the maximum number of pixels; the drawing is closing and waits for autonomy to save it.
        case atPixelLimit
        /// The draw chance said no this time.
        case noMark
        /// A mark was placed.
        case marked
    }

    public var kind: Kind
    /// The pixels the mark wrote (empty unless `.marked`).
    public var damage: CanvasDamage
    /// The `drawing_history` row, present when the mark count reached a multiple of 10; hand it to the recorder.
    public var snapshot: DrawingSnapshot?

    public init(kind: Kind, damage: CanvasDamage = CanvasDamage(), snapshot: DrawingSnapshot? = nil) {
        self.kind = kind
        self.damage = damage
        self.snapshot = snapshot
    }
}

/// Which rule ended a drawing (spec §1.9 `narrative_complete`, plus the pixel limit of Decision 3).
public enum CompletionPath: String, Sendable, CaseIterable {
    /// The arc reached closing on its own (resolving → closing); the path that fired there is reported instead when known.
    case closing
    case settledAndExhausted = "settled_and_exhausted"
    case compositionalSatisfaction = "compositional_satisfaction"
    case fatigue
    case stall
    case timeLimit = "time_limit"
    case pixelLimit = "pixel_limit"
}

/// A finished drawing, already cleared from the canvas: the caller writes `image` as PNG to `fileName` atomically.
public struct CompletedDrawing: Sendable {
    public var image: RGBImage
    /// `lumen_drawing_YYYYmmdd_HHMMSS_<era>.png` in local time of the engine clock.
    public var fileName: String
    public var era: EraName
    public var path: CompletionPath
    public var marks: Int
    public var pixels: Int
    /// From the drawing's start (last clear) to its completion, on the engine clock.
    public var duration: Double
    /// ODE state and coherence at completion (the reference's `[EISV]` calibration line).
    public var E: Double
    public var I: Double
    public var S: Double
    public var V: Double
    public var odeC: Double
    /// Behavioural coherence at completion (what drove the decisions).
    public var behaviouralC: Double
    public var curiosity: Double
    public var engagement: Double
    public var fatigue: Double
    public var compositionalSatisfaction: Double
}

/// What one `checkAutonomy(anima:)` call did (spec §1.12).
public enum AutonomyOutcome: Sendable {
    case nothing
    /// A false start was cleared without saving (spec §1.10).
    case abandoned(marks: Int, pixels: Int)
    /// A drawing completed: write its PNG. The canvas is already clear and the next drawing has begun.
    case completed(CompletedDrawing)
}
