import AnimaBoards
import AnimaDrawing
import AnimaHAL
import Logging

/// Drives the board's APA102 chain (if it has one and the run uses real hardware) from the anima. A failure is logged
/// once and the lights are left alone: they are never worth stopping the creature for.
final class MoodLightDriver {
    private let chain: APA102Chain
    private let logger: Logger
    private var lastFrame: [APA102Color] = []
    private var failed = false

    /// nil when the board has no APA102 chain or its lines cannot be opened (logged).
    init?(board: BoardDefinition, hardware: any BoardHardware, logger: Logger) {
        guard let leds = board.leds.apa102 else { return nil }
        self.logger = logger
        let chips = board.gpioChips.all
        do {
            let clock = try hardware.gpioOutput(chipLabels: chips, line: leds.clock, activeLow: false, consumer: "anima")
            let data = try hardware.gpioOutput(chipLabels: chips, line: leds.data, activeLow: false, consumer: "anima")
            chain = try APA102Chain(count: leds.count, output: .bitBanged(clock: clock, data: data))
        } catch {
            logger.warning("LEDs (APA102 on GPIO \(leds.clock)/\(leds.data)) unavailable: \(error)")
            return nil
        }
    }

    /// Test seam: a chain over fake lines.
    init(chain: APA102Chain, logger: Logger) {
        self.chain = chain
        self.logger = logger
    }

    /// Shows the mood, breathing at `time` when given; sends nothing when the colours did not change.
    func show(_ anima: AnimaState, time: Double? = nil) {
        guard !failed else { return }
        let frame = MoodLights.apa102(for: anima, count: chain.count, time: time)
        guard frame != lastFrame else { return }
        do {
            try chain.show(frame)
            lastFrame = frame
        } catch {
            failed = true
            logger.warning("LEDs stopped: \(error)")
        }
    }

    func turnOff() {
        guard !failed else { return }
        try? chain.clear()
    }
}
