import Foundation
import GovernanceCore
import JSONDocument

/// Any JSON value, for the parts of the protocol that are open-ended (audit payloads, MCP arguments, agent metadata).
public enum JSONPayload: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONPayload])
    case object([String: JSONPayload])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONPayload].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONPayload].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .number(value):
            // Whole numbers print without ".0" (JSON-RPC ids, counts) when they fit a Double exactly.
            if value.rounded() == value, abs(value) < 9_007_199_254_740_992 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    public subscript(key: String) -> JSONPayload? {
        if case let .object(object) = self { return object[key] }
        return nil
    }

    public var objectValue: [String: JSONPayload]? { if case let .object(value) = self { value } else { nil } }
    public var stringValue: String? { if case let .string(value) = self { value } else { nil } }
    public var doubleValue: Double? { if case let .number(value) = self { value } else { nil } }
    public var boolValue: Bool? { if case let .bool(value) = self { value } else { nil } }
    public var arrayValue: [JSONPayload]? { if case let .array(value) = self { value } else { nil } }

    /// Compact JSON text with sorted keys (stable output for logs and tests).
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses JSON text; nil when it is not JSON.
    public static func parse(_ data: Data) -> JSONPayload? {
        try? parseStrict(Array(data))
    }

    /// Parses with GovernanceCore's strict parser: nesting deeper than `JSONParser.maxDepth` is refused before any
    /// work is spent on it (a 3 KB body nested 511 deep once cost a second of CPU through JSONDecoder), duplicate keys
    /// are refused, and so is NUL (U+0000) in any key or string: PostgreSQL's text and jsonb cannot hold it, so a
    /// request carrying one is refused here instead of failing after an audit line was written.
    public static func parseStrict(_ bytes: [UInt8]) throws(JSONParseError) -> JSONPayload {
        try JSONPayload(try JSONParser.parse(bytes))
    }

    init(_ value: JSONValue) throws(JSONParseError) {
        switch value {
        case .null: self = .null
        case let .bool(flag): self = .bool(flag)
        case let .number(number, text):
            guard number.isFinite else { throw JSONParseError(offset: 0, message: "the number \(text) overflows a double") }
            self = .number(number)
        case let .string(text):
            try Self.refuseNUL(text)
            self = .string(text)
        case let .array(elements):
            var converted: [JSONPayload] = []
            converted.reserveCapacity(elements.count)
            for element in elements { converted.append(try JSONPayload(element)) }
            self = .array(converted)
        case let .object(members):
            var converted: [String: JSONPayload] = [:]
            for member in members {
                try Self.refuseNUL(member.key)
                converted[member.key] = try JSONPayload(member.value)
            }
            self = .object(converted)
        }
    }

    private static func refuseNUL(_ text: String) throws(JSONParseError) {
        if text.unicodeScalars.contains("\u{0}") {
            throw JSONParseError(offset: 0, message: "a string contains a NUL character (U+0000), which text fields cannot hold")
        }
    }
}

/// JSON text for any Encodable value, sorted keys, the way every response body, JSONL line and `--json` output is written.
public enum GovernanceJSON {
    public static func text<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
