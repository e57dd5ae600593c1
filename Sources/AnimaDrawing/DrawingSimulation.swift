/// Runs an engine flat out on a virtual clock, as the reference creature would draw on its notepad at one
/// `draw()` per display-loop iteration (spec "Reference figures"): each frame runs the autonomy check every
/// 10th frame, then one `draw()`, then the clock advances by `clockStep` seconds.
public struct DrawingSimulation {
    public struct Event: Sendable {
        public enum Kind: Sendable {
            case snapshot(DrawingSnapshot)
            case abandoned(marks: Int, pixels: Int)
            case completed(CompletedDrawing)
            /// A drawing that did not complete within `maxFramesPerDrawing` (should not happen: the 8 h limit ends every drawing).
            case gaveUp(marks: Int, pixels: Int)
        }
        public var kind: Kind
        /// Frames since the simulation started.
        public var frame: Int
    }

    public let engine: DrawingEngine
    public let clock: VirtualClock
    public var anima: AnimaState
    public var clockStep: Double
    public var maxFramesPerDrawing: Int

    public init(
        era: EraName, seed: UInt64, anima: AnimaState, clockStep: Double = 1.0, start: Double = 1_767_225_600,
        maxFramesPerDrawing: Int = 400_000, configuration: DrawingEngineConfiguration = DrawingEngineConfiguration()
    ) {
        var configuration = configuration
        configuration.era = era
        clock = VirtualClock(start: start)
        engine = DrawingEngine(configuration: configuration, clock: clock, random: SeededRandom(seed: seed))
        self.anima = anima
        self.clockStep = clockStep
        self.maxFramesPerDrawing = maxFramesPerDrawing
    }

    /// Runs until `drawings` drawings completed (or one gives up), reporting every event in order.
    public mutating func run(drawings: Int, onEvent: (Event) -> Void) {
        var frame = 0
        var completed = 0
        var framesThisDrawing = 0
        while completed < drawings {
            let (draw, autonomy) = engine.frame(anima: anima)
            frame += 1
            framesThisDrawing += 1
            if let snapshot = draw.snapshot { onEvent(Event(kind: .snapshot(snapshot), frame: frame)) }
            switch autonomy {
            case let .completed(drawing)?:
                onEvent(Event(kind: .completed(drawing), frame: frame))
                completed += 1
                framesThisDrawing = 0
            case let .abandoned(marks, pixels)?:
                onEvent(Event(kind: .abandoned(marks: marks, pixels: pixels), frame: frame))
            case .nothing?, nil:
                break
            }
            if framesThisDrawing >= maxFramesPerDrawing {
                onEvent(Event(kind: .gaveUp(marks: engine.markCount, pixels: engine.pixelCount), frame: frame))
                return
            }
            clock.advance(by: clockStep)
        }
    }
}
