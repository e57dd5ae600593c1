/// A JSON document, kept close to the text so validation can name exact field paths and tell integers from fractions,
/// and so numbers that overflow a Double (`1e400`) are seen, not silently made infinite. One type for the whole package:
/// the bridge's validator, the host's MCP bodies and the creature's canvas.json all read and write it (no Foundation).
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

    /// A number from its value, written in the shortest form that reads back the same.
    public static func number(_ value: Double) -> JSONValue { .number(value: value, text: format(value)) }

    // MARK: Writing

    public func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(value): out += value ? "true" : "false"
        case let .number(value, _): out += Self.format(value)
        case let .string(value): Self.writeString(value, into: &out)
        case let .array(items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case let .object(members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(member.key, into: &out)
                out += ":"
                member.value.write(into: &out)
            }
            out += "}"
        }
    }

    /// Integers without a fraction; other finite values in Swift's shortest round-trip form; non-finite as null.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func writeString(_ value: String, into out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
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
