/// How the creature picks the era of each new drawing: the `era` setting of `anima run` and `--era` of
/// `anima simulate`, so both go through the same rotation code (`EraName.next`, called from `clearCanvas`).
///
/// `rotate` is the reference's `auto_rotate = True` (eras/__init__.py `choose_next_era`): after every finished
/// drawing, `random.choices` over all eras in registration order with weight 0.3 for the current one and 1.0 for
/// the others. An abandoned false start keeps its era in both modes (the reference queues
/// `pending_era_switch = current`). `pinned` is `auto_rotate = False` with that era set (`set_era`).
public enum EraSelection: Sendable, Equatable, CustomStringConvertible {
    case rotate
    case pinned(EraName)

    /// The spelling in anima.toml and on the command line.
    public static let rotateName = "rotate"

    /// Every accepted value, for help texts and error messages.
    public static var accepted: [String] { [rotateName] + EraName.allCases.map(\.rawValue) }

    /// nil for anything but `rotate` or an era's exact name (no silent fallback to gestural for a typo).
    public init?(_ text: String) {
        if text == Self.rotateName {
            self = .rotate
        } else if let era = EraName(rawValue: text) {
            self = .pinned(era)
        } else {
            return nil
        }
    }

    public var autoRotate: Bool { self == .rotate }

    /// The era of a fresh canvas: the pinned one, or the reference's default (gestural) when rotating.
    public var firstEra: EraName {
        switch self {
        case .rotate: .gestural
        case let .pinned(era): era
        }
    }

    public var description: String {
        switch self {
        case .rotate: Self.rotateName
        case let .pinned(era): era.rawValue
        }
    }
}
