/// `canvas_check_autonomy` and what it triggers: save, clear, next era (spec §1.12, §1.13).
extension DrawingEngine {
    /// The autonomy check (every 10th frame): grace, arc, the 60 s save floor, the post-clear pause, a false start
    /// (abandon without saving), or a complete narrative (save → clear → next era).
    /// Governance does not gate this: a paused creature can still finish and clear a drawing.
    public func checkAutonomy(anima: AnimaState?) -> AutonomyOutcome {
        guard anima != nil else { return .nothing }
        let now = clock.now()
        if now < autonomyReadyTime { return .nothing }
        updateNarrativeArc(now: now)
        if now - record.lastSaveTime < 60 { return .nothing }
        if now < record.drawingPausedUntil { return .nothing }
        let px = canvas.pixelCount
        if px < 200 && record.consecutiveFalseStarts < 2 && isFalseStart(now: now) {
            let marks = markCount
            record.pendingEraSwitch = record.era
            record.consecutiveFalseStarts += 1
            clearCanvas(now: now)
            return .abandoned(marks: marks, pixels: px)
        }
        if let path = completionPath(now: now), px >= 200, markCount >= 5 {
            let drawing = completedDrawing(path: path, now: now)
            record.lastSaveTime = now
            record.drawingsSaved += 1
            record.consecutiveFalseStarts = 0
            record.saveIndicatorUntil = now + 2
            persistence.requestWrite()
            clearCanvas(now: now)
            return .completed(drawing)
        }
        return .nothing
    }

    func completedDrawing(path: CompletionPath, now: Double) -> CompletedDrawing {
        CompletedDrawing(
            image: canvas.image(),
            fileName: DrawingFileName.make(time: now, localOffset: clock.localOffsetSeconds(at: now), era: record.era),
            era: record.era, path: path, marks: markCount, pixels: canvas.pixelCount,
            duration: now - record.lastClearTime,
            E: state.E, I: state.I, S: state.S, V: state.V, odeC: state.odeCoherence(configuration.parameters),
            behaviouralC: behaviouralC, curiosity: state.curiosity, engagement: state.engagement,
            fatigue: state.fatigue, compositionalSatisfaction: compositionalSatisfaction())
    }

    /// `canvas_clear(persist=True, already_saved=True)` followed by the intent reset, with the goal's initial
    /// quadrant applied after the reset (Decision 5). A no-op during the post-clear pause.
    func clearCanvas(now: Double) {
        guard now >= record.drawingPausedUntil else { return }
        let next = record.pendingEraSwitch ?? EraName.next(after: record.era, autoRotate: autoRotate, random: &random)
        canvas.clear()
        record.clear(now: now)
        resetIntent(now: now)
        record.era = next
        eraState = next.makeState(random: &random)
        closingPath = nil
        if let anima = lastAnima {
            let hour = DrawingFileName.hour(time: now, localOffset: clock.localOffsetSeconds(at: now))
            let newGoal = DrawingGoal(warmth: anima.warmth, clarity: anima.clarity, hour: hour)
            goal = newGoal
            if let focus = newGoal.initialFocus { (focusX, focusY) = focus }
        } else {
            goal = nil
        }
        persistence.requestWrite()
    }

    /// `DrawingIntent.reset()`: focus to the centre, a random direction, no marks, fresh state and era state.
    func resetIntent(now: Double) {
        focusX = 120
        focusY = 120
        direction = random.uniform(0, 2 * Double.pi)
        markCount = 0
        state.reset(now: now)
        eraState = nil
    }
}
