import Yams

/// Turns board-file text into a Yams node tree with line marks, mapping every parser failure to a
/// `BoardError` that names the file and line. Guards the parser against inputs that are not board files
/// (binary bytes, NUL, absurd nesting) before handing them to it.
enum YAMLDocument {
    /// Board files are a few kilobytes; anything far larger is the wrong file.
    static let sizeLimit = 64 * 1024
    /// Flow collections nested deeper than this are not a board file, and deep nesting costs parser stack.
    static let nestingLimit = 32

    /// Decodes bytes as UTF-8 text, rejecting NUL and invalid sequences with the line they occur on.
    static func text(from bytes: [UInt8], file: String) throws(BoardError) -> String {
        guard !bytes.isEmpty else { throw .empty(file: file) }
        guard bytes.count <= sizeLimit else { throw .tooLarge(file: file, bytes: bytes.count, limit: sizeLimit) }
        var line = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { line += 1 }
            if byte == 0 { throw .notText(file: file, line: line, detail: "NUL byte at offset \(index)") }
            if byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 {
                throw .notText(file: file, line: line, detail: "control byte 0x\(String(byte, radix: 16)) at offset \(index)")
            }
            index += 1
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes)
            let badLine = bytes[..<bad].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            throw .notText(file: file, line: badLine, detail: "invalid UTF-8 at offset \(bad)")
        }
        return text
    }

    /// Parses one YAML document into nodes. An empty document is `.empty`.
    static func compose(_ text: String, file: String) throws(BoardError) -> Node {
        try checkNesting(text, file: file)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw .syntax(file: file, line: 1, problem: "\(error)")
        }
        guard let node else { throw .empty(file: file) }
        if case let .scalar(scalar) = node, scalar.string.isEmpty { throw .empty(file: file) }
        return node
    }

    private static func syntaxError(_ error: YamlError, file: String) -> BoardError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let where_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return .syntax(file: file, line: mark.line, problem: problem + where_)
        case let .duplicatedKeysInMapping(duplicates, context):
            return .syntax(file: file, line: context.mark.line,
                           problem: "duplicate key \(duplicates.sorted().joined(separator: ", ")); each field may appear once")
        case let .reader(problem, _, _, _):
            return .notText(file: file, line: 1, detail: problem)
        default:
            return .syntax(file: file, line: 1, problem: "\(error)")
        }
    }

    private static func checkNesting(_ text: String, file: String) throws(BoardError) {
        var depth = 0
        var line = 1
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > nestingLimit {
                    throw .syntax(file: file, line: line, problem: "brackets nested more than \(nestingLimit) deep")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(scalar): offset += UTF8.width(scalar)
            case .emptyInput: return bytes.count
            case .error: return offset
            }
        }
    }
}

/// Small views of a Yams node used in messages and checks.
extension Node {
    /// The 1-based line the node starts on.
    var line: Int { mark?.line ?? 1 }

    /// A short description of what the node is, for "expected X, found Y".
    var summary: String {
        switch self {
        case let .scalar(scalar):
            if scalar.string.isEmpty { return "nothing" }
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            return "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// Exact parsing of scalar spellings (decimal or 0x hexadecimal integers, true/false).
enum ScalarText {
    static func integer(_ text: String) -> Int? {
        var digits = Substring(text)
        var negative = false
        if digits.hasPrefix("-") { negative = true; digits = digits.dropFirst() } else if digits.hasPrefix("+") { digits = digits.dropFirst() }
        let value: Int?
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            let hex = digits.dropFirst(2)
            value = hex.isEmpty || !hex.allSatisfy(\.isHexDigit) ? nil : Int(hex, radix: 16)
        } else {
            value = digits.isEmpty || !digits.allSatisfy({ $0.isASCII && $0.isNumber }) ? nil : Int(digits)
        }
        guard let value else { return nil }
        return negative ? -value : value
    }

    /// Whether the text is an integer spelling at all (even one too large for Int).
    static func looksLikeInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.hasPrefix("-") || digits.hasPrefix("+") { digits = digits.dropFirst() }
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            let hex = digits.dropFirst(2)
            return !hex.isEmpty && hex.allSatisfy(\.isHexDigit)
        }
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
