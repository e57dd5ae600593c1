import AnimaImage

@testable import AnimaDrawing

/// The creature's long-run means (spec "Reference figures").
let referenceAnima = AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83)

func makeEngine(era: EraName = .gestural, seed: UInt64 = 7, start: Double = 1_767_225_600) -> (DrawingEngine, VirtualClock) {
    let clock = VirtualClock(start: start)
    let engine = DrawingEngine(
        configuration: DrawingEngineConfiguration(era: era), clock: clock, random: SeededRandom(seed: seed))
    return (engine, clock)
}

extension DrawingEngine {
    /// Draws `count` pixels spread over the four quadrants (row-major inside a 120×120 block per quadrant, in turn).
    func fillBalanced(_ count: Int) {
        for index in 0..<count {
            let quadrant = index % 4
            let n = index / 4
            let x = (quadrant % 2) * 120 + n % 120
            let y = (quadrant / 2) * 120 + n / 120
            canvas.draw(x, y, RGB(200, 100, 50))
        }
        _ = canvas.takeDamage()
    }

    /// Draws `count` pixels into the top-left quadrant only.
    func fillTopLeft(_ count: Int) {
        for index in 0..<count { canvas.draw(index % 120, index / 120, RGB(10, 20, 30)) }
        _ = canvas.takeDamage()
    }
}
