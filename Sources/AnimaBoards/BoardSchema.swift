import Yams

/// The board schema: what fields a board file may have, their types and ranges. Parsed from YAML text
/// (`boards/schema.yaml`, compiled in as `BuiltInBoardFiles.schema`) so the rules live in one data file that both
/// the loader and a person read, as a Zephyr binding does for a devicetree node.
public struct BoardSchema: Sendable {
    /// What a field's value must be.
    indirect enum Kind: Sendable {
        case string(pattern: String?)
        case integer(min: Int?, max: Int?)
        case boolean
        case enumeration([String])
        /// A non-empty list of distinct values, each one of these.
        case list([String])
        /// A display controller known to the binary (checked against the loader's list).
        case controller
        case map(fields: [(name: String, field: Field)], exactlyOneOf: [String])
        /// A map of free names (matching `keyPattern`) to pins.
        case pins(keyPattern: String?, pin: Field)
    }

    struct Field: Sendable {
        var kind: Kind
        /// The name used in messages ("pin", "hz", "integer", …).
        var typeName: String
        var required: Bool
        /// The value used when an optional field is absent, as written in the schema.
        var defaultValue: String?
        var description: String
    }

    let root: Field

    /// The schema compiled into the binary.
    public static let builtIn: Result<BoardSchema, BoardError> = Result { () throws(BoardError) -> BoardSchema in
        try BoardSchema(yaml: BuiltInBoardFiles.schema, file: "<built-in schema>")
    }

    /// Parses a schema document; a malformed schema is reported like a malformed board file.
    public init(yaml: String, file: String) throws(BoardError) {
        let node = try YAMLDocument.compose(yaml, file: file)
        guard let top = node.mapping else {
            throw .wrongType(file: file, line: node.line, field: "(schema)", expected: "a mapping", found: node.summary)
        }
        var namedTypes: [String: Field] = [:]
        if let types = top["types"]?.mapping {
            for (key, value) in types {
                let name = key.string ?? ""
                namedTypes[name] = try Self.field(value, path: "types.\(name)", named: namedTypes, file: file)
            }
        }
        guard let fields = top["fields"] else {
            throw .missingField(file: file, line: node.line, field: "fields")
        }
        let rootKind = try Self.mapKind(fields, exactlyOneOf: [], path: "fields", named: namedTypes, file: file)
        root = Field(kind: rootKind, typeName: "map", required: true, defaultValue: nil, description: "a board")
    }

    private static func field(_ node: Node, path: String, named: [String: Field], file: String) throws(BoardError) -> Field {
        guard let map = node.mapping, let typeName = map["type"]?.string else {
            throw .missingField(file: file, line: node.line, field: "\(path).type")
        }
        let required = map["required"]?.string == "true"
        let defaultValue = map["default"]?.string
        let description = map["description"]?.string ?? ""
        func int(_ key: String) throws(BoardError) -> Int? {
            guard let text = map[key]?.string else { return nil }
            guard let value = ScalarText.integer(text) else {
                throw .wrongType(file: file, line: map[key]?.line ?? node.line, field: "\(path).\(key)", expected: "an integer", found: text)
            }
            return value
        }
        let kind: Kind
        switch typeName {
        case "string": kind = .string(pattern: map["pattern"]?.string)
        case "integer": kind = .integer(min: try int("min"), max: try int("max"))
        case "boolean": kind = .boolean
        case "enum": kind = .enumeration((map["values"]?.sequence ?? []).compactMap { $0.string })
        case "list": kind = .list((map["values"]?.sequence ?? []).compactMap { $0.string })
        case "controller": kind = .controller
        case "map":
            let oneOf = (map["exactly_one_of"]?.sequence ?? []).compactMap { $0.string }
            kind = try mapKind(map["fields"] ?? Node.mapping(.init([])), exactlyOneOf: oneOf, path: path, named: named, file: file)
        case "pins":
            guard let pin = named["pin"] else {
                throw .missingField(file: file, line: node.line, field: "types.pin")
            }
            kind = .pins(keyPattern: map["key_pattern"]?.string, pin: pin)
        default:
            guard let base = named[typeName] else {
                throw .notAllowed(file: file, line: node.line, field: "\(path).type", value: typeName,
                                  allowed: ["string", "integer", "boolean", "enum", "list", "controller", "map", "pins"] + named.keys.sorted())
            }
            kind = base.kind
        }
        return Field(kind: kind, typeName: typeName, required: required, defaultValue: defaultValue, description: description)
    }

    private static func mapKind(
        _ node: Node, exactlyOneOf: [String], path: String, named: [String: Field], file: String
    ) throws(BoardError) -> Kind {
        guard let mapping = node.mapping else {
            throw .wrongType(file: file, line: node.line, field: path, expected: "a mapping of fields", found: node.summary)
        }
        var fields: [(name: String, field: Field)] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            fields.append((name, try field(value, path: "\(path).\(name)", named: named, file: file)))
        }
        return .map(fields: fields, exactlyOneOf: exactlyOneOf)
    }

    /// The schema rule at a dotted path ("display.rotation"), for defaults and documentation.
    func field(at path: String) -> Field? {
        var current = root
        for component in path.split(separator: ".") {
            guard case let .map(fields, _) = current.kind,
                  let next = fields.first(where: { $0.name == component }) else { return nil }
            current = next.field
        }
        return current
    }
}
