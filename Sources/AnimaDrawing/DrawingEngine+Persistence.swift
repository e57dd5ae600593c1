/// Canvas persistence as the engine sees it: when a write is due, the document to write, and restoring from one.
extension DrawingEngine {
    /// True when the caller should write `canvasDocument().encoded()` now (Decision 6), then call `canvasPersisted()`.
    public var canvasPersistenceDue: Bool {
        persistence.isDue(now: clock.now(), hasPixels: canvas.pixelCount > 0)
    }

    /// True when something asked for the canvas to be written now (a clear, a save, an era change), not merely marks
    /// that made it due.
    public var canvasWriteRequested: Bool { persistence.forced }

    /// Call after the document was written.
    public func canvasPersisted() {
        persistence.written(now: clock.now())
    }

    /// The canvas and its record as a document.
    public func canvasDocument() -> CanvasDocument {
        var document = CanvasDocument()
        document.pixels.reserveCapacity(canvas.pixelCount)
        canvas.forEachPixel { x, y, color in document.pixels.append(.init(x: x, y: y, color: color)) }
        document.recentLocations = canvas.recentLocations
        document.drawingPhase = record.drawingPhase
        document.phaseStartTime = record.phaseStartTime
        document.lastSaveTime = record.lastSaveTime
        document.lastClearTime = record.lastClearTime
        document.isSatisfied = record.isSatisfied
        document.satisfactionTime = record.satisfactionTime
        document.drawingsSaved = record.drawingsSaved
        document.energy = record.energy
        document.markCount = record.markCount
        document.era = record.era
        document.pendingEraSwitch = record.pendingEraSwitch
        document.curiosity = record.curiosity
        document.engagement = record.engagement
        document.fatigue = record.fatigue
        document.arcPhase = record.arcPhase
        document.coherenceHistory = Array(record.coherenceHistory.suffix(20))
        document.iMomentum = record.iMomentum
        document.drawingStartTime = record.drawingStartTime
        return document
    }

    /// An engine resuming a persisted canvas (spec §1.19 "Restore on start"): pixels, record, mark count, attention,
    /// arc, coherence history, I momentum and drawing start come back; the ODE, gesture history, coherence velocity,
    /// phase mark count, behavioural C, focus, era state, goal and the false-start counter start fresh.
    /// With pixels present, autonomy waits 60 s.
    public convenience init(
        configuration: DrawingEngineConfiguration = DrawingEngineConfiguration(), clock: any DrawingClock,
        random: SeededRandom, restoring document: CanvasDocument
    ) {
        self.init(configuration: configuration, clock: clock, random: random)
        let now = clock.now()
        for pixel in document.pixels { canvas.draw(pixel.x, pixel.y, pixel.color) }
        canvas.restoreRecentLocations(document.recentLocations)
        _ = canvas.takeDamage()
        canvas.clearTouchedFlag()

        if let value = document.drawingPhase { record.drawingPhase = value }
        if let value = document.phaseStartTime { record.phaseStartTime = value }
        if let value = document.lastSaveTime { record.lastSaveTime = value }
        if let value = document.lastClearTime { record.lastClearTime = value }
        if let value = document.isSatisfied { record.isSatisfied = value }
        if let value = document.satisfactionTime { record.satisfactionTime = value }
        if let value = document.drawingsSaved { record.drawingsSaved = value }
        if let value = document.energy { record.energy = value }
        if let value = document.markCount { record.markCount = value }
        if let value = document.era { record.era = value }
        record.pendingEraSwitch = document.pendingEraSwitch
        if let value = document.curiosity { record.curiosity = value }
        if let value = document.engagement { record.engagement = value }
        if let value = document.fatigue { record.fatigue = value }
        if let value = document.arcPhase { record.arcPhase = value }
        if let value = document.coherenceHistory { record.coherenceHistory = value }
        if let value = document.iMomentum { record.iMomentum = value }

        markCount = record.markCount
        state.curiosity = record.curiosity
        state.engagement = record.engagement
        state.fatigue = record.fatigue
        state.arcPhase = record.arcPhase
        state.coherenceHistory = Array(record.coherenceHistory.suffix(DrawingState.coherenceHistoryCapacity))
        state.iMomentum = record.iMomentum
        state.drawingStartTime = document.drawingStartTime ?? now
        record.drawingStartTime = state.drawingStartTime
        if canvas.pixelCount > 0 { autonomyReadyTime = now + 60 }
    }
}
