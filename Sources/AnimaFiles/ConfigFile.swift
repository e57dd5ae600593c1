/// The configuration file format: a small, strict subset of TOML — `key = value` lines, `[section]` headers,
/// `#` comments; values are "basic strings", 'literal strings', integers, floats or true/false. Keys are flattened as
/// `section.key`; a table header may appear once (as TOML requires). Errors name the file and line and say what is wrong.
public struct ConfigFile: Sendable, Equatable {
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case string(String)
        case integer(Int)
        case float(Double)
        case bool(Bool)

        public var isString: Bool {
            if case .string = self { return true }
            return false
        }

        public var description: String {
            switch self {
            case let .string(text): return text
            case let .integer(number): return String(number)
            case let .float(number): return String(number)
            case let .bool(flag): return String(flag)
            }
        }
    }

    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Flattened keys (`governance.url`) to values, with the line each came from.
    public private(set) var values: [String: (value: Value, line: Int)] = [:]
    public let path: String

    public static func == (lhs: ConfigFile, rhs: ConfigFile) -> Bool {
        lhs.path == rhs.path && lhs.values.mapValues(\.value) == rhs.values.mapValues(\.value)
    }

    /// Parses the file's bytes as read from disk. A UTF-8 byte order mark and Windows line ends (CRLF) are accepted —
    /// a file edited on Windows is normal input; a NUL byte or bytes that are not UTF-8 are refused naming the line.
    public init(path: String, bytes: [UInt8]) throws(ParseError) {
        var body = bytes[...]
        if body.starts(with: Self.byteOrderMark) { body = body.dropFirst(Self.byteOrderMark.count) }
        var text = ""
        text.reserveCapacity(body.count)
        for (index, line) in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if let column = line.firstIndex(of: 0) {
                throw ParseError(
                    file: path, line: index + 1,
                    message: "a NUL byte at column \(column - line.startIndex + 1): this is not a text file (damaged, or binary); rewrite it with `anima flash` or fix it by hand")
            }
            guard let decoded = String(validating: line, as: UTF8.self) else {
                throw ParseError(
                    file: path, line: index + 1,
                    message: "not UTF-8 text: save the file as UTF-8 (a Latin-1 or UTF-16 editor setting writes other bytes)")
            }
            if index > 0 { text += "\n" }
            text += decoded
        }
        try self.init(path: path, text: text)
    }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public init(path: String, text: String) throws(ParseError) {
        self.path = path
        var section = ""
        var sectionLines: [String: Int] = [:]
        for (index, rawLine) in Self.lines(of: text).enumerated() {
            let lineNumber = index + 1
            let line = Self.stripComment(rawLine).trimmingWhitespace()
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw ParseError(file: path, line: lineNumber, message: "a section header looks like [name]")
                }
                section = String(line.dropFirst().dropLast()).trimmingWhitespace()
                guard Self.isBareKey(section) else {
                    throw ParseError(file: path, line: lineNumber, message: "section name '\(section)' may use letters, digits, _ and - only")
                }
                if let first = sectionLines[section] {
                    throw ParseError(
                        file: path, line: lineNumber,
                        message: "[\(section)] appears twice (first on line \(first)); put all its keys under one header")
                }
                sectionLines[section] = lineNumber
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ParseError(file: path, line: lineNumber, message: "expected `key = value`, found '\(line)'")
            }
            let key = String(line[..<equals]).trimmingWhitespace()
            let rawValue = String(line[line.index(after: equals)...]).trimmingWhitespace()
            guard Self.isBareKey(key) else {
                throw ParseError(file: path, line: lineNumber, message: "key '\(key)' may use letters, digits, _ and - only")
            }
            let fullKey = section.isEmpty ? key : section + "." + key
            if let first = values[fullKey] {
                throw ParseError(file: path, line: lineNumber, message: "'\(fullKey)' is set twice (first on line \(first.line))")
            }
            values[fullKey] = (try Self.parseValue(rawValue, file: path, line: lineNumber, key: fullKey), lineNumber)
        }
    }

    /// The lines of `text`, split on LF with a CR before it dropped (Swift sees CRLF as one Character, so splitting
    /// on "\n" alone kept a Windows file as one line), after a leading byte order mark.
    static func lines(of text: String) -> [Substring] {
        let scalars = text.unicodeScalars
        var start = scalars.first == "\u{FEFF}" ? scalars.index(after: scalars.startIndex) : scalars.startIndex
        var lines: [Substring] = []
        var index = start
        while true {
            guard index < scalars.endIndex else {
                lines.append(Substring(scalars[start..<index]))
                return lines
            }
            if scalars[index] == "\n" {
                var end = index
                if end > start, scalars[scalars.index(before: end)] == "\r" { end = scalars.index(before: end) }
                lines.append(Substring(scalars[start..<end]))
                index = scalars.index(after: index)
                start = index
            } else {
                index = scalars.index(after: index)
            }
        }
    }

    private static func isBareKey(_ key: String) -> Bool {
        !key.isEmpty && key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// Drops a `#` comment that is not inside a string (basic strings know escapes; literal strings do not).
    private static func stripComment(_ line: Substring) -> String {
        var quote: Character?
        var escaped = false
        var result = ""
        for character in line {
            if let open = quote {
                if escaped {
                    escaped = false
                } else if open == "\"" && character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                break
            }
            result.append(character)
        }
        return result
    }

    private static func parseValue(_ text: String, file: String, line: Int, key: String) throws(ParseError) -> Value {
        if text.hasPrefix("'") {
            // A TOML literal string: taken as written, no escapes, no single quote inside.
            guard text.count >= 2, text.hasSuffix("'") else {
                throw ParseError(file: file, line: line, message: "'\(key)': unterminated string")
            }
            let body = text.dropFirst().dropLast()
            guard !body.contains("'") else {
                throw ParseError(file: file, line: line, message: "'\(key)': a 'literal string' cannot hold a single quote; use \"…\"")
            }
            return .string(String(body))
        }
        if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\"") else {
                throw ParseError(file: file, line: line, message: "'\(key)': unterminated string")
            }
            var result = ""
            var escaped = false
            for character in text.dropFirst().dropLast() {
                if escaped {
                    switch character {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\"", "\\": result.append(character)
                    default: throw ParseError(file: file, line: line, message: "'\(key)': unknown escape \\\(character)")
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    throw ParseError(file: file, line: line, message: "'\(key)': unexpected quote inside the string")
                } else {
                    result.append(character)
                }
            }
            return .string(result)
        }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        let digits = text.replacingUnderscores()
        if let integer = Int(digits) { return .integer(integer) }
        if let float = Double(digits), float.isFinite { return .float(float) }
        throw ParseError(file: file, line: line, message: "'\(key)': '\(text)' is not a string (in quotes), number or true/false")
    }

    /// Renders values back into the format (sorted, sections grouped), for `anima flash` to write.
    public static func render(_ values: [(key: String, value: Value)], header: String) -> String {
        var lines = header.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }
        var currentSection = ""
        for (key, value) in values.sorted(by: { ($0.key.contains(".") ? 1 : 0, $0.key) < ($1.key.contains(".") ? 1 : 0, $1.key) }) {
            let parts = key.split(separator: ".", maxSplits: 1)
            let section = parts.count == 2 ? String(parts[0]) : ""
            let name = parts.count == 2 ? String(parts[1]) : key
            if section != currentSection {
                lines.append("")
                lines.append("[\(section)]")
                currentSection = section
            }
            lines.append("\(name) = \(literal(value))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case let .string(text):
            let escaped = text.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"")
                .replacingOccurrences("\n", "\\n").replacingOccurrences("\t", "\\t")
            return "\"\(escaped)\""
        case let .integer(number): return String(number)
        case let .float(number): return String(number)
        case let .bool(flag): return String(flag)
        }
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }

    fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}

extension String {
    /// The string without leading and trailing white space (no Foundation needed).
    public func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
