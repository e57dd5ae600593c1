import Yams

/// Checks a board file's node tree against the `BoardSchema`, field by field, stopping at the first problem
/// in file order so the person gets one clear error. Nothing here reads a value for use; `BoardDecoder` does
/// that once validation has passed.
struct SchemaValidator {
    let file: String
    /// Controller names the binary has drivers for, for `type: controller`.
    let controllers: [String]

    /// `keyLine` is the line of the key that names this node (1 for the document), where a missing field is reported.
    func validate(_ node: Node, against field: BoardSchema.Field, path: String, keyLine: Int = 1) throws(BoardError) {
        switch field.kind {
        case let .map(fields, exactlyOneOf):
            try validateMap(node, fields: fields, exactlyOneOf: exactlyOneOf, path: path, keyLine: keyLine)
        case let .pins(keyPattern, pin):
            guard let mapping = node.mapping else {
                throw .wrongType(file: file, line: node.line, field: path, expected: "a mapping of names to pins", found: node.summary)
            }
            for (key, value) in mapping {
                let name = try keyName(key, path: path)
                if let keyPattern, !matches(name, keyPattern) {
                    throw .patternMismatch(file: file, line: key.line, field: join(path, name), value: name,
                                           pattern: "a lower-case name: letters, digits, underscores")
                }
                try validate(value, against: pin, path: join(path, name), keyLine: key.line)
            }
        case let .string(pattern):
            let text = try scalar(node, path: path, expected: "text")
            if let pattern, !matches(text, pattern) {
                throw .patternMismatch(file: file, line: node.line, field: path, value: text, pattern: pattern)
            }
        case let .integer(min, max):
            let text = try scalar(node, path: path, expected: "an integer", plainOnly: true)
            guard ScalarText.looksLikeInteger(text) else {
                throw .wrongType(file: file, line: node.line, field: path, expected: typeDescription(field), found: node.summary)
            }
            guard let value = ScalarText.integer(text), value >= (min ?? Int.min), value <= (max ?? Int.max) else {
                throw .outOfRange(file: file, line: node.line, field: path, value: text, min: min, max: max)
            }
        case .boolean:
            let text = try scalar(node, path: path, expected: "true or false", plainOnly: true)
            guard text == "true" || text == "false" else {
                throw .wrongType(file: file, line: node.line, field: path, expected: "true or false", found: node.summary)
            }
        case let .enumeration(values):
            let text = try scalar(node, path: path, expected: "one of \(values.joined(separator: ", "))")
            guard values.contains(text) else {
                throw .notAllowed(file: file, line: node.line, field: path, value: text, allowed: values)
            }
        case let .list(values):
            let expected = "a list of \(values.joined(separator: ", ")), e.g. [\(values.joined(separator: ", "))]"
            guard let items = node.sequence, !items.isEmpty else {
                throw .wrongType(file: file, line: node.line, field: path, expected: expected,
                                 found: node.sequence == nil ? node.summary : "an empty list")
            }
            var seen: [String] = []
            for item in items {
                let text = try scalar(item, path: path, expected: "one of \(values.joined(separator: ", "))")
                guard values.contains(text) else {
                    throw .notAllowed(file: file, line: item.line, field: path, value: text, allowed: values)
                }
                guard !seen.contains(text) else {
                    throw .conflict(file: file, line: item.line, field: path, detail: "'\(text)' is listed twice; list each value once.")
                }
                seen.append(text)
            }
        case .controller:
            let text = try scalar(node, path: path, expected: "a controller name")
            guard controllers.contains(text) else {
                throw .unknownController(file: file, line: node.line, field: path, value: text, known: controllers)
            }
        }
    }

    private func validateMap(
        _ node: Node, fields: [(name: String, field: BoardSchema.Field)], exactlyOneOf: [String], path: String, keyLine: Int
    ) throws(BoardError) {
        let allowed = fields.map(\.name)
        guard let mapping = node.mapping else {
            let expected = allowed.isEmpty ? "an empty mapping {}" : "a mapping with fields \(allowed.joined(separator: ", "))"
            throw .wrongType(file: file, line: node.line, field: path.isEmpty ? "(top level)" : path, expected: expected, found: node.summary)
        }
        var present: [String] = []
        for (key, value) in mapping {
            let name = try keyName(key, path: path)
            guard let rule = fields.first(where: { $0.name == name })?.field else {
                throw .unknownField(file: file, line: key.line, field: join(path, name), allowed: allowed)
            }
            if value.isNull {
                if rule.required {
                    throw .wrongType(file: file, line: key.line, field: join(path, name), expected: typeDescription(rule), found: "nothing")
                }
                continue
            }
            present.append(name)
            try validate(value, against: rule, path: join(path, name), keyLine: key.line)
        }
        for (name, rule) in fields where rule.required && !present.contains(name) {
            throw .missingField(file: file, line: keyLine, field: join(path, name))
        }
        if !exactlyOneOf.isEmpty {
            let chosen = exactlyOneOf.filter(present.contains)
            if chosen.count != 1 {
                let found = chosen.isEmpty ? "none" : chosen.joined(separator: " and ")
                throw .conflict(file: file, line: keyLine, field: path,
                                detail: "needs exactly one of \(exactlyOneOf.joined(separator: ", ")); found \(found).")
            }
        }
    }

    private func keyName(_ key: Node, path: String) throws(BoardError) -> String {
        guard case let .scalar(scalar) = key, !scalar.string.isEmpty else {
            throw .wrongType(file: file, line: key.line, field: path.isEmpty ? "(top level)" : path,
                             expected: "a field name", found: key.summary)
        }
        return scalar.string
    }

    private func scalar(_ node: Node, path: String, expected: String, plainOnly: Bool = false) throws(BoardError) -> String {
        guard case let .scalar(scalar) = node else {
            throw .wrongType(file: file, line: node.line, field: path, expected: expected, found: node.summary)
        }
        if plainOnly && scalar.style != .plain {
            throw .wrongType(file: file, line: node.line, field: path, expected: "\(expected) (unquoted)", found: "the quoted text \(node.summary)")
        }
        return scalar.string
    }

    private func typeDescription(_ field: BoardSchema.Field) -> String {
        switch field.kind {
        case let .integer(min, max):
            let noun = field.typeName == "pin" ? "a BCM pin number" : field.typeName == "hz" ? "a frequency in Hz" : "an integer"
            if let min, let max { return "\(noun) (\(min)–\(max))" }
            return noun
        case .boolean: return "true or false"
        case let .enumeration(values): return "one of \(values.joined(separator: ", "))"
        case let .list(values): return "a list of \(values.joined(separator: ", "))"
        case .string: return "text"
        case .controller: return "a controller name (\(controllers.joined(separator: ", ")))"
        case .map: return "a mapping"
        case .pins: return "a mapping of names to pins"
        }
    }

    private func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.wholeMatch(in: text)) != nil
    }

    private func join(_ path: String, _ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
}

extension Node {
    /// A YAML null (`~`, `null` or nothing after the colon), which an optional field treats as absent.
    var isNull: Bool {
        guard case let .scalar(scalar) = self, scalar.style == .plain else { return false }
        return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
    }
}
