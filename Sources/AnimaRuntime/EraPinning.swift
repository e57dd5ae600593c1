import AnimaDrawing

/// Applies the `era` setting to an engine that may have resumed a canvas drawn in another era.
enum EraPinning {
    /// A pinned era different from the resumed one is set as the reference's `set_era` does: at once on an (almost)
    /// empty canvas, otherwise queued until the drawing in progress finishes, so a restart never changes a drawing's
    /// era half-way. `rotate` leaves the resumed era alone. Returns a line for the log when something changed.
    static func apply(_ selection: EraSelection, to engine: DrawingEngine) -> String? {
        guard case let .pinned(era) = selection, engine.era != era || engine.record.pendingEraSwitch != nil else { return nil }
        if engine.era == era {
            // Pinned to the era in progress: drop a switch queued by an earlier setting.
            engine.setEra(era, forceImmediate: true)
            return "era pinned to \(era.rawValue)"
        }
        if engine.setEra(era) {
            return "era pinned to \(era.rawValue): the drawing in progress (\(engine.era.rawValue)) finishes first"
        }
        return "era pinned to \(era.rawValue)"
    }
}
