import AnimaImage

/// An art era: a gesture vocabulary and the rules that turn the creature's state into marks (spec §1.4).
/// A value of a conforming type *is* the era's per-drawing state (the reference's `EraState`): a new drawing gets a
/// new value; era state is never persisted. Gestures are indices into `gestureNames` (cheap to count and compare).
public protocol Era: Sendable {
    static var name: EraName { get }
    static var summary: String { get }
    /// The vocabulary; its size is N in the entropy normalisation.
    static var gestureNames: [String] { get }

    /// `create_state()`: some eras draw their initial state from the random source.
    init(random: inout SeededRandom)

    /// The active gesture (index into `gestureNames`); the base state starts on index 0.
    var gesture: Int { get }
    var gestureRemaining: Int { get set }

    /// The proprioceptive I_signal.
    func intentionality() -> Double

    mutating func chooseGesture(
        random: inout SeededRandom, clarity: Double, stability: Double, presence: Double, coherence: Double)

    mutating func placeMark(
        on canvas: inout DrawingCanvas, random: inout SeededRandom,
        focusX: Double, focusY: Double, direction: Double, energy: Double, color: RGB)

    mutating func driftFocus(
        random: inout SeededRandom, focusX: Double, focusY: Double, direction: Double,
        stability: Double, presence: Double, coherence: Double, clarity: Double
    ) -> (x: Double, y: Double, direction: Double)

    mutating func generateColor(
        random: inout SeededRandom, warmth: Double, clarity: Double, stability: Double, presence: Double,
        light: LightRegime
    ) -> (color: RGB, category: HueCategory)
}

extension Era {
    public var gestureName: String { Self.gestureNames[gesture] }
}

/// The registered eras, in registration order (gestural, pointillist, field, geometric).
public enum EraName: String, Sendable, CaseIterable, CustomStringConvertible {
    case gestural, pointillist, field, geometric

    public var description: String { rawValue }

    /// `get_era(name)`: unknown names fall back to gestural.
    public static func resolving(_ name: String) -> EraName {
        EraName(rawValue: name) ?? .gestural
    }

    public var type: any Era.Type {
        switch self {
        case .gestural: GesturalEra.self
        case .pointillist: PointillistEra.self
        case .field: FieldEra.self
        case .geometric: GeometricEra.self
        }
    }

    /// A fresh per-drawing state for this era (`create_state()`).
    public func makeState(random: inout SeededRandom) -> any Era {
        type.init(random: &random)
    }

    /// `choose_next_era`: with auto-rotate off the era stays; on, `random.choices` over all eras with weight 0.3
    /// for the current one and 1.0 for the others.
    public static func next(after current: EraName, autoRotate: Bool, random: inout SeededRandom) -> EraName {
        guard autoRotate else { return current }
        let weights = allCases.map { $0 == current ? 0.3 : 1.0 }
        return allCases[random.weightedIndex(weights)]
    }
}
