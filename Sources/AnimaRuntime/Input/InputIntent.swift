/// What a button means to the creature. The runtime consumes intents, never pins.
public enum InputIntent: Sendable, Equatable {
    /// `canvas_save(manual=True)`: the canvas as it is, named `…_manual.png` (not in the gestural era, as the reference).
    case save
    /// Switch to the next era in registration order (queued behind a drawing in progress, as `set_era`).
    case nextEra
    /// Toggle the panel between the canvas and the status screen.
    case toggleScreen
}

/// Which intent a board's input role gives on a short press and on a long one (held ≥ `longPressSeconds`).
/// BrainCraft (anima-mcp input_handler.py): the separate button (D17, `buttons.button`) saves; the joystick moves
/// between screens, so its press toggles the status screen and right steps the era. Boards with lettered buttons
/// (Mini PiTFT a/b, Display HAT Mini a/b/x/y): a = next era (long: save), b = status screen, x = save.
public enum InputRoles {
    public static let longPressSeconds = 1.0

    public static func intent(role: String, long: Bool) -> InputIntent? {
        switch (role, long) {
        case ("buttons.button", _), ("buttons.x", _), ("buttons.a", true): return .save
        case ("joystick.right", _), ("buttons.a", false): return .nextEra
        case ("joystick.press", _), ("buttons.b", _): return .toggleScreen
        default: return nil
        }
    }

    /// Debounce windows from the reference (brainhat_input.py): 50 ms for buttons, 25 ms for joystick directions.
    public static func debounceNanoseconds(role: String) -> UInt64 {
        role.hasPrefix("joystick.") && role != "joystick.press" ? 25_000_000 : 50_000_000
    }
}
