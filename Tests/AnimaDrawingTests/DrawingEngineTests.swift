import AnimaImage
import Testing

@testable import AnimaDrawing

/// The draw() step as a whole: chance floors, damage, snapshots, governance, the pixel limit, determinism.
@Suite struct DrawingEngineTests {
    @Test func drawChanceFloors() {
        // expression (0.83 + 0.82)/2 = 0.825; base 0.07·1.325·0.8 = 0.0742
        let base = DrawingEngine.drawChance(pixelCount: 150, presence: 0.83, clarity: 0.82, derivedEnergy: 0.8)
        #expect(abs(base - 0.0742) < 1e-15)
        let empty = DrawingEngine.drawChance(pixelCount: 0, presence: 0.83, clarity: 0.82, derivedEnergy: 0.8)
        #expect(abs(empty - 0.8775) < 1e-15)
        let young = DrawingEngine.drawChance(pixelCount: 75, presence: 0.83, clarity: 0.82, derivedEnergy: 0.8)
        #expect(abs(young - 0.21) < 1e-15)
        let eager = DrawingEngine.drawChance(pixelCount: 149, presence: 1, clarity: 1, derivedEnergy: 3)
        #expect(abs(eager - 0.07 * 1.5 * 3) < 1e-15)  // the floor only raises
    }

    @Test func marksReportTheirDamageAndSnapshotsComeEveryTenMarks() {
        let (engine, clock) = makeEngine(seed: 21)
        var marks = 0
        var snapshots: [DrawingSnapshot] = []
        var reconstructed = [Int: RGB]()
        while marks < 30 {
            let outcome = engine.draw(anima: referenceAnima)
            clock.advance(by: 1)
            guard outcome.kind == .marked else {
                #expect(outcome.damage.isEmpty)
                continue
            }
            marks += 1
            for write in outcome.damage.writes {
                reconstructed[write.y * 240 + write.x] = write.color
                let bounds = outcome.damage.bounds!
                #expect(write.x >= bounds.x0 && write.x <= bounds.x1 && write.y >= bounds.y0 && write.y <= bounds.y1)
            }
            if let snapshot = outcome.snapshot { snapshots.append(snapshot) }
        }
        #expect(snapshots.map(\.marks) == [10, 20, 30])
        #expect(reconstructed.count == engine.pixelCount)
        for (index, color) in reconstructed { #expect(engine.canvas.pixel(index % 240, index / 240) == color) }
        let last = try! #require(snapshots.last)
        #expect(last.C == engine.behaviouralC)
        #expect(last.E == engine.state.E)
        #expect(last.era == "gestural")
        #expect(last.energy == engine.state.derivedEnergy)
        #expect(last.switchingRate == EISVDynamics.switchingRate(engine.state.gestureHistory))
        #expect(last.time == clock.now() - 1)
    }

    @Test func governancePauseStopsMarksButNotAutonomy() {
        let (engine, clock) = makeEngine()
        engine.applyGovernance(action: "pause")
        for _ in 0..<50 {
            #expect(engine.draw(anima: referenceAnima).kind == .governancePaused)
            clock.advance(by: 1)
        }
        #expect(engine.pixelCount == 0)
        engine.applyGovernance(action: "margin-only")  // unknown actions change nothing
        #expect(engine.governancePaused)
        engine.fillBalanced(300)
        engine.markCount = 5
        engine.state.fatigue = 0.95
        guard case .completed = engine.checkAutonomy(anima: referenceAnima) else {
            Issue.record("autonomy must still complete a drawing while paused")
            return
        }
        engine.applyGovernance(action: "proceed")
        clock.advance(by: 6)
        var marked = false
        for _ in 0..<20 where engine.draw(anima: referenceAnima).kind == .marked { marked = true }
        #expect(marked)
    }

    @Test func thePostClearPauseHoldsFiveSeconds() {
        let (engine, clock) = makeEngine()
        engine.record.drawingPausedUntil = clock.now() + 5
        #expect(engine.draw(anima: referenceAnima).kind == .paused)
        clock.advance(by: 5)
        #expect(engine.draw(anima: referenceAnima).kind != .paused)
    }

    @Test func crossingThePixelLimitEntersClosing() {
        let (engine, clock) = makeEngine(era: .geometric, seed: 2)
        engine.fillBalanced(14_990)
        while engine.state.arcPhase != .closing {
            _ = engine.draw(anima: referenceAnima)
            clock.advance(by: 1)
        }
        #expect(engine.pixelCount >= 15_000)
        #expect(engine.record.isSatisfied)
        #expect(engine.completionPath(now: clock.now()) == .pixelLimit)
        #expect(engine.draw(anima: referenceAnima).kind == .atPixelLimit)
    }

    @Test func sameSeedSameDrawing() {
        func run(seed: UInt64) -> ([DrawingSnapshot], [UInt8], [String]) {
            var simulation = DrawingSimulation(era: .gestural, seed: seed, anima: referenceAnima)
            var snapshots: [DrawingSnapshot] = []
            var images: [UInt8] = []
            var names: [String] = []
            simulation.run(drawings: 2) { event in
                switch event.kind {
                case let .snapshot(snapshot): snapshots.append(snapshot)
                case let .completed(drawing):
                    images += drawing.image.bytes
                    names.append(drawing.fileName)
                default: break
                }
            }
            return (snapshots, images, names)
        }
        let first = run(seed: 5)
        let second = run(seed: 5)
        #expect(first.0.count > 100)
        #expect(first.0 == second.0)
        #expect(first.1 == second.1)
        #expect(first.2 == second.2)
        #expect(run(seed: 6).0 != first.0)
    }

    @Test func setEraQueuesWhileADrawingIsInProgress() {
        let (engine, _) = makeEngine()
        #expect(!engine.setEra(.field))
        #expect(engine.era == .field)
        engine.fillBalanced(50)
        #expect(engine.setEra(.pointillist))
        #expect(engine.era == .field)
        #expect(engine.record.pendingEraSwitch == .pointillist)
        #expect(!engine.setEra(.geometric, forceImmediate: true))
        #expect(engine.era == .geometric)
        #expect(engine.record.pendingEraSwitch == nil)
    }

    @Test func fileNames() {
        #expect(DrawingFileName.make(time: 1_767_225_600, localOffset: 0, era: .field) == "lumen_drawing_20260101_000000_field.png")
        // 2024-02-29 23:59:59 UTC, one hour east
        #expect(DrawingFileName.make(time: 1_709_251_199, localOffset: 3600, era: .geometric, manual: true)
            == "lumen_drawing_20240301_005959_geometric_manual.png")
        #expect(DrawingFileName.hour(time: 1_767_225_600 + 13 * 3600 + 59, localOffset: 0) == 13)
    }
}

@Suite struct DrawingReportTests {
    @Test func eisvReportAndManualSave() {
        let (engine, clock) = makeEngine(era: .pointillist)
        #expect(engine.saveManually() == nil)  // empty canvas
        engine.fillBalanced(100)
        clock.advance(by: 30)
        let report = engine.eisvReport()
        #expect(report.E == 0.4 && report.C == 0.5)
        #expect(report.pixelCount == 100)
        #expect(report.drawingAge == 30)
        #expect(report.energy == 0.8)
        #expect(!report.narrativeComplete)
        let saved = engine.saveManually()
        #expect(saved?.fileName == "lumen_drawing_20260101_000030_pointillist_manual.png")
        #expect(engine.pixelCount == 100)  // no clear
        #expect(engine.record.lastSaveTime == clock.now())
        engine.setEra(.gestural, forceImmediate: true)
        #expect(engine.saveManually() == nil)  // gestural has no manual save
    }
}
