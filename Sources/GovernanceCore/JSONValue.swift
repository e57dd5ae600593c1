/// A parsed JSON document, kept close to the text so validation can name exact field paths
/// and tell integers from fractions, and so numbers that overflow a Double (`1e400`) are seen, not silently made infinite.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// `text` is the number exactly as written; `value` is its Double reading (±inf for huge exponents).
    case number(value: Double, text: String)
    case string(String)
    case array([JSONValue])
    /// Members in document order (duplicate keys are rejected by the parser).
    case object([JSONMember])

    /// The member named `key` of an object, nil otherwise.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// The JSON type name used in error messages ("expected a number, got a string").
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
