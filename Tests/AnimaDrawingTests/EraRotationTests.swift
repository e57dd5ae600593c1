import Testing

@testable import AnimaDrawing

/// Era rotation as the reference does it (anima-mcp `display/eras/__init__.py`, `choose_next_era`): with
/// `auto_rotate` on, `random.choices(candidates, weights=[0.3 if name == current else 1.0 ...])` over the eras in
/// registration order (gestural, pointillist, field, geometric); off, the era stays. `drawing_engine.py`
/// `canvas_clear` uses `pending_era_switch` first — set to the current era by an abandoned false start.
@Suite struct EraRotationTests {
    @Test func selectionParsesRotateAndExactEraNames() {
        #expect(EraSelection("rotate") == .rotate)
        #expect(EraSelection("field") == .pinned(.field))
        #expect(EraSelection("rotate")?.firstEra == .gestural)
        #expect(EraSelection("geometric")?.firstEra == .geometric)
        #expect(EraSelection("rotate")?.autoRotate == true)
        #expect(EraSelection("pointillist")?.autoRotate == false)
        #expect(EraSelection.accepted == ["rotate", "gestural", "pointillist", "field", "geometric"])
    }

    /// Garbage never falls back to gestural silently (unlike the reference's `get_era`): the caller names the setting.
    @Test(arguments: ["", "Gestural", "rotate ", "auto", "expressive", "field\n", "\u{0}", String(repeating: "x", count: 10_000)])
    func selectionRefusesGarbage(_ text: String) {
        #expect(EraSelection(text) == nil)
    }

    /// The weights: the current era is chosen with probability 0.3 / 3.3, each other one with 1.0 / 3.3.
    @Test func chooserWeighsTheCurrentEraPointThree() {
        var random = SeededRandom(seed: 42)
        let trials = 33_000
        for current in EraName.allCases {
            var counts: [EraName: Int] = [:]
            for _ in 0..<trials { counts[EraName.next(after: current, autoRotate: true, random: &random), default: 0] += 1 }
            for era in EraName.allCases {
                let share = Double(counts[era, default: 0]) / Double(trials)
                let expected = era == current ? 0.3 / 3.3 : 1.0 / 3.3
                #expect(abs(share - expected) < 0.01, "\(current) → \(era): \(share), expected \(expected)")
            }
        }
    }

    @Test func pinnedNeverChanges() {
        var random = SeededRandom(seed: 3)
        for era in EraName.allCases {
            for _ in 0..<100 { #expect(EraName.next(after: era, autoRotate: false, random: &random) == era) }
        }
    }

    /// Several finished drawings with rotation on visit more than one era, and each new era follows the chooser.
    @Test func rotatingSimulationVisitsSeveralEras() {
        var simulation = DrawingSimulation(
            era: EraSelection.rotate.firstEra, seed: 5, anima: AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83),
            clockStep: 5, configuration: DrawingEngineConfiguration(autoRotate: true))
        var eras: [EraName] = []
        simulation.run(drawings: 5) { event in
            if case let .completed(drawing) = event.kind { eras.append(drawing.era) }
        }
        #expect(eras.first == .gestural)
        #expect(Set(eras).count > 1, "eras drawn: \(eras)")
    }

    @Test func pinnedSimulationStaysInItsEra() {
        var simulation = DrawingSimulation(
            era: .pointillist, seed: 5, anima: AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83),
            clockStep: 5, configuration: DrawingEngineConfiguration(autoRotate: false))
        var eras: [EraName] = []
        simulation.run(drawings: 3) { event in
            if case let .completed(drawing) = event.kind { eras.append(drawing.era) }
        }
        #expect(eras == [.pointillist, .pointillist, .pointillist])
    }

    /// `set_era` with a drawing in progress queues the switch; the next clear applies it even with rotation on.
    @Test func queuedSwitchWinsOverRotation() {
        let clock = VirtualClock()
        let engine = DrawingEngine(
            configuration: DrawingEngineConfiguration(autoRotate: true), clock: clock, random: SeededRandom(seed: 9))
        let anima = AnimaState(warmth: 0.41, clarity: 0.82, stability: 0.89, presence: 0.83)
        while engine.pixelCount < 50 {
            _ = engine.draw(anima: anima)
            clock.advance(by: 1)
        }
        #expect(engine.setEra(.field) == true)
        #expect(engine.era == .gestural)
        engine.clearCanvas(now: clock.now())
        #expect(engine.era == .field)
    }
}
