import AnimaImage
import Testing

@testable import AnimaDrawing

/// Canvas persistence (spec §1.19, Decision 6): when writes are due, the document's keys, defensive decoding,
/// and what a restore brings back.
@Suite struct CanvasDocumentTests {
    @Test func writesAreDueOnlyWhenDirtyAndAfterFiveMarksOrFifteenSeconds() {
        let (engine, clock) = makeEngine(seed: 4)
        #expect(!engine.canvasPersistenceDue)  // nothing changed
        var marks = 0
        while marks < 1 {
            if engine.draw(anima: referenceAnima).kind == .marked { marks += 1 }
        }
        // First write: the last write time starts at 0, so ≥ 15 s have passed.
        #expect(engine.canvasPersistenceDue)
        engine.canvasPersisted()
        #expect(!engine.canvasPersistenceDue)
        clock.advance(by: 30)
        #expect(!engine.canvasPersistenceDue)  // time alone does not make it due: nothing changed
        while marks < 5 {
            if engine.draw(anima: referenceAnima).kind == .marked { marks += 1 }
        }
        #expect(engine.canvasPersistenceDue)  // dirty and 30 s later
        engine.canvasPersisted()
        var since = 0
        while since < 4 {
            if engine.draw(anima: referenceAnima).kind == .marked { since += 1 }
        }
        #expect(!engine.canvasPersistenceDue)  // 4 marks, 0 s
        while since < 5 {
            if engine.draw(anima: referenceAnima).kind == .marked { since += 1 }
        }
        #expect(engine.canvasPersistenceDue)
    }

    @Test func roundTripRestoresWhatTheReferenceRestores() throws {
        let (engine, clock) = makeEngine(era: .pointillist, seed: 8)
        var marks = 0
        while marks < 40 || engine.pixelCount < 50 {
            if engine.draw(anima: referenceAnima).kind == .marked { marks += 1 }
            clock.advance(by: 1)
        }
        #expect(engine.setEra(.field))  // queued: the canvas has ≥ 50 px
        let bytes = engine.canvasDocument().encoded()
        let text = String(decoding: bytes, as: UTF8.self)
        for key in ["\"pixels\":{", "\"recent_locations\":[[", "\"era\":\"pointillist\"", "\"pending_era_switch\":\"field\"",
                    "\"mark_count\":\(marks)", "\"arc_phase\":", "\"coherence_history\":[", "\"drawing_phase\":"] {
            #expect(text.contains(key), "missing \(key)")
        }
        let (document, skipped) = try CanvasDocument.decode(bytes)
        #expect(skipped.isEmpty)
        #expect(document == engine.canvasDocument())

        clock.advance(by: 100)
        let restored = DrawingEngine(clock: clock, random: SeededRandom(seed: 1), restoring: document)
        #expect(restored.image() == engine.image())
        #expect(restored.markCount == marks)
        #expect(restored.era == .pointillist)
        #expect(restored.record.pendingEraSwitch == .field)
        #expect(restored.state.curiosity == engine.state.curiosity)
        #expect(restored.state.coherenceHistory == Array(engine.state.coherenceHistory.suffix(20)))
        #expect(restored.state.iMomentum == engine.state.iMomentum)
        // Not restored: ODE, behavioural C, gesture history, velocity, phase marks, focus, era state.
        #expect(restored.state.E == 0.4 && restored.state.V == 0)
        #expect(restored.behaviouralC == 0.5)
        #expect(restored.state.gestureHistory.isEmpty)
        #expect(restored.state.phaseMarkCount == 0)
        #expect(restored.focusX == 120 && restored.direction == 0)
        #expect(restored.eraState == nil)
        #expect(restored.autonomyReadyTime == clock.now() + 60)
        guard case .nothing = restored.checkAutonomy(anima: referenceAnima) else {
            Issue.record("the 60 s grace must hold")
            return
        }
    }

    @Test func aRestoredDrawingOlderThanEightHoursCompletesAfterTheGrace() throws {
        let clock = VirtualClock()
        var document = CanvasDocument()
        for index in 0..<300 {
            document.pixels.append(.init(x: index % 240, y: index / 240 + (index % 2) * 130, color: RGB(1, 2, 3)))
        }
        document.lastClearTime = clock.now() - 9 * 3600
        document.markCount = 12
        document.era = .field
        let engine = DrawingEngine(clock: clock, random: SeededRandom(seed: 2), restoring: document)
        clock.advance(by: 59)
        guard case .nothing = engine.checkAutonomy(anima: referenceAnima) else {
            Issue.record("the grace must hold for 60 s")
            return
        }
        clock.advance(by: 1)
        guard case let .completed(drawing) = engine.checkAutonomy(anima: referenceAnima) else {
            Issue.record("an 8 h old drawing completes right after the grace")
            return
        }
        #expect(drawing.path == .timeLimit)
        #expect(drawing.era == .field)
        #expect(drawing.marks == 12)
        #expect(drawing.pixels == 300)
    }

    @Test func corruptDocumentsAreErrors() {
        #expect(throws: CanvasDocumentError.empty) { try CanvasDocument.decode([]) }
        #expect(throws: CanvasDocumentError.empty) { try CanvasDocument.decode(Array("  \n".utf8)) }
        #expect(throws: CanvasDocumentError.notAnObject) { try CanvasDocument.decode(Array("[1,2]".utf8)) }
        do {
            _ = try CanvasDocument.decode(Array("{\"pixels\": {\"1,2\": [1,2,3]".utf8))
            Issue.record("truncated JSON must throw")
        } catch {
            guard case let .invalidJSON(parseError) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(parseError.offset == 26)
        }
    }

    @Test func invalidFieldsAreSkippedAndReported() throws {
        let json = """
            {"pixels": {"1,2": [1,2,3], "300,1": [1,1,1], "a,b": [1,1,1], "3,4": [1,2], "5,6": [1,2,256], "7,8": [9,9,9]},
             "recent_locations": [[1,2], [999,1], "x"], "drawing_phase": "building", "arc_phase": "dancing",
             "curiosity": 1.5, "engagement": "high", "fatigue": 0.25, "mark_count": -3, "drawings_saved": 12,
             "era": "expressive", "pending_era_switch": null, "unknown": true}
            """
        let (document, skipped) = try CanvasDocument.decode(Array(json.utf8))
        #expect(document.pixels.count == 2)
        #expect(document.recentLocations == [PixelPoint(x: 1, y: 2)])
        #expect(document.drawingPhase == "building")  // legacy names are accepted
        #expect(document.arcPhase == nil)
        #expect(document.curiosity == nil && document.engagement == nil)
        #expect(document.fatigue == 0.25)
        #expect(document.markCount == nil)
        #expect(document.drawingsSaved == 12)
        #expect(document.era == .gestural)  // unknown eras fall back to gestural
        #expect(document.pendingEraSwitch == nil)
        #expect(skipped.count == 5)
        #expect(skipped.contains { $0.hasPrefix("pixels: 4 invalid") })
        #expect(skipped.contains { $0.hasPrefix("curiosity:") })
        #expect(skipped.contains { $0.hasPrefix("engagement:") })
        #expect(skipped.contains { $0.hasPrefix("mark_count:") })
        #expect(skipped.contains { $0.hasPrefix("arc_phase:") })
    }

    /// Issue 12 item 8: `last_save_time = 1e300` was accepted and held off completion forever (completion waits 60 s
    /// after the last save); negative times were accepted too.
    @Test func absurdTimesAreRefusedOrClampedAndNamed() throws {
        let now = 1_795_705_200.0
        let json = """
            {"pixels": {"1,2": [1,2,3]}, "last_save_time": 1e300, "last_clear_time": -5, "phase_start_time": 1795705100,
             "drawing_start_time": 4102444800, "satisfaction_time": "soon"}
            """
        let (document, skipped) = try CanvasDocument.decode(Array(json.utf8), now: now)
        #expect(document.pixels.count == 1, "the canvas itself is still used")
        #expect(document.lastSaveTime == now)
        #expect(document.drawingStartTime == now, "2100 is clamped to now")
        #expect(document.lastClearTime == nil)
        #expect(document.phaseStartTime == 1_795_705_100)
        #expect(skipped.contains { $0.hasPrefix("last_save_time: 1e+300 is in the future; clamped") }, "\(skipped)")
        #expect(skipped.contains { $0.hasPrefix("drawing_start_time:") && $0.contains("clamped") })
        #expect(skipped.contains { $0.hasPrefix("last_clear_time: -5.0 is not a time") })
        #expect(skipped.contains { $0.hasPrefix("satisfaction_time: not a number") })
        #expect(skipped.count == 4)
    }
}
