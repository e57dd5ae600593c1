import Foundation

/// The name an operator knows an agent by, checked where it enters the host (MCP `identity`, an anonymous check-in's
/// `agent_name`, `agents create --label`).
///
/// Devices choose their own labels, and operators type them into `tokens create --agent`, so a label must be
/// printable and must not pose as something else: no control or format characters (terminal escapes, newlines that
/// forge rows, bidi overrides that reorder text), at most `maxCharacters`, and never shaped like an agent id (ids win
/// when an operator command resolves its argument). Surrounding spaces are dropped. Uniqueness, ignoring case, is the
/// database's rule (migration 5) and `AgentStore.claim`'s check.
public struct AgentLabel: Sendable, Equatable, CustomStringConvertible {
    public static let maxCharacters = 64

    public let text: String

    public init(_ raw: String) throws(AgentLabelError) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw .empty }
        guard text.count <= Self.maxCharacters else { throw .tooLong(characters: text.count) }
        if let scalar = text.unicodeScalars.first(where: Self.isForbidden) { throw .forbiddenCharacter(scalar.value) }
        guard UUID(uuidString: text) == nil else { throw .looksLikeAnID }
        self.text = text
    }

    public var description: String { text }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .privateUse, .surrogate, .unassigned: return true
        default: return false
        }
    }
}

/// Why a label was refused. The descriptions leave the field out; callers put the request field or flag in front.
public enum AgentLabelError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case tooLong(characters: Int)
    case forbiddenCharacter(UInt32)
    case looksLikeAnID
    /// Another agent has this label (compared ignoring case).
    case taken(String)

    public var description: String {
        switch self {
        case .empty:
            return "a label must not be empty"
        case let .tooLong(characters):
            return "a label has at most \(AgentLabel.maxCharacters) characters (this one has \(characters)); choose a shorter one"
        case let .forbiddenCharacter(value):
            return "a label may not contain control or format characters (found U+\(String(format: "%04X", value))); use printable text"
        case .looksLikeAnID:
            return "a label may not look like an agent id (a UUID); choose a name"
        case let .taken(label):
            return "the label '\(label)' is taken by another agent (labels are unique, ignoring case); choose another"
        }
    }
}
