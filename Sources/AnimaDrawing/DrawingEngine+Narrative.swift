/// The narrative arc, the completion rules and the false-start rule (spec §1.9, §1.10).
extension DrawingEngine {
    /// `_update_narrative_arc()`: at the top of every `draw()` and every autonomy check.
    func updateNarrativeArc(now: Double) {
        let C = behaviouralC
        let marks = state.phaseMarkCount
        if canvas.pixelCount < 10 {
            transitionArc(to: .opening, now: now)
            return
        }
        switch state.arcPhase {
        case .opening:
            if state.iMomentum > 0.15 && marks > 10 { transitionArc(to: .developing, now: now) }
        case .developing:
            if C > 0.6 && abs(state.coherenceVelocity) < 0.02 {
                transitionArc(to: .resolving, now: now)
            } else if C < 0.3 && state.iMomentum < 0.3 && marks > 20 {
                transitionArc(to: .opening, now: now)
            }
        case .resolving:
            if let path = completionPath(now: now) {
                transitionArc(to: .closing, now: now)
                closingPath = path
            } else if C < 0.4 {
                transitionArc(to: .developing, now: now)
            }
        case .closing:
            record.markSatisfied(now: now)
        }
    }

    /// A transition (only when the phase changes): phase mark count to 0, drawing phase and its start time.
    func transitionArc(to phase: ArcPhase, now: Double) {
        guard state.arcPhase != phase else { return }
        state.arcPhase = phase
        state.phaseMarkCount = 0
        record.arcPhase = phase
        record.drawingPhase = phase.rawValue
        record.phaseStartTime = now
        persistence.noteChange()
    }

    /// `narrative_complete(canvas)`: the first of the six paths that holds, or nil.
    public func completionPath(now: Double) -> CompletionPath? {
        let px = canvas.pixelCount
        let age = now - record.lastClearTime
        if state.arcPhase == .closing { return closingPath ?? .closing }
        if state.coherenceSettled && state.attentionExhausted { return .settledAndExhausted }
        if compositionalSatisfaction() > 0.7 && state.curiosity < 0.2 { return .compositionalSatisfaction }
        if state.fatigue > 0.90 { return .fatigue }
        if state.derivedEnergy < 0.05 && age > 900 && px >= 200 { return .stall }
        if age > 28_800 && px >= 50 { return .timeLimit }
        return nil
    }

    /// `compositional_satisfaction()` in [0, 1]: 0.4·coverage + 0.3·balance + 0.3·coherence (0 under 50 px).
    public func compositionalSatisfaction() -> Double {
        let px = canvas.pixelCount
        guard px >= 50 else { return 0 }
        let density = Double(px) / 57_600
        let coverage: Double
        if density < 0.05 {
            coverage = density / 0.05
        } else if density > 0.25 {
            coverage = max(0, 1 - (density - 0.25) / 0.5)
        } else {
            coverage = 1.0
        }
        var balance = 0.0
        for count in canvas.quadrantCounts {
            let r = Double(count) / Double(px)
            balance += (0.1...0.5).contains(r) ? 1.0 : min(r / 0.1, (1 - r) / 0.5)
        }
        balance /= 4
        let history = record.coherenceHistory
        let coherence: Double
        if history.count >= 5 {
            let recent = history.suffix(10)
            coherence = recent.reduce(0, +) / Double(recent.count)
        } else {
            coherence = 0.5
        }
        return clamp(0.4 * coverage + 0.3 * balance + 0.3 * coherence, 0, 1)
    }

    /// `is_false_start(canvas)` (spec §1.10).
    public func isFalseStart(now: Double) -> Bool {
        guard state.arcPhase == .opening, now - record.phaseStartTime > 45.0, record.markCount >= 8,
            state.iMomentum < 0.25
        else { return false }
        let history = state.coherenceHistory
        let sample: ArraySlice<Double>
        if history.count >= 10 {
            sample = history.suffix(10)
        } else if history.count >= 3 {
            sample = history[...]
        } else {
            return false
        }
        let mean = sample.reduce(0, +) / Double(sample.count)
        return mean < 0.35 && state.engagement < 0.3
    }
}
